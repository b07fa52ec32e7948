import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { findVisibleByReference } from "./find-by-reference";
import { formatReference, parseReference } from "./reference";
import { visibleRequests } from "./request-policy";

const summary = { id: true, title: true, status: true, number: true, department: { select: { key: true, name: true } } } as const;
type Summary = { id: string; title: string; status: string; number: number; department: { key: string; name: string } };
const described = (r: Summary) => ({ id: r.id, reference: formatReference(r.department.key, r.number), title: r.title, status: r.status, department: r.department.name });

/**
 * What a request page shows around the request: its links, where it was merged to or from, and
 * the references it had before transfers. Only requests the viewer may see are named; a merge
 * target they may not see is "another request", a link to one is left out.
 */
export async function requestRelations(options: { actor: Actor; requestId: string }) {
  const { actor, requestId } = options;
  const request = await db().request.findFirst({
    where: { AND: [{ id: requestId }, visibleRequests(actor)] },
    select: { mergedIntoId: true, aliases: { orderBy: { createdAt: "asc" }, select: { departmentId: true, number: true } } },
  });
  if (!request) return { links: [], mergedInto: null, mergedFrom: [], formerReferences: [] };
  const visible = visibleRequests(actor);
  const [links, mergedInto, mergedFrom, aliasDepartments] = await Promise.all([
    db().requestLink.findMany({
      where: { OR: [{ requestAId: requestId, requestB: visible }, { requestBId: requestId, requestA: visible }] },
      orderBy: { createdAt: "asc" },
      select: { id: true, requestAId: true, requestA: { select: summary }, requestB: { select: summary } },
    }),
    request.mergedIntoId ? db().request.findFirst({ where: { AND: [{ id: request.mergedIntoId }, visible] }, select: summary }) : null,
    db().request.findMany({ where: { AND: [{ mergedIntoId: requestId }, visible] }, orderBy: { closedAt: "asc" }, select: summary }),
    request.aliases.length ? db().department.findMany({ where: { id: { in: request.aliases.map((a) => a.departmentId) } }, select: { id: true, key: true } }) : [],
  ]);
  const keys = new Map(aliasDepartments.map((d) => [d.id, d.key]));
  return {
    links: links.map((l) => ({ linkId: l.id, ...described(l.requestAId === requestId ? l.requestB : l.requestA) })),
    mergedInto: request.mergedIntoId ? (mergedInto ? { visible: true as const, ...described(mergedInto) } : { visible: false as const }) : null,
    mergedFrom: mergedFrom.map(described),
    formerReferences: request.aliases.flatMap((a) => (keys.has(a.departmentId) ? [formatReference(keys.get(a.departmentId)!, a.number)] : [])),
  };
}

export type RequestRelations = Awaited<ReturnType<typeof requestRelations>>;

/** The current reference of a request the viewer may see, given one it had before a transfer; null otherwise. */
export async function currentReference(options: { actor: Actor; reference: string }): Promise<string | null> {
  if (!parseReference(options.reference)) return null;
  const found = await findVisibleByReference(db(), options.actor, options.reference);
  return found && found.reference !== options.reference.trim().toUpperCase() ? found.reference : null;
}
