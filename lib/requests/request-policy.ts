import { can, permissionTable, rolesOf, type Action, type Actor, type PermissionContext, type RoleName } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Status } from "@/lib/validation/requests";
import { publicEventTypes } from "./events";
import { isOpenStatus } from "./statuses";

/**
 * The request policy: who may see a request, its internal notes and its files, and what each
 * person may do on it. The only owner of those rules; everything else asks it. It reads the
 * permission table (lib/auth/permissions.ts) and turns it into:
 *  - record scopes: `visibleRequests`, `ownRequests` (filed or followed), `visibleComments`,
 *    `visibleEvents`, `visibleAttachments` (Prisma `where`s from the actor);
 *  - the same as SQL for raw queries: `requestVisibleSql`, `commentVisibleSql`, `eventVisibleSql`,
 *    `standingSql`, and `requestAccess`
 *    for queries that search each way of seeing a request on its own index (search);
 *  - the same seen from a request: `mayReadWhere`, the people who may read it or one of its
 *    comments (notifications and mentions go to them only);
 *  - one person on one request: `requestViewer`, with `can.*` flags that pages render and use cases check.
 *
 * In words, as the table says today:
 *  - A request, its public replies and their files, and the files filed with it: its requester,
 *    its followers, and the agents and heads of the department that holds it now
 *    (`request.view`). Not HR, not admins, not agents of a department it was transferred from.
 *  - An approver (lib/approvals) sees the request's public side while a step they are asked to
 *    decide is pending, and no longer once it is decided: the `approver` standing, read from
 *    ApprovalStep/Approver rows, never a side check elsewhere.
 *  - While a request waits for approval nobody works it: `workRefusal` says why.
 *  - An internal note and its files: only the agents and heads of that department
 *    (`request.viewInternal`), never the requester or a follower, even one who is an agent elsewhere.
 *  - Events other than `publicEventTypes` (lib/requests/events.ts) count as internal.
 * A request or file the actor may not see is NOT_FOUND, never FORBIDDEN.
 */

type RequestAction = Extract<Action, `request.${string}`>;

/**
 * What one rule grants an actor across all requests: the shape every `where` and SQL predicate is
 * built from. Roles bound to a request (requester, watcher) and to a department (agent, head) grant
 * those requests; a role held everywhere (employee, hr, admin) would grant every request.
 */
export type Access = { everything: boolean; asRequester: boolean; asWatcher: boolean; asApprover: boolean; departmentIds: string[] };

export function accessTo(actor: Actor, action: RequestAction): Access {
  const roles = permissionTable[action] as readonly RoleName[];
  const everywhere = rolesOf(actor);
  return {
    everything: roles.some((r) => everywhere.has(r)),
    asRequester: roles.includes("requester"),
    asWatcher: roles.includes("watcher"),
    asApprover: roles.includes("approver"),
    departmentIds: [...new Set([...(roles.includes("agent") ? actor.agentOf : []), ...(roles.includes("head") ? actor.headOf : [])])],
  };
}

/** `followedIds`, when the caller has read them, stand for the actor's Watcher rows (no subquery). */
function requestBranches(actor: Actor, access: Access, followedIds?: string[]): Prisma.RequestWhereInput[] {
  if (access.everything) return [{}];
  const followed: Prisma.RequestWhereInput = followedIds ? { id: { in: followedIds } } : { watchers: { some: { personId: actor.id } } };
  return [
    ...(access.asRequester ? [{ requesterId: actor.id }] : []),
    ...(access.asWatcher ? [followed] : []),
    ...(access.asApprover ? [approvingWhere(actor.id)] : []),
    ...(access.departmentIds.length ? [{ departmentId: { in: access.departmentIds } }] : []),
  ];
}

/** Requests with a pending step that asks this person to decide (never their own requests). */
function approvingWhere(personId: string): Prisma.RequestWhereInput {
  return { requesterId: { not: personId }, approvalSteps: { some: { state: "PENDING", approvers: { some: { personId } } } } };
}

/** The requests an actor may see at all. Every query for requests starts from this. */
export function visibleRequests(actor: Actor): Prisma.RequestWhereInput {
  return { OR: requestBranches(actor, accessTo(actor, "request.view")) };
}

/**
 * "My requests": those the actor filed or follows, of them only those the policy lets them see
 * (were following no longer enough to see a request, a followed one would drop out here too).
 * `followedIds` are the ids of the requests they follow, read first: "requesterId = $1 OR
 * id = ANY($2)" is two index scans, where an OR with a subquery on Watcher makes PostgreSQL read
 * every request (seconds at 1M requests).
 */
