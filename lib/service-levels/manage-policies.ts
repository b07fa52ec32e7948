import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { auditRow, fieldError } from "@/lib/org/audit";
import type { Tx } from "@/lib/db/create-client";
import {
  createPolicySchema,
  departmentRefSchema,
  policyRefSchema,
  reorderPolicySchema,
  setPolicyActiveSchema,
  updatePolicySchema,
  type CreatePolicyInput,
  type ReorderPolicyInput,
  type SetPolicyActiveInput,
  type UpdatePolicyInput,
} from "@/lib/validation/sla-settings";
import type { OpenStatus } from "@/lib/requests/statuses";
import { parseInput } from "@/lib/validation/parse";
import { newlyUnreachable, placeNewPolicy, type MatchablePolicy } from "@/lib/sla/policy-matching";
import { forgetAllDashboardDays } from "@/lib/reports/dashboard-rollup";
import { pauseStatusesSql } from "@/lib/reports/pause-rule";
import { lockDepartment, recomputeOpenClocks, requireConfigure, requireConfigureRecord } from "./settings-access";

const subject = (id: string) => `sla-policy:${id}`;
const order = [{ position: "asc" as const }, { createdAt: "asc" as const }];

type PolicyData = {
  name: string;
  requestTypeIds: string[];
  priorities: ("LOW" | "NORMAL" | "HIGH" | "URGENT")[];
  calendarId: string;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  nextReplyMinutes: number | null;
  pauseStatuses: OpenStatus[];
  active: boolean;
};

const dataOf = (input: PolicyData): PolicyData => ({
  name: input.name,
  requestTypeIds: input.requestTypeIds,
  priorities: input.priorities,
  calendarId: input.calendarId,
  firstResponseMinutes: input.firstResponseMinutes,
  resolutionMinutes: input.resolutionMinutes,
  nextReplyMinutes: input.nextReplyMinutes,
  pauseStatuses: input.pauseStatuses,
  active: input.active,
});

/** A policy may only point at the calendar and request types of its own department. */
async function assertOwnReferences(tx: Tx, departmentId: string, data: PolicyData) {
  const calendar = await tx.slaCalendar.findFirst({ where: { id: data.calendarId, departmentId }, select: { id: true } });
  if (!calendar) throw fieldError("calendarId", "Choose one of this department's calendars.");
  if (data.requestTypeIds.length) {
    const found = await tx.requestType.count({ where: { id: { in: data.requestTypeIds }, departmentId } });
    if (found !== data.requestTypeIds.length) throw fieldError("requestTypeIds", "Choose request types of this department only.");
  }
}

async function policyFor(actor: Actor, input: unknown) {
  const { policyId } = parseInput(policyRefSchema, input);
  const policy = await db().slaPolicy.findUnique({ where: { id: policyId }, select: { id: true, departmentId: true } });
  if (!policy) throw notFound("This policy");
  requireConfigureRecord(actor, policy.departmentId, "This policy");
  return policy;
}

/** The department's pause statuses (pause-rule.ts), as one string to compare. */
async function pauseStatusesKey(tx: Tx, departmentId: string): Promise<string> {
  const [row] = await tx.$queryRaw<{ statuses: string[] }[]>`SELECT ${pauseStatusesSql(Prisma.sql`${departmentId}`)} AS "statuses"`;
  return row!.statuses.join(",");
}

/**
 * Forgets the stored dashboard days when a change moved the department's pause statuses: the SLA
 * report's stored pauses (DashboardPauseDay, DashboardPause) were counted with the old ones. Stored
 * days are the whole organisation's, so every day is forgotten, under the roll-up's lock.
 */
async function forgetDaysIfPausesMoved(tx: Tx, departmentId: string, before: string): Promise<void> {
  if ((await pauseStatusesKey(tx, departmentId)) !== before) await forgetAllDashboardDays(tx);
}

/** Positions 0..n-1 in the given order, writing only the rows that moved. */
async function renumber(tx: Tx, ids: string[], current: Map<string, number>) {
  for (const [position, id] of ids.entries()) {
    if (current.get(id) !== position) await tx.slaPolicy.update({ where: { id }, data: { position } });
  }
}

