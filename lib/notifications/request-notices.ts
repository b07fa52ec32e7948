import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/create-client";
import type { Sql } from "@/lib/db/sql";
import { env } from "@/lib/env";
import { formatReference } from "@/lib/requests/reference";
import { mayReadWhere } from "@/lib/requests/request-policy";
import { statusLabel, type Status } from "@/lib/validation/requests";
import { handleMatches, mentionHandles } from "./mentions";
import { notificationKinds } from "./kinds";
import { notify, noticeRows, type NoticeRecipient, type NoticeSpec } from "./notify";

type People = Pick<Tx, "person">;

/**
 * Who hears about what happens to a request. Every function runs inside the use case's transaction
 * and never notifies the person who acted.
 */

/** Who made a change: a person, or the desk itself (id null), e.g. a team's assignment rule. */
export type NoticeActor = Pick<Actor, "name" | "agentOf"> & { id: string | null };

/** The desk as the author of automatic changes, counted as staff of the request's department. */
export const systemActor = (departmentId: string): NoticeActor => ({ id: null, name: "The desk", agentOf: [departmentId] });

/** What a notice about a request names: read here, or handed over by a change that holds it (`noticeRequestOf`). */
export type NoticeRequest = Awaited<ReturnType<typeof readRequest>>;

const loadRequest = (tx: Tx, requestId: string, held?: NoticeRequest) => (held ? Promise.resolve(held) : readRequest(tx, requestId));

async function readRequest(tx: Tx, requestId: string) {
  const r = await tx.request.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      id: true,
      number: true,
      title: true,
      departmentId: true,
      requesterId: true,
      assigneeId: true,
      teamId: true,
      department: { select: { key: true, name: true } },
      team: { select: { name: true } },
      watchers: { select: { personId: true } },
    },
  });
  return withLink(r);
}

function withLink<R extends { number: number; department: { key: string }; watchers: { personId: string }[] }>(r: R) {
  const reference = formatReference(r.department.key, r.number);
  return { ...r, reference, link: `${env().NEXTAUTH_URL.replace(/\/$/, "")}/requests/${reference}`, watcherIds: r.watchers.map((w) => w.personId) };
}

/** A NoticeRequest from what a change holds (loadForChange with `history`), so the notice reads nothing again. */
export function noticeRequestOf(
  request: { id: string; departmentId: string; requesterId: string; assigneeId: string | null },
  held: { number: number; title: string; teamId: string | null; department: { key: string; name: string }; team: { name: string } | null; watchers: { id: string }[] },
): NoticeRequest {
  return withLink({
    id: request.id,
    number: held.number,
    title: held.title,
    departmentId: request.departmentId,
    requesterId: request.requesterId,
    assigneeId: request.assigneeId,
    teamId: held.teamId,
    department: { key: held.department.key, name: held.department.name },
    team: held.team,
    watchers: held.watchers.map((w) => ({ personId: w.id })),
  });
}

const without = (ids: (string | null | undefined)[], ...excluded: (string | null | undefined)[]) =>
  [...new Set(ids.filter((id): id is string => Boolean(id) && !excluded.includes(id)))];

const excerpt = (text: string, max = 500) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A new request: the agents of its team, or of the department when it has no team (or an empty one). */
export async function notifyRequestFiled(tx: Tx, options: { actor: Pick<Actor, "id" | "name">; requestId: string }) {
  const r = await loadRequest(tx, options.requestId);
  const audience = await newRequestAudience(tx, { departmentId: r.departmentId, teamId: r.teamId, actorId: options.actor.id });
  const rows = noticeRows(audience, newRequestNotice({ ...r, actorName: options.actor.name, departmentName: r.department.name, teamName: r.team?.name ?? null }));
  if (rows.notifications.length) await tx.notification.createMany({ data: rows.notifications });
  if (rows.emails.length) await tx.emailDelivery.createMany({ data: rows.emails });
}