export function ownRequests(actor: Actor, followedIds: string[]): Prisma.RequestWhereInput {
  return {
    AND: [
      { OR: [{ requesterId: actor.id }, { id: { in: followedIds } }] },
      { OR: requestBranches(actor, accessTo(actor, "request.view"), followedIds) },
    ],
  };
}

/**
 * `ownRequests` as an SQL predicate on a "Request" row: filed by the actor or followed, and seen. The
 * followed ids are one array read once for the statement (an InitPlan), so "requesterId = $1 OR
 * id = ANY(…)" stays two index scans.
 */
export function ownRequestsSql(actor: Actor, r: RequestColumns): Prisma.Sql {
  return Prisma.sql`((${r.requesterId} = ${actor.id} OR ${r.id} = ANY(ARRAY(SELECT ow."requestId" FROM "Watcher" ow WHERE ow."personId" = ${actor.id})))
    AND ${requestVisibleSql(actor, r)})`;
}

/** The requests whose internal notes (and their files, and internal events) the actor may read. */
function internalRequests(actor: Actor): Prisma.RequestWhereInput[] {
  return requestBranches(actor, accessTo(actor, "request.viewInternal"));
}

/** Comments the actor may read: on requests they see, public replies, or internal notes where they may read those. */
export function visibleComments(actor: Actor): Prisma.CommentWhereInput {
  return { request: visibleRequests(actor), OR: [{ visibility: "PUBLIC" }, ...internalRequests(actor).map((request) => ({ request }))] };
}

/** Events the actor may read: on requests they see, the public kinds (`publicEventTypes`), or every kind where they may read internal notes. */
export function visibleEvents(actor: Actor): Prisma.RequestEventWhereInput {
  return { request: visibleRequests(actor), OR: [{ type: { in: publicEventTypes } }, ...internalRequests(actor).map((request) => ({ request }))] };
}

/** `visibleEvents` for one event of a request the actor sees, given whether they may read its internal side. */
export const eventReadable = (type: string, seesInternal: boolean) => seesInternal || (publicEventTypes as string[]).includes(type);

/**
 * The attachments an actor may open: those of requests they may see, except files of internal
 * notes, which only those who may read the note see (a file inherits its comment's visibility).
 */
export function visibleAttachments(actor: Actor): Prisma.AttachmentWhereInput {
  return {
    request: visibleRequests(actor),
    OR: [{ commentId: null }, { comment: { visibility: "PUBLIC" } }, ...internalRequests(actor).map((request) => ({ request }))],
  };
}

/** Columns of a "Request" row in a raw query: its id, department and requester. */
export type RequestColumns = { id: Prisma.Sql; departmentId: Prisma.Sql; requesterId: Prisma.Sql };

/** The columns of a "Request" row under an alias (`r` gives r.id, r."departmentId", r."requesterId"). */
export const requestColumns = (alias: string): RequestColumns => ({
  id: Prisma.raw(`${alias}.id`),
  departmentId: Prisma.raw(`${alias}."departmentId"`),
  requesterId: Prisma.raw(`${alias}."requesterId"`),
});

function accessSql(actor: Actor, access: Access, r: RequestColumns): Prisma.Sql {
  if (access.everything) return Prisma.sql`TRUE`;
  // The department branch first: for an agent it decides most rows without the follower lookup.
  const branches = [
    ...(access.departmentIds.length ? [Prisma.sql`${r.departmentId} = ANY(${access.departmentIds}::text[])`] : []),
    ...(access.asRequester ? [Prisma.sql`${r.requesterId} = ${actor.id}`] : []),
    ...(access.asWatcher ? [Prisma.sql`EXISTS (SELECT 1 FROM "Watcher" pw WHERE pw."requestId" = ${r.id} AND pw."personId" = ${actor.id})`] : []),
    ...(access.asApprover ? [approvingSql(actor.id, r)] : []),
  ];
  return branches.length ? Prisma.sql`(${Prisma.join(branches, " OR ")})` : Prisma.sql`FALSE`;
}

/** `approvingWhere` as SQL on a "Request" row. */
export function approvingSql(personId: string, r: RequestColumns): Prisma.Sql {
  return Prisma.sql`(${r.requesterId} <> ${personId} AND EXISTS (SELECT 1 FROM "ApprovalStep" ps JOIN "Approver" pa ON pa."stepId" = ps.id
    WHERE ps."requestId" = ${r.id} AND ps.state = 'PENDING' AND pa."personId" = ${personId}))`;
}