/** The department's policies in matching order and its request types, as the matching rule reads them. */
async function matchingState(tx: Tx, departmentId: string) {
  const [policies, types] = await Promise.all([
    tx.slaPolicy.findMany({ where: { departmentId }, orderBy: order, select: { id: true, name: true, active: true, requestTypeIds: true, priorities: true, position: true } }),
    tx.requestType.findMany({ where: { departmentId }, select: { id: true } }),
  ]);
  return { policies, typeIds: types.map((t) => t.id) };
}

/** Refuses a change after which some policy (that requests reached before) could never apply. */
function refuseUnreachable(before: readonly MatchablePolicy[], after: readonly MatchablePolicy[], typeIds: readonly string[], field: string) {
  const lost = newlyUnreachable(before, after, typeIds)[0];
  if (!lost) return;
  const by = lost.shadowedBy ? `"${lost.shadowedBy.name}", which comes first, already takes every request type and priority it names` : "earlier policies take every request it names";
  throw fieldError(field, `After this change "${lost.policy.name}" would never apply: ${by}. Narrow the earlier policy, or move "${lost.policy.name}" above it.`);
}

/**
 * A new policy, matched after the existing ones. One that could never match there (placed after a
 * catch-all) goes just above the policy that would take all its requests, and the result says so
 * (`movedAbove`); one that could never match anywhere without hiding another is refused. Open clocks
 * follow at once.
 */
export async function createPolicy(options: { actor: Actor; input: CreatePolicyInput }) {
  const { actor } = options;
  requireConfigure(actor, parseInput(departmentRefSchema, options.input).departmentId);
  const input = parseInput(createPolicySchema, options.input);
  const data = dataOf(input);
  const result = await db().$transaction(async (tx) => {
    await lockDepartment(tx, input.departmentId);
    await assertOwnReferences(tx, input.departmentId, data);
    const { policies, typeIds } = await matchingState(tx, input.departmentId);
    const place = placeNewPolicy(policies, { id: "", ...data }, typeIds);
    if (!place) {
      throw fieldError(
        "requestTypeIds",
        "This policy could never apply: earlier policies already take every request type and priority it names, and putting it above them would leave one of them unused. Change its request types or priorities, or edit the existing policy instead.",
      );
    }
    const pausesBefore = await pauseStatusesKey(tx, input.departmentId);
    const created = await tx.slaPolicy.create({ data: { ...data, departmentId: input.departmentId, position: policies.length } });
    await forgetDaysIfPausesMoved(tx, input.departmentId, pausesBefore);
    const ids = [...policies.slice(0, place.index).map((p) => p.id), created.id, ...policies.slice(place.index).map((p) => p.id)];
    await renumber(tx, ids, new Map([...policies.map((p) => [p.id, p.position] as const), [created.id, created.position]]));
    await tx.auditEvent.create({
      data: auditRow(actor, "sla.policy.created", subject(created.id), { departmentId: input.departmentId, ...data, position: place.index, ...(place.movedAbove ? { movedAbove: place.movedAbove.name } : {}) }),
    });
    return { ...created, position: place.index, movedAbove: place.movedAbove ? { id: place.movedAbove.id, name: place.movedAbove.name } : null };
  });
  await recomputeOpenClocks(input.departmentId);
  return result;
}

