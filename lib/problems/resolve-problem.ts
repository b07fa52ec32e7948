import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { env } from "@/lib/env";
import { AppError, forbidden } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notify } from "@/lib/notifications/notify";
import { askForRating } from "@/lib/satisfaction/ask-for-rating";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { eventRow } from "@/lib/requests/events";
import { bumpVersion, loadForChange } from "@/lib/requests/load-for-change";
import { formatReference } from "@/lib/requests/reference";
import { mayOn, mayReadWhere } from "@/lib/requests/request-policy";
import { isOpenStatus } from "@/lib/requests/statuses";
import { parseInput } from "@/lib/validation/parse";
import { resolveProblemSchema, type ResolveProblemInput } from "@/lib/validation/knowledge";

type Outcome = "resolved" | "returned";

/**
 * One request resolved (or handed back open) with the fix as a public reply from the agent, in the
 * caller's transaction: the same rows a reply and a status change write (comment, `commented` and
 * `status_changed` events, version, resolvedAt, clocks refreshed from the events, the rating asked
 * for), but the requester and every follower are told ONCE, in one notice carrying the fix, instead
 * of a reply notice and a status notice each.
 */
async function closeWithFix(tx: Tx, options: { actor: Actor; requestId: string; fix: string; outcome: Outcome; problem: { id: string; reference: string } | null }) {
  const { actor, outcome } = options;
  const request = await loadForChange(tx, actor, options.requestId);
  if (!mayOn(actor, request, "request.triage")) throw forbidden("Only agents of the department can resolve its problems.");
  if (!isOpenStatus(request.status)) return false;
  const full = await tx.request.findUniqueOrThrow({
    where: { id: request.id },
    select: { id: true, number: true, title: true, departmentId: true, requesterId: true, assigneeId: true, department: { select: { key: true } }, watchers: { select: { personId: true } } },
  });
  const reference = formatReference(full.department.key, full.number);
  const body = options.problem ? `This was caused by a known problem (${options.problem.reference}), now fixed:\n\n${options.fix}` : options.fix;
  const comment = await tx.comment.create({ data: { requestId: request.id, departmentId: full.departmentId, authorId: actor.id, body, visibility: "PUBLIC" }, select: { id: true } });
  const events: Prisma.RequestEventCreateManyInput[] = [eventRow(request.id, actor.id, "commented", { to: { commentId: comment.id, visibility: "PUBLIC", byAgent: true } })];
  const next = outcome === "resolved" ? "RESOLVED" : "OPEN";
  const data: Record<string, unknown> = {};
  if (request.status !== next) {
    data.status = next;
    if (next === "RESOLVED") data.resolvedAt = new Date();
    events.push(eventRow(request.id, actor.id, "status_changed", { from: { status: request.status }, to: { status: next } }));
  }
  if (options.problem) events.push(eventRow(request.id, actor.id, "problem_resolved", { to: { requestId: options.problem.id, reference: options.problem.reference, outcome } }));
  await bumpVersion(tx, request.id, request.version, data);
  await tx.requestEvent.createMany({ data: events });
  await refreshClocks(tx, request.id);

  const link = `${env().NEXTAUTH_URL.replace(/\/$/, "")}/requests/${reference}`;
  const people = [full.requesterId, ...full.watchers.map((w) => w.personId)].filter((id) => id !== actor.id);
  const readers = people.length ? await tx.person.findMany({ where: { AND: [{ id: { in: people } }, mayReadWhere(full, { internal: false })] }, select: { id: true } }) : [];
  await notify(tx, {
    personIds: readers.map((p) => p.id),
    kind: "problem_resolved",
    requestId: request.id,
    title: outcome === "resolved" ? `${reference} is resolved: the cause was fixed` : `${reference}: the cause was fixed`,
    body: `${actor.name} on “${full.title}”:\n\n${body}${outcome === "returned" ? "\n\nThe agent will check that it works for you too." : ""}`,
    link,
  });
  if (outcome === "returned" && full.assigneeId && full.assigneeId !== actor.id) {
    await notify(tx, {
      personIds: [full.assigneeId],
      kind: "problem_resolved",
      requestId: request.id,
      title: `${reference} is back with you: its problem was fixed`,
      body: `${actor.name} fixed the problem ${options.problem?.reference ?? ""} behind “${full.title}”. Check it with the requester and resolve it.`,
      link,
    });
  }
  if (outcome === "resolved") await askForRating(tx, { actor, requestId: request.id });
  return true;
}

/**
 * An agent resolves a problem with its fix: the problem request is resolved, and every open request
 * linked to it is resolved too (or, at the agent's choice, handed back open to its agent), each with
 * the fix as a public reply; each requester and follower is told once and asked to rate as after any
 * resolution. Requests are locked in id order, so two agents resolving overlapping work cannot
 * deadlock; a linked request someone changes meanwhile waits for its lock, never gets lost.
 */
export async function resolveProblem(options: { actor: Actor; input: ResolveProblemInput }): Promise<{ resolved: number; returned: number }> {
  const { actor } = options;
  const input = parseInput(resolveProblemSchema, options.input);
  return db().$transaction(async (tx) => {
    const problem = await loadForChange(tx, actor, input.problemId);
    if (!mayOn(actor, problem, "request.triage")) throw forbidden("Only agents of the department can resolve its problems.");
    if (!isOpenStatus(problem.status)) throw new AppError("CONFLICT", "This problem is no longer open.");
    const row = await tx.request.findUniqueOrThrow({ where: { id: problem.id }, select: { number: true, department: { select: { key: true } } } });
    const ref = { id: problem.id, reference: formatReference(row.department.key, row.number) };
    const linked = await tx.request.findMany({ where: { problemId: problem.id, status: { in: ["NEW", "OPEN", "WAITING_ON_REQUESTER"] } }, select: { id: true }, orderBy: { id: "asc" } });
    if (linked.length === 0 && input.linked === "return") throw new AppError("INVALID_INPUT", "This problem has no open linked requests to hand back.", { linked: ["No open linked requests."] });
    const outcome: Outcome = input.linked === "resolve" ? "resolved" : "returned";
    let changed = 0;
    for (const { id } of linked) if (await closeWithFix(tx, { actor, requestId: id, fix: input.fix, outcome, problem: ref })) changed++;
    await closeWithFix(tx, { actor, requestId: problem.id, fix: input.fix, outcome: "resolved", problem: null });
    return outcome === "resolved" ? { resolved: changed, returned: 0 } : { resolved: 0, returned: changed };
  });
}
