import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { AppError, forbidden } from "@/lib/errors";
import type { RequestStatus } from "@/lib/generated/prisma/client";
import { notifyAssigned, notifyStatusChanged, systemActor, type NoticeActor } from "@/lib/notifications/request-notices";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { parseInput } from "@/lib/validation/parse";
import { assignByRuleSchema, type AssignByRuleInput } from "@/lib/validation/requests";
import { eventRow } from "./events";
import { bumpVersion, loadForChange } from "./load-for-change";
import { mayOn, workRefusal } from "./request-policy";
import { openStatuses } from "./statuses";

/** Requests an agent still has to work: what "least loaded" counts. */

type Candidate = { id: string; name: string };
const before = (a: Candidate, b: Candidate) => a.name < b.name || (a.name === b.name && a.id < b.id);

/**
 * The team's next assignee by its rule, or null when the rule is MANUAL or no member is eligible
 * (active, available, agent or head of the department). The team row is locked first and its
 * cursor moved in the caller's transaction, so concurrent filings take turns instead of picking
 * the same agent. The lock is FOR NO KEY UPDATE, not FOR UPDATE: a filing's transaction already
 * holds a key-share lock on its team (the foreign key of the request it inserted), which FOR UPDATE
 * would wait for, so two concurrent filings into one team would deadlock. A team that assigns by
 * hand is not locked at all: there is no turn to take.
 */
export async function pickByTeamRule(tx: Tx, options: { teamId: string; departmentId: string }): Promise<string | null> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Team" WHERE id = ${options.teamId} AND "assignmentRule" <> 'MANUAL' FOR NO KEY UPDATE`;
  if (!locked.length) return null;
  const team = await tx.team.findUnique({ where: { id: options.teamId }, select: { id: true, departmentId: true, assignmentRule: true, ruleCursorId: true } });
  if (!team || team.departmentId !== options.departmentId || team.assignmentRule === "MANUAL") return null;

  const members = await tx.person.findMany({
    where: {
      active: true,
      available: true,
      teams: { some: { teamId: team.id } },
      roles: { some: { departmentId: team.departmentId, role: { in: ["AGENT", "HEAD"] } } },
    },
    select: { id: true, name: true },
  });
  if (members.length === 0) return null;
  // Sorted here, not by the database's collation, so the order and the cursor comparison agree.
  members.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));

  // Turn order: the members after the last one picked (by name, then id), then from the top. The
  // last one picked may have left or gone away since; their place in the order still counts.
  const cursor = team.ruleCursorId ? await tx.person.findUnique({ where: { id: team.ruleCursorId }, select: { id: true, name: true } }) : null;
  const start = cursor ? members.findIndex((m) => before(cursor, m)) : 0;
  const turnOrder = start <= 0 ? members : [...members.slice(start), ...members.slice(0, start)];

  let picked = turnOrder[0]!;
  if (team.assignmentRule === "LEAST_LOADED") {
    const loads = await tx.request.groupBy({
      by: ["assigneeId"],
      where: { departmentId: team.departmentId, status: { in: [...openStatuses] }, assigneeId: { in: members.map((m) => m.id) } },
      _count: { _all: true },
    });
    const load = new Map(loads.map((l) => [l.assigneeId, l._count._all]));
    // The first in turn order among the least loaded: ties rotate instead of always hitting one name.
    for (const m of turnOrder) if ((load.get(m.id) ?? 0) < (load.get(picked.id) ?? 0)) picked = m;
  }
  await tx.team.update({ where: { id: team.id }, data: { ruleCursorId: picked.id } });
  return picked.id;
}

type Assignable = { id: string; version: number; status: RequestStatus; assigneeId: string | null };

/**
 * Records an assignment exactly as a manual one in updateRequest: the `assigned` event, a new
 * request opened by it, the version bump, the clocks and the notices.
 */
async function recordAssignment(tx: Tx, options: { request: Assignable; assigneeId: string; actorId: string | null; noticeActor: NoticeActor; at?: Date }) {
  const { request, assigneeId, actorId, at } = options;
  const opens = request.status === "NEW";
  const events = [eventRow(request.id, actorId, "assigned", { from: { assigneeId: request.assigneeId }, to: { assigneeId } })];
  if (opens) events.push(eventRow(request.id, actorId, "status_changed", { from: { status: "NEW" }, to: { status: "OPEN" } }));
  await bumpVersion(tx, request.id, request.version, { assigneeId, ...(opens ? { status: "OPEN" } : {}) });
  await tx.requestEvent.createMany({ data: at ? events.map((e) => ({ ...e, createdAt: at })) : events });
  await refreshClocks(tx, request.id, at);
  await notifyAssigned(tx, { actor: options.noticeActor, requestId: request.id, assigneeId });
  if (opens) await notifyStatusChanged(tx, { actor: options.noticeActor, requestId: request.id, from: "NEW", to: "OPEN" });
}

/**
 * Called by fileRequest inside its transaction: a request filed to a team whose rule is not MANUAL
 * gets an assignee, attributed to the desk (no actor). No eligible member: it stays unassigned.
 */
export async function assignOnFiling(tx: Tx, options: { requestId: string; at: Date }): Promise<string | null> {
  const request = await tx.request.findUniqueOrThrow({
    where: { id: options.requestId },
    select: { id: true, version: true, status: true, assigneeId: true, teamId: true, departmentId: true },
  });
  if (!request.teamId || request.assigneeId) return null;
  const assigneeId = await pickByTeamRule(tx, { teamId: request.teamId, departmentId: request.departmentId });
  if (!assigneeId) return null;
  await recordAssignment(tx, { request, assigneeId, actorId: null, noticeActor: systemActor(request.departmentId), at: options.at });
  return assigneeId;
}

/**
 * "Assign by team rule" on the request page: an agent of the department asks the request's team
 * rule for the assignee. The event is the agent's, as if they had chosen that person by hand.
 */
export async function assignByTeamRule(options: { actor: Actor; input: AssignByRuleInput }): Promise<{ version: number; assigneeId: string | null; changed: boolean }> {
  const { actor } = options;
  const input = parseInput(assignByRuleSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await loadForChange(tx, actor, input.requestId, input.expectedVersion);
    if (!mayOn(actor, request, "request.triage")) {
      throw forbidden("Only agents of the department that provides this service can assign it.");
    }
    const refusal = workRefusal(request);
    if (refusal) throw refusal;
    if (request.status === "CLOSED") throw new AppError("CONFLICT", "This request is closed and can no longer change.");
    const { team } = await tx.request.findUniqueOrThrow({ where: { id: request.id }, select: { team: { select: { id: true, assignmentRule: true } } } });
    if (!team) throw new AppError("INVALID_INPUT", "This request has no team, so there is no rule to assign it by.");
    if (team.assignmentRule === "MANUAL") throw new AppError("INVALID_INPUT", "This request's team assigns by hand: choose the assignee yourself.");
    const assigneeId = await pickByTeamRule(tx, { teamId: team.id, departmentId: request.departmentId });
    if (!assigneeId) return { version: request.version, assigneeId: null, changed: false };
    if (assigneeId === request.assigneeId) return { version: request.version, assigneeId, changed: false };
    await recordAssignment(tx, { request, assigneeId, actorId: actor.id, noticeActor: actor });
    return { version: request.version + 1, assigneeId, changed: true };
  });
}