/** Everything but the position; open clocks follow at once, resolved requests keep theirs. A form shown before someone else saved is refused (expectedVersion). */
export async function updatePolicy(options: { actor: Actor; input: UpdatePolicyInput }) {
  const { actor } = options;
  const { departmentId } = await policyFor(actor, options.input);
  const input = parseInput(updatePolicySchema, options.input);
  const data = dataOf(input);
  let changed = false;
  const policy = await db().$transaction(async (tx) => {
    await lockDepartment(tx, departmentId);
    const before = await tx.slaPolicy.findUniqueOrThrow({ where: { id: input.policyId } });
    // Checked under the department's lock, so two heads saving the same form cannot both pass.
    if (input.expectedVersion && input.expectedVersion !== before.updatedAt.toISOString()) {
      throw new AppError("STALE_VERSION", "This policy changed since you opened it (saved by someone else). Reload the page and make your change again.");
    }
    await assertOwnReferences(tx, departmentId, data);
    const keys = Object.keys(data) as (keyof PolicyData)[];
    const moved = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(data[k]));
    if (moved.length === 0) return before;
    const { policies, typeIds } = await matchingState(tx, departmentId);
    refuseUnreachable(policies, policies.map((p) => (p.id === before.id ? { ...p, ...data } : p)), typeIds, moved.includes("priorities") && !moved.includes("requestTypeIds") ? "priorities" : "requestTypeIds");
    changed = true;
    const pausesBefore = moved.includes("pauseStatuses") ? await pauseStatusesKey(tx, departmentId) : null;
    const updated = await tx.slaPolicy.update({ where: { id: before.id }, data });
    if (pausesBefore !== null) await forgetDaysIfPausesMoved(tx, departmentId, pausesBefore);
    // Every field is a string, number, boolean, null or an array of strings: plain JSON.
    const pick = (source: Record<keyof PolicyData, unknown>) => Object.fromEntries(moved.map((k) => [k, source[k]])) as Prisma.InputJsonObject;
    await tx.auditEvent.create({ data: auditRow(actor, "sla.policy.updated", subject(before.id), { departmentId, from: pick(before), to: pick(data) }) });
    return updated;
  });
  if (changed) await recomputeOpenClocks(departmentId);
  return policy;
}

/** Moves a policy one place up or down; the first matching policy wins, so order decides targets. */
export async function reorderPolicy(options: { actor: Actor; input: ReorderPolicyInput }) {
  const { actor } = options;
  const { departmentId } = await policyFor(actor, options.input);
  const input = parseInput(reorderPolicySchema, options.input);
  let changed = false;
  const ids = await db().$transaction(async (tx) => {
    await lockDepartment(tx, departmentId);
    const { policies: rows, typeIds } = await matchingState(tx, departmentId);
    const ids = rows.map((r) => r.id);
    const from = ids.indexOf(input.policyId);
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= ids.length) return ids;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    const byId = new Map(rows.map((r) => [r.id, r]));
    refuseUnreachable(rows, ids.map((id) => byId.get(id)!), typeIds, "direction");
    changed = true;
    await renumber(tx, ids, new Map(rows.map((r) => [r.id, r.position])));
    await tx.auditEvent.create({ data: auditRow(actor, "sla.policy.reordered", subject(input.policyId), { departmentId, from, to, order: ids }) });
    return ids;
  });
  if (changed) await recomputeOpenClocks(departmentId);
  return { order: ids };
}

/** Switches a policy on or off; an inactive policy matches no request. */
export async function setPolicyActive(options: { actor: Actor; input: SetPolicyActiveInput }) {
  const { actor } = options;
  const { departmentId } = await policyFor(actor, options.input);
  const input = parseInput(setPolicyActiveSchema, options.input);
  let changed = false;
  const policy = await db().$transaction(async (tx) => {
    await lockDepartment(tx, departmentId);
    const before = await tx.slaPolicy.findUniqueOrThrow({ where: { id: input.policyId } });
    if (before.active === input.active) return before;
    if (input.active) {
      const { policies, typeIds } = await matchingState(tx, departmentId);
      refuseUnreachable(policies, policies.map((p) => (p.id === before.id ? { ...p, active: true } : p)), typeIds, "active");
    }
    changed = true;
    const updated = await tx.slaPolicy.update({ where: { id: before.id }, data: { active: input.active } });
    await tx.auditEvent.create({ data: auditRow(actor, input.active ? "sla.policy.activated" : "sla.policy.deactivated", subject(before.id), { departmentId }) });
    return updated;
  });
  if (changed) await recomputeOpenClocks(departmentId);
  return policy;
}
