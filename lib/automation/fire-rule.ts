import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { applyMacro } from "@/lib/canned-responses/apply-macro";
import { fillPlaceholders } from "@/lib/canned-responses/placeholders";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { notify } from "@/lib/notifications/notify";
import { addComment } from "@/lib/requests/add-comment";
import { addWatcher } from "@/lib/requests/add-watcher";
import { formatReference } from "@/lib/requests/reference";
import { setRequestTags } from "@/lib/requests/set-request-tags";
import { setRequestTeam } from "@/lib/requests/set-request-team";
import { transferRequest } from "@/lib/requests/transfer-request";
import { updateRequest } from "@/lib/requests/update-request";
import { ruleActionsSchema, ruleConditionsSchema, type RuleActions } from "@/lib/validation/automation";
import { statusLabel, priorityLabel } from "@/lib/validation/request-values";
import { conditionsHold } from "./conditions";
import { ruleActor } from "./rule-actor";

export const ruleSelect = {
  id: true,
  departmentId: true,
  name: true,
  position: true,
  enabled: true,
  trigger: true,
  triggerCount: true,
  conditions: true,
  actions: true,
  activeFrom: true,
  actor: { select: { id: true, email: true, name: true } },
} as const satisfies Prisma.AutomationRuleSelect;
export type LoadedRule = Prisma.AutomationRuleGetPayload<{ select: typeof ruleSelect }>;

export type FireOutcome = "done" | "failed" | "not_matched" | "already_fired";

/**
 * Fires one rule on one request for one occurrence of its trigger, at most once: the conditions are
 * read from the request as it is now, then the (rule, request, occurrence) row is claimed, and only
 * the worker that claimed it acts. The actions run one after the other as the rule's own person
 * through the request use cases (the policy keeps it inside its department); the first one refused
 * stops the rest, and the row says what was done and why.
 */
export async function fireRule(options: {
  rule: LoadedRule;
  requestId: string;
  occurrence: string;
  why: string;
  /**
   * Time triggers: an occurrence whose conditions do not hold when it falls due is spent all the
   * same (a "skipped" row), so the sweep does not look at it again every minute.
   */
  spendWhenNotMatched?: boolean;
  /** When it fires by the sweep's clock (lib/time/clock.ts); later rules count "resolved for N days" from here too. */
  at?: Date;
}): Promise<FireOutcome> {
  const { rule, requestId, occurrence, why } = options;
  const request = await db().request.findUnique({
    where: { id: requestId },
    select: { departmentId: true, typeId: true, priority: true, status: true, requesterDepartmentId: true, teamId: true, tags: true, fieldValues: true },
  });
  // A rule only ever looks at its own department's requests; one moved away since is left alone.
  if (!request || request.departmentId !== rule.departmentId) return "not_matched";
  const conditions = ruleConditionsSchema.safeParse(rule.conditions);
  const actions = ruleActionsSchema.safeParse(rule.actions);
  if (!conditions.success || !actions.success || !conditionsHold(conditions.data, request)) {
    if (options.spendWhenNotMatched) {
      await db().automationRun.createMany({ data: [{ ruleId: rule.id, requestId, occurrence, outcome: "skipped", detail: `${why} Its conditions did not hold.` }], skipDuplicates: true });
    }
    return "not_matched";
  }

  const claimed = await db().$queryRaw<{ id: bigint }[]>`
    INSERT INTO "AutomationRun" ("ruleId", "requestId", occurrence, outcome, detail, "createdAt")
    VALUES (${rule.id}, ${requestId}, ${occurrence}, 'running', ${why}, ${options.at ?? new Date()})
    ON CONFLICT ("ruleId", "requestId", occurrence) DO NOTHING RETURNING id`;
  const runId = claimed[0]?.id;
  if (runId === undefined) return "already_fired";

  const done: string[] = [];
  let outcome: FireOutcome = "done";
  try {
    await perform(ruleActor(rule), requestId, actions.data, done);
  } catch (error) {
    outcome = "failed";
    done.push(`Stopped: ${error instanceof AppError ? error.userMessage : "an unexpected error"}`);
    if (!(error instanceof AppError)) console.error(`[automation] rule ${rule.id} on request ${requestId}`, error);
  }
  const detail = [why, ...done].join(" ");
  await db().automationRun.update({ where: { id: runId }, data: { outcome, detail: detail.slice(0, 4000) } });
  return outcome;
}

async function perform(actor: Actor, requestId: string, a: RuleActions, done: string[]) {
  if (a.setTeamId) {
    await setRequestTeam({ actor, input: { requestId, teamId: a.setTeamId } });
    done.push("Set the team.");
  }
  if (a.setPriority || a.setAssigneeId) {
    await updateRequest({ actor, input: { requestId, priority: a.setPriority, assigneeId: a.setAssigneeId } });
    if (a.setPriority) done.push(`Set the priority to ${priorityLabel[a.setPriority]}.`);
    if (a.setAssigneeId) done.push("Assigned it.");
  }
  if (a.addTags.length) {
    await setRequestTags({ actor, input: { requestId, tags: a.addTags }, add: true });
    done.push(`Tagged it ${a.addTags.join(", ")}.`);
  }
  for (const personId of a.addFollowerIds) {
    await addWatcher({ actor, input: { requestId, personId } });
  }
  if (a.addFollowerIds.length) done.push(`Added ${a.addFollowerIds.length} follower(s).`);
  if (a.reply) {
    await addComment({ actor, input: { requestId, visibility: "PUBLIC", body: await filled(actor, requestId, a.reply) } });
    done.push("Replied to the requester.");
  }
  if (a.cannedResponseId) {
    await applyMacro({ actor, input: { requestId, cannedResponseId: a.cannedResponseId } });
    done.push("Sent a canned response.");
  }
  if (a.note) {
    await addComment({ actor, input: { requestId, visibility: "INTERNAL", body: await filled(actor, requestId, a.note) } });
    done.push("Added an internal note.");
  }
  if (a.notifyPersonIds.length && a.notifyMessage) {
    const message = a.notifyMessage;
    const reference = await referenceOf(requestId);
    await db().$transaction((tx) =>
      notify(tx, { personIds: a.notifyPersonIds, kind: "automation", requestId, internal: true, title: `${reference}: ${actor.name}`, body: message, link: `/requests/${reference}` }),
    );
    done.push("Notified people.");
  }
  if (a.setStatus) {
    await updateRequest({ actor, input: { requestId, status: a.setStatus } });
    done.push(`Set the status to ${statusLabel[a.setStatus]}.`);
  }
  if (a.transferToDepartmentId) {
    const { version } = await db().request.findUniqueOrThrow({ where: { id: requestId }, select: { version: true } });
    const moved = await transferRequest({ actor, input: { requestId, expectedVersion: version, toDepartmentId: a.transferToDepartmentId, reason: `Moved by the rule "${actor.name}".` } });
    done.push(`Transferred it (now ${moved.reference}).`);
  }
}

async function referenceOf(requestId: string) {
  const r = await db().request.findUniqueOrThrow({ where: { id: requestId }, select: { number: true, department: { select: { key: true } } } });
  return formatReference(r.department.key, r.number);
}

async function filled(actor: Actor, requestId: string, body: string) {
  const r = await db().request.findUniqueOrThrow({
    where: { id: requestId },
    select: { number: true, department: { select: { key: true, name: true } }, requester: { select: { name: true } } },
  });
  return fillPlaceholders(body, { requesterName: r.requester.name, reference: formatReference(r.department.key, r.number), agentName: r.department.name });
}