/** `visibleRequests` as an SQL predicate on a "Request" row. */
export function requestVisibleSql(actor: Actor, r: RequestColumns): Prisma.Sql {
  return accessSql(actor, accessTo(actor, "request.view"), r);
}

/** Of the comments on a request the actor sees (row `r`), those they may read, as an SQL predicate on comment `c`. */
export function commentVisibleSql(actor: Actor, c: string, r: RequestColumns): Prisma.Sql {
  return Prisma.sql`(${Prisma.raw(c)}.visibility = 'PUBLIC' OR ${internalVisibleSql(actor, r)})`;
}

/** `visibleEvents` for the events (row `e`) of a request row `r` the actor sees, as an SQL predicate. */
export function eventVisibleSql(actor: Actor, e: string, r: RequestColumns): Prisma.Sql {
  return Prisma.sql`(${Prisma.raw(e)}.type = ANY(${publicEventTypes}::text[]) OR ${internalVisibleSql(actor, r)})`;
}

/**
 * `standingSelect` as SQL columns on request row `r`: "isWatcher" and "isApprover" of the actor, for
 * raw reads that judge the actor with `mayOn` (with r."departmentId", r."requesterId", r."approvalState").
 */
export function standingSql(actor: Actor, r: RequestColumns): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Watcher" sw WHERE sw."requestId" = ${r.id} AND sw."personId" = ${actor.id}) AS "isWatcher",
    EXISTS (SELECT 1 FROM "ApprovalStep" ss JOIN "Approver" sa ON sa."stepId" = ss.id
             WHERE ss."requestId" = ${r.id} AND ss.state = 'PENDING' AND sa."personId" = ${actor.id}) AS "isApprover"`;
}

/** Whether the actor may read the internal side of request row `r` (internal notes, their files, every event), as SQL. */
export function internalVisibleSql(actor: Actor, r: RequestColumns): Prisma.Sql {
  return accessSql(actor, accessTo(actor, "request.viewInternal"), r);
}

/** The ways an actor sees requests and internal notes, for raw queries that read each way on its own index. */
export function requestAccess(actor: Actor): { view: Access; internal: Access } {
  return { view: accessTo(actor, "request.view"), internal: accessTo(actor, "request.viewInternal") };
}

/**
 * The active people who may read a request (`internal: false`: the request and its public replies)
 * or its internal notes (`internal: true`), as a Person `where`: what notifications and mentions
 * are sent to. The same table read from the request's side; heads are agents of their department.
 */
export function mayReadWhere(request: { id: string; departmentId: string; requesterId: string }, options: { internal: boolean }): Prisma.PersonWhereInput {
  const people = (action: RequestAction): Prisma.PersonWhereInput => {
    const roles = permissionTable[action] as readonly RoleName[];
    const branches: Prisma.PersonWhereInput[] = roles.flatMap((role): Prisma.PersonWhereInput[] => {
      switch (role) {
        case "employee":
          return [{}];
        case "requester":
          return [{ id: request.requesterId }];
        case "watcher":
          return [{ watching: { some: { requestId: request.id } } }];
        case "approver":
          return [{ id: { not: request.requesterId }, approverOf: { some: { step: { requestId: request.id, state: "PENDING" } } } }];
        case "agent":
          return [{ roles: { some: { departmentId: request.departmentId, role: { in: ["AGENT", "HEAD"] } } } }];
        case "head":
          return [{ roles: { some: { departmentId: request.departmentId, role: "HEAD" } } }];
        case "hr":
          return [{ roles: { some: { role: "HR" } } }];
        case "admin":
          return [{ roles: { some: { role: "ADMIN" } } }];
      }
    });
    return { OR: branches };
  };
  return { active: true, AND: [people("request.view"), ...(options.internal ? [people("request.viewInternal")] : [])] };
}

/**
 * `mayReadWhere` as an SQL predicate on person row `p` (columns id, active) and request row `r`:
 * for writes that read who may be told in the statement that reads the request.
 */
export function mayReadSql(p: string, r: RequestColumns, options: { internal: boolean }): Prisma.Sql {
  const person = Prisma.raw(p);
  const people = (action: RequestAction): Prisma.Sql => {
    const roles = permissionTable[action] as readonly RoleName[];
    const grant = (roleSql: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM "RoleGrant" mg WHERE mg."personId" = ${person}.id AND ${roleSql})`;
    const branches = roles.map((role): Prisma.Sql => {
      switch (role) {
        case "employee":
          return Prisma.sql`TRUE`;
        case "requester":
          return Prisma.sql`${person}.id = ${r.requesterId}`;
        case "watcher":
          return Prisma.sql`EXISTS (SELECT 1 FROM "Watcher" mw WHERE mw."requestId" = ${r.id} AND mw."personId" = ${person}.id)`;
        case "approver":
          return Prisma.sql`(${person}.id <> ${r.requesterId} AND EXISTS (SELECT 1 FROM "ApprovalStep" ms JOIN "Approver" ma ON ma."stepId" = ms.id
            WHERE ms."requestId" = ${r.id} AND ms.state = 'PENDING' AND ma."personId" = ${person}.id))`;
        case "agent":
          return grant(Prisma.sql`mg."departmentId" = ${r.departmentId} AND mg.role IN ('AGENT', 'HEAD')`);
        case "head":
          return grant(Prisma.sql`mg."departmentId" = ${r.departmentId} AND mg.role = 'HEAD'`);
        case "hr":
          return grant(Prisma.sql`mg.role = 'HR'`);
        case "admin":
          return grant(Prisma.sql`mg.role = 'ADMIN'`);
      }
    });
    return branches.length ? Prisma.sql`(${Prisma.join(branches, " OR ")})` : Prisma.sql`FALSE`;
  };
  return Prisma.sql`(${person}.active AND ${people("request.view")}${options.internal ? Prisma.sql` AND ${people("request.viewInternal")}` : Prisma.empty})`;
}