/** What the agents hear about a new request (notifyRequestFiled, and filings that write the rows themselves). */
export function newRequestNotice(r: { id: string; reference: string; title: string; actorName: string; departmentName: string; teamName: string | null }) {
  return {
    kind: "new_request" as const,
    requestId: r.id,
    title: `New request ${r.reference}: ${r.title}`,
    body: `${r.actorName} filed “${r.title}” with ${r.teamName ? `${r.departmentName} (${r.teamName})` : r.departmentName}.`,
    link: `${env().NEXTAUTH_URL.replace(/\/$/, "")}/requests/${r.reference}`,
  };
}

/**
 * Who hears about a new request, with their own choice for it, in one statement: the active staff of
 * the department in the request's team, or all of them when the team has none (or there is no team),
 * never the person who filed it.
 */
export async function newRequestAudience(client: Pick<Sql, "$queryRaw">, options: { departmentId: string; teamId: string | null; actorId: string }): Promise<NoticeRecipient[]> {
  return client.$queryRaw<NoticeRecipient[]>`
    WITH staff AS (
      SELECT DISTINCT p.id, p.email, p."timeZone" FROM "Person" p JOIN "RoleGrant" g ON g."personId" = p.id
       WHERE p.active AND g."departmentId" = ${options.departmentId} AND g.role IN ('AGENT', 'HEAD')
    ), team AS (
      SELECT s.id, s.email, s."timeZone" FROM staff s JOIN "TeamMember" m ON m."personId" = s.id AND m."teamId" = ${options.teamId}
    ), chosen AS (
      SELECT id, email, "timeZone" FROM team UNION ALL SELECT id, email, "timeZone" FROM staff WHERE NOT EXISTS (SELECT 1 FROM team)
    )
    SELECT c.id, c.email, c."timeZone", np."inApp", np.email AS "byEmail"
      FROM chosen c LEFT JOIN "NotificationPreference" np ON np."personId" = c.id AND np.kind = ${notificationKinds.new_request}
     WHERE c.id <> ${options.actorId}
     ORDER BY c.id`;
}

/** The new assignee, unless they took it themself. */
export async function notifyAssigned(tx: Tx, options: { actor: NoticeActor; requestId: string; assigneeId: string | null; held?: NoticeRequest }) {
  if (!options.assigneeId || options.assigneeId === options.actor.id) return;
  const r = await loadRequest(tx, options.requestId, options.held);
  await notify(tx, { ...assignedNotice(r, { actor: options.actor, assigneeId: options.assigneeId }), request: r });
}

/** What notifyAssigned tells the new assignee (the caller checks they are not the actor). */
export function assignedNotice(r: NoticeRequest, options: { actor: NoticeActor; assigneeId: string }): NoticeSpec {
  return {
    personIds: [options.assigneeId],
    kind: "assigned",
    requestId: r.id,
    title: `${r.reference} was assigned to you`,
    body: `${options.actor.name} assigned you “${r.title}”.`,
    link: r.link,
  };
}

/**
 * A status change: the requester and the watchers; the assignee too when the requester or a
 * watcher made it (cancel, reopen), since the request left or re-entered their queue.
 */
export async function notifyStatusChanged(
  tx: Tx,
  options: { actor: NoticeActor; requestId: string; from: Status; to: Status; cancelled?: boolean; reopened?: boolean; reason?: string; held?: NoticeRequest },
) {
  const r = await loadRequest(tx, options.requestId, options.held);
  await notify(tx, { ...statusNotice(r, options), request: r });
}

/** What notifyStatusChanged tells, and whom (also for changes that write the rows themselves). */
export function statusNotice(
  r: NoticeRequest,
  options: { actor: NoticeActor; from: Status; to: Status; cancelled?: boolean; reopened?: boolean; reason?: string },
): NoticeSpec {
  const byStaff = options.actor.agentOf.includes(r.departmentId);
  const what = options.cancelled
    ? `cancelled “${r.title}”`
    : options.reopened
      ? `reopened “${r.title}”`
      : `changed “${r.title}” from ${statusLabel[options.from]} to ${statusLabel[options.to]}`;
  return {
    personIds: without([r.requesterId, ...r.watcherIds, byStaff ? null : r.assigneeId], options.actor.id),
    kind: "status_changed",
    requestId: r.id,
    title: options.cancelled ? `${r.reference} was cancelled` : options.reopened ? `${r.reference} was reopened` : `${r.reference} is now ${statusLabel[options.to]}`,
    body: `${options.actor.name} ${what}.${options.reason ? `\n\n${excerpt(options.reason)}` : ""}`,
    link: r.link,
  };
}

