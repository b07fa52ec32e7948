import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { handleMatches, mentionHandles } from "@/lib/notifications/mentions";
import { resolveMentions } from "@/lib/notifications/request-notices";
import { parseInput } from "@/lib/validation/parse";
import { mentionCheckSchema, mentionSearchSchema } from "@/lib/validation/requests";
import { mayOn, mayReadWhere, standingOf, standingSelect, visibleRequests } from "./request-policy";

export type MentionCandidate = {
  id: string;
  name: string;
  department: string;
  /** What to type after `@`: the email's local part, or the whole email when another active person shares it. */
  handle: string;
  /** Whether they may read internal notes too; null when the asker may not know (they cannot write notes). */
  readsNotes: boolean | null;
};

export type MentionCheck = {
  /** Handles that name no active person (or more than one): nobody would be told. */
  unmatched: string[];
  /** People named who may not read a comment of this visibility: they would not be told either. */
  unreadable: { handle: string; name: string }[];
};

const LIMIT = 8;

/** The request if the actor may comment on it: NOT_FOUND when they may not see it. */
async function commentable(actor: Actor, requestId: string) {
  const row = await db().request.findFirst({ where: { AND: [{ id: requestId }, visibleRequests(actor)] }, select: { id: true, ...standingSelect(actor) } });
  if (!row) throw notFound();
  const request = { id: row.id, ...standingOf(row) };
  if (!mayOn(actor, request, "request.reply")) throw forbidden();
  return request;
}

/**
 * Who an `@` in a reply or note on this request may name: the active people the request policy lets
 * read its replies (mayReadWhere, the rule notifications are sent by), whose name or email starts
 * with the query, the writer left out. An agent also learns which of them read internal notes.
 */
export async function mentionCandidates(options: { actor: Actor; requestId: string; query: string }): Promise<MentionCandidate[]> {
  const { actor } = options;
  const input = parseInput(mentionSearchSchema, { requestId: options.requestId, query: options.query });
  const request = await commentable(actor, input.requestId);
  // Prisma passes startsWith/contains to LIKE unescaped.
  const query = input.query.replace(/[\\%_]/g, (c) => `\\${c}`);
  const matching = query
    ? [{ OR: [{ name: { startsWith: query, mode: "insensitive" as const } }, { name: { contains: ` ${query}`, mode: "insensitive" as const } }, { email: { startsWith: query, mode: "insensitive" as const } }] }]
    : [];
  const people = await db().person.findMany({
    where: { AND: [mayReadWhere(request, { internal: false }), { id: { not: actor.id } }, ...matching] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: LIMIT,
    select: { id: true, name: true, email: true, department: { select: { name: true } } },
  });
  if (people.length === 0) return [];

  const locals = [...new Set(people.map((p) => p.email.slice(0, p.email.lastIndexOf("@")).toLowerCase()))];
  const sharing = await db().person.findMany({
    where: { active: true, OR: locals.map((l) => ({ email: { startsWith: `${l}@`, mode: "insensitive" as const } })) },
    select: { email: true },
  });
  const seesNotes = mayOn(actor, request, "request.note");
  const noteReaders = seesNotes
    ? new Set((await db().person.findMany({ where: { AND: [{ id: { in: people.map((p) => p.id) } }, mayReadWhere(request, { internal: true })] }, select: { id: true } })).map((p) => p.id))
    : null;
  return people.map((p) => {
    const local = p.email.slice(0, p.email.lastIndexOf("@")).toLowerCase();
    const shared = sharing.filter((s) => handleMatches(local, s.email)).length > 1;
    return { id: p.id, name: p.name, department: p.department.name, handle: shared ? p.email.toLowerCase() : local, readsNotes: noteReaders ? noteReaders.has(p.id) : null };
  });
}

/**
 * The mentions of a reply or note that would reach nobody, said before it is sent: a handle that
 * names no one (or is ambiguous), and a person the request policy does not let read it. The writer
 * may still send it; notifications then skip them exactly as notifyCommented does.
 */
export async function checkMentions(options: { actor: Actor; requestId: string; body: string; visibility: "PUBLIC" | "INTERNAL" }): Promise<MentionCheck> {
  const { actor } = options;
  const input = parseInput(mentionCheckSchema, { requestId: options.requestId, body: options.body, visibility: options.visibility });
  const request = await commentable(actor, input.requestId);
  if (input.visibility === "INTERNAL" && !mayOn(actor, request, "request.note")) throw forbidden("Only agents of the department can write internal notes.");
  const handles = mentionHandles(input.body);
  const named = await resolveMentions(db(), handles);
  const readers = new Set(
    named.length
      ? (await db().person.findMany({ where: { AND: [{ id: { in: named.map((p) => p.id) } }, mayReadWhere(request, { internal: input.visibility === "INTERNAL" })] }, select: { id: true } })).map((p) => p.id)
      : [],
  );
  return {
    unmatched: handles.filter((h) => !named.some((p) => p.handle === h)),
    unreadable: named.filter((p) => !readers.has(p.id)).map((p) => ({ handle: p.handle, name: p.name })),
  };
}