/** How long after resolution the requester may still reopen (DESK_REOPEN_WINDOW_DAYS); later, a new request is the way. */
export const reopenWindowDays = () => env().DESK_REOPEN_WINDOW_DAYS;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last instant a request resolved at `resolvedAt` can be reopened. */
export function reopenDeadline(resolvedAt: Date, windowDays: number = reopenWindowDays()): Date {
  return new Date(resolvedAt.getTime() + windowDays * DAY_MS);
}

/** What the policy needs to know of a request to judge one person on it. */
export type RequestFacts = {
  departmentId: string;
  requesterId: string;
  status: Status;
  resolvedAt: Date | null;
  isWatcher: boolean;
  /** Asked to decide a pending approval step of it (lib/approvals). */
  isApprover?: boolean;
  /** Null when its type asked for no approval; PENDING while nobody may work it. */
  approvalState?: "PENDING" | "APPROVED" | "REJECTED" | null;
};

type Standing = Pick<RequestFacts, "departmentId" | "requesterId" | "isWatcher" | "isApprover">;

/** What to select of a request row to judge the actor on it (`standingOf` turns it into facts for `mayOn`). */
export const standingSelect = (actor: Actor) =>
  ({
    departmentId: true,
    requesterId: true,
    approvalState: true,
    watchers: { where: { personId: actor.id }, select: { personId: true } },
    approvalSteps: { where: { state: "PENDING", approvers: { some: { personId: actor.id } } }, select: { id: true } },
  }) as const;

export const standingOf = (row: {
  departmentId: string;
  requesterId: string;
  watchers: readonly unknown[];
  approvalSteps: readonly unknown[];
  approvalState: RequestFacts["approvalState"];
}) => ({
  departmentId: row.departmentId,
  requesterId: row.requesterId,
  isWatcher: row.watchers.length > 0,
  isApprover: row.approvalSteps.length > 0,
  approvalState: row.approvalState,
});

/**
 * Why nobody may work this request now (status, priority, assignment, replies as the department,
 * transfer, merge, problems), or null. While its approvers have not all decided, the providing
 * department waits: its clocks have not started and the requester has not been promised anything.
 */
export function workRefusal(request: Pick<RequestFacts, "approvalState">): AppError | null {
  if (request.approvalState === "PENDING") {
    return new AppError("CONFLICT", "This request is waiting for approval: nobody works it until its approvers have decided.");
  }
  return null;
}

/** The permission context of an actor on a request: requester (alone), follower, and the providing department. */
export function requestContext(actor: Actor, request: Standing): PermissionContext {
  return { departmentId: request.departmentId, isRequester: request.requesterId === actor.id, isWatcher: request.isWatcher, isApprover: request.isApprover === true };
}

/** Whether the table lets the actor do this on the request, whatever its status (use cases then say why a status refuses it). */
export function mayOn(actor: Actor, request: Standing, action: RequestAction): boolean {
  const context = requestContext(actor, request);
  return can(actor, "request.view", context) && can(actor, action, context);
}