/**
 * A reply or an internal note. Public replies go to the requester and the watchers, and to the
 * assignee when the requester or a watcher wrote it. Internal notes go to the assignee only. People
 * @mentioned get a mention instead. Whoever is told must be allowed to read the comment by the
 * request policy (mayReadWhere): a mention of someone who may not, or an assignee who no longer may,
 * gets nothing, so an internal note never leaks through a notification.
 */
export async function notifyCommented(tx: Tx, options: { actor: Actor; requestId: string; body: string; visibility: "PUBLIC" | "INTERNAL"; held?: NoticeRequest }) {
  const r = await loadRequest(tx, options.requestId, options.held);
  const internal = options.visibility === "INTERNAL";
  const mentioned = await mayReadComment(tx, r, (await resolveMentions(tx, mentionHandles(options.body))).map((p) => p.id), internal);
  for (const spec of commentNotices(r, { ...options, mentioned })) await notify(tx, { ...spec, request: r });
}

/**
 * What notifyCommented tells, and whom (also for changes that write the rows themselves).
 * `mentioned`: the people the body @mentions who may read the comment (notify() lets through only
 * those the policy lets read it anyway).
 */
export function commentNotices(r: NoticeRequest, options: { actor: Pick<Actor, "id" | "name" | "agentOf">; body: string; visibility: "PUBLIC" | "INTERNAL"; mentioned: string[] }): NoticeSpec[] {
  const internal = options.visibility === "INTERNAL";
  const byStaff = options.actor.agentOf.includes(r.departmentId);
  const text = excerpt(options.body);
  const mentioned = without(options.mentioned, options.actor.id);
  const recipients = without(internal ? [r.assigneeId] : [r.requesterId, ...r.watcherIds, byStaff ? null : r.assigneeId]);
  return [
    {
      personIds: mentioned,
      kind: "mention",
      requestId: r.id,
      internal,
      title: `${options.actor.name} mentioned you on ${r.reference}`,
      body: `${internal ? "In an internal note on" : "On"} “${r.title}”:\n\n${text}`,
      link: r.link,
    },
    {
      personIds: without(recipients, options.actor.id, ...mentioned),
      kind: internal ? "internal_note" : "reply",
      requestId: r.id,
      internal,
      title: internal ? `Internal note on ${r.reference}` : `New reply on ${r.reference}`,
      body: `${options.actor.name} ${internal ? "wrote an internal note on" : "replied on"} “${r.title}”:\n\n${text}`,
      link: r.link,
    },
  ];
}

/** Of these people, those the request policy lets read a comment on the request (in their order). */
async function mayReadComment(tx: Tx, r: { id: string; departmentId: string; requesterId: string }, personIds: string[], internal: boolean) {
  if (personIds.length === 0) return [];
  const allowed = await tx.person.findMany({ where: { AND: [{ id: { in: personIds } }, mayReadWhere(r, { internal })] }, select: { id: true } });
  const ids = new Set(allowed.map((p) => p.id));
  return personIds.filter((id) => ids.has(id));
}

/** The active people the handles name; an ambiguous local part names nobody. */
export async function resolveMentions(client: People, handles: string[]): Promise<{ handle: string; id: string; name: string }[]> {
  if (handles.length === 0) return [];
  const candidates = await client.person.findMany({
    where: {
      active: true,
      OR: handles.map((h) => (h.includes("@") ? { email: { equals: h, mode: "insensitive" as const } } : { email: { startsWith: `${h}@`, mode: "insensitive" as const } })),
    },
    select: { id: true, name: true, email: true },
  });
  return handles.flatMap((handle) => {
    const matches = candidates.filter((p) => handleMatches(handle, p.email));
    return matches.length === 1 ? [{ handle, id: matches[0]!.id, name: matches[0]!.name }] : [];
  });
}
