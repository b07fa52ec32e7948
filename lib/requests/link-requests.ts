import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { linkSchema, unlinkSchema, type LinkInput, type UnlinkInput } from "@/lib/validation/request-relations";
import { eventRow } from "./events";
import { findVisibleByReference } from "./find-by-reference";
import { formatReference } from "./reference";
import { mayOn, standingOf, standingSelect, visibleRequests } from "./request-policy";

const otherField = (code: "INVALID_INPUT" | "NOT_FOUND", message: string) => new AppError(code, message, { otherReference: [message] });

async function loadForLinking(tx: Tx, actor: Actor, requestId: string) {
  const request = await tx.request.findFirst({
    where: { AND: [{ id: requestId }, visibleRequests(actor)] },
    select: { id: true, number: true, department: { select: { key: true } }, ...standingSelect(actor) },
  });
  if (!request) throw notFound();
  if (!mayOn(actor, standingOf(request), "request.link")) {
    throw forbidden("Only agents of the department holding this request can link it.");
  }
  return { ...request, reference: formatReference(request.department.key, request.number) };
}

/**
 * An agent links the request to a related one they can see (any department). A pair is stored once
 * whichever side it was added from; linking it again is a no-op (`added: false`). Links change
 * neither request's version, so nobody's open form goes stale.
 */
export async function linkRequests(options: { actor: Actor; input: LinkInput }): Promise<{ added: boolean; linkId: string }> {
  const { actor } = options;
  const input = parseInput(linkSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await loadForLinking(tx, actor, input.requestId);
    const other = await findVisibleByReference(tx, actor, input.otherReference);
    if (!other) throw otherField("NOT_FOUND", `There is no request ${input.otherReference.toUpperCase()} that you can see.`);
    if (other.id === request.id) throw otherField("INVALID_INPUT", "A request cannot be linked to itself.");

    const [requestAId, requestBId] = request.id < other.id ? [request.id, other.id] : [other.id, request.id];
    // ON CONFLICT DO NOTHING: the same pair added twice at once stays one link.
    const { count } = await tx.requestLink.createMany({ data: [{ requestAId, requestBId, createdById: actor.id }], skipDuplicates: true });
    const link = await tx.requestLink.findUniqueOrThrow({ where: { requestAId_requestBId: { requestAId, requestBId } }, select: { id: true } });
    if (count === 0) return { added: false, linkId: link.id };
    await tx.requestEvent.createMany({
      data: [
        eventRow(request.id, actor.id, "linked", { to: { requestId: other.id, reference: other.reference, linkId: link.id } }),
        eventRow(other.id, actor.id, "linked", { to: { requestId: request.id, reference: request.reference, linkId: link.id } }),
      ],
    });
    return { added: true, linkId: link.id };
  });
}

/** An agent of the request's department removes one of its links, whichever side added it. */
export async function unlinkRequests(options: { actor: Actor; input: UnlinkInput }): Promise<{ removed: boolean }> {
  const { actor } = options;
  const input = parseInput(unlinkSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await loadForLinking(tx, actor, input.requestId);
    const link = await tx.requestLink.findFirst({
      where: { id: input.linkId, OR: [{ requestAId: request.id }, { requestBId: request.id }] },
      select: { id: true, requestAId: true, requestBId: true, requestA: { select: { number: true, department: { select: { key: true } } } }, requestB: { select: { number: true, department: { select: { key: true } } } } },
    });
    // Already removed (a double click, or a colleague just did): nothing left to do.
    if (!link) return { removed: false };
    const { count } = await tx.requestLink.deleteMany({ where: { id: link.id } });
    if (count === 0) return { removed: false };
    const a = { requestId: link.requestAId, reference: formatReference(link.requestA.department.key, link.requestA.number) };
    const b = { requestId: link.requestBId, reference: formatReference(link.requestB.department.key, link.requestB.number) };
    await tx.requestEvent.createMany({
      data: [eventRow(a.requestId, actor.id, "unlinked", { from: b }), eventRow(b.requestId, actor.id, "unlinked", { from: a })],
    });
    return { removed: true };
  });
}