export type ViewerCan = {
  view: boolean;
  /** Internal notes, their files, internal events, the department's SLA segments. */
  seeInternal: boolean;
  reply: boolean;
  note: boolean;
  assign: boolean;
  changeStatus: boolean;
  changePriority: boolean;
  transfer: boolean;
  merge: boolean;
  link: boolean;
  cancel: boolean;
  reopen: boolean;
  /** Asked to rate the resolution (rate-request also checks the cycle and an existing rating). */
  rate: boolean;
  /** Say "this is not OK" on an open request and ask for a follow-up (lib/complaints/raise-complaint.ts). */
  complain: boolean;
  /** Decide the pending approval step they are asked to (lib/approvals/decide-approval.ts checks it again). */
  approve: boolean;
  /** Add followers (oneself or others). */
  follow: boolean;
  removeFollowers: boolean;
  /** Stop following oneself: any follower, also on a closed request. */
  unfollow: boolean;
};

export type RequestViewer = {
  isRequester: boolean;
  isWatcher: boolean;
  /** Works for the providing department (agent or head): the page shows the staff's side. */
  isAgent: boolean;
  can: ViewerCan;
  /** Until when the requester may reopen (a resolved request only). */
  reopenUntil: Date | null;
  /** The requester could reopen, but the window has passed: a new request is the way. */
  reopenWindowPassed: boolean;
  /** Sees the request only because they follow it: once they stop, it is gone for them. */
  seesOnlyAsFollower: boolean;
};

/** One person on one request: what they may see and do now, from the table and the request's status. */
export function requestViewer(actor: Actor, request: RequestFacts, now: Date = new Date()): RequestViewer {
  const context = requestContext(actor, request);
  const view = can(actor, "request.view", context);
  const may = (action: RequestAction) => mayOn(actor, request, action);
  const open = isOpenStatus(request.status);
  const closed = request.status === "CLOSED";
  const reopenUntil = request.status === "RESOLVED" && request.resolvedAt ? reopenDeadline(request.resolvedAt) : null;
  const reopenable = may("request.reopen") && request.status === "RESOLVED";
  const withinWindow = !reopenUntil || reopenUntil.getTime() > now.getTime();
  // While approvals are pending nobody works it (workRefusal); the requester may still write.
  const awaiting = request.approvalState === "PENDING";
  const triage = may("request.triage") && !closed && !awaiting;
  return {
    isRequester: context.isRequester === true,
    isWatcher: request.isWatcher,
    isAgent: view && rolesOf(actor, { departmentId: request.departmentId }).has("agent"),
    can: {
      view,
      seeInternal: may("request.viewInternal"),
      reply: may("request.reply") && !closed && !(awaiting && may("request.triage")),
      note: may("request.note") && !closed,
      assign: triage,
      changeStatus: triage,
      changePriority: triage,
      transfer: may("request.transfer") && open && !awaiting,
      merge: may("request.merge") && !closed && !awaiting,
      link: may("request.link"),
      cancel: may("request.cancel") && open,
      reopen: reopenable && withinWindow,
      rate: may("request.rate") && !open && request.resolvedAt !== null,
      complain: may("request.complain") && open,
      approve: may("request.approve") && awaiting,
      follow: may("request.watchers.add") && !closed,
      removeFollowers: may("request.watchers.remove"),
      unfollow: view && request.isWatcher,
    },
    reopenUntil: reopenable ? reopenUntil : null,
    reopenWindowPassed: reopenable && !withinWindow,
    seesOnlyAsFollower: view && !can(actor, "request.view", { ...context, isWatcher: false }),
  };
}

/**
 * Whether the actor may read the internal side of every request a department holds (its agents and
 * heads, `request.viewInternal`): only they may let the department's webhook carry internal notes,
 * which it reads as `departmentSeat` does. An admin who configures the department is not one of them.
 */
export function mayReadDepartmentInternal(actor: Actor, departmentId: string): boolean {
  const access = accessTo(actor, "request.viewInternal");
  return access.everything || access.departmentIds.includes(departmentId);
}

/**
 * The reader a department's webhook reads as (lib/webhooks): an agent of that department holding no
 * other role, so it sees exactly what the department's agents see, and nothing of requests
 * transferred away, filed by them elsewhere, or followed.
 */
export function departmentSeat(departmentId: string): Actor {
  return { id: `department-seat:${departmentId}`, email: "", name: "", departmentId, agentOf: [departmentId], headOf: [], hr: false, admin: false };
}
