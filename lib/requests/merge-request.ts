import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, forbidden } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { parseInput } from "@/lib/validation/parse";
import { mergeSchema, type MergeInput } from "@/lib/validation/request-relations";
import { eventRow } from "./events";
import { findVisibleByReference } from "./find-by-reference";
import { bumpVersion, loadForChange, staleVersion } from "./load-for-change";
import { mayOn, workRefusal } from "./request-policy";
import { formatReference } from "./reference";

const field = (code: "INVALID_INPUT" | "NOT_FOUND" | "CONFLICT", message: string) => new AppError(code, message, { targetReference: [message] });

/**
 * An agent of a duplicate's department closes it into the request it duplicates (which they must
 * be able to see): the duplicate gets `merged_into` and closes (its clocks stop), the target gets
 * `merged_from`, and the duplicate's requester follows the target from then on.
 */
export async function mergeRequest(options: { actor: Actor; input: MergeInput }): Promise<{ targetReference: string; version: number }> {
  const { actor } = options;
  const input = parseInput(mergeSchema, options.input);
  return db().$transaction(async (tx) => {
    const found = await findVisibleByReference(tx, actor, input.targetReference);
    if (!found) throw field("NOT_FOUND", `There is no request ${input.targetReference.toUpperCase()} that you can see.`);
    // Both rows locked in id order: two agents merging A into B and B into A at once wait, never deadlock.
    await tx.$queryRaw`SELECT 1 FROM "Request" WHERE id = ANY(${[input.requestId, found.id]}::text[]) ORDER BY id FOR UPDATE`;
    const request = await loadForChange(tx, actor, input.requestId);
    if (!mayOn(actor, request, "request.merge")) {
      throw forbidden("Only agents of the department holding this request can merge it.");
    }
    const refusal = workRefusal(request);
    if (refusal) throw refusal;
    if (request.status === "CLOSED") throw new AppError("CONFLICT", "This request is already closed, so it cannot be merged.");
    if (input.expectedVersion !== request.version) throw staleVersion();
    if (found.id === request.id) throw field("INVALID_INPUT", "A request cannot be merged into itself. Enter the number of the request it duplicates.");

    // Read again under the lock: the target may have been merged or closed meanwhile.
    const target = await tx.request.findUniqueOrThrow({
      where: { id: found.id },
      select: { id: true, title: true, status: true, mergedIntoId: true, requesterId: true, number: true, department: { select: { key: true } } },
    });
    const targetReference = formatReference(target.department.key, target.number);
    if (target.mergedIntoId) throw field("CONFLICT", `${targetReference} was itself merged into another request. Merge into that one instead.`);
    if (target.status === "CLOSED") throw field("CONFLICT", `${targetReference} is closed. Merge into a request that is still open or resolved.`);

    const duplicate = await tx.request.findUniqueOrThrow({
      where: { id: request.id },
      select: { title: true, number: true, department: { select: { key: true } }, watchers: { select: { personId: true } } },
    });
    const reference = formatReference(duplicate.department.key, duplicate.number);
    const now = new Date();
    await bumpVersion(tx, request.id, request.version, { status: "CLOSED", closedAt: now, mergedIntoId: target.id });
    await tx.requestEvent.createMany({
      data: [
        eventRow(request.id, actor.id, "status_changed", { from: { status: request.status }, to: { status: "CLOSED", merged: true } }),
        eventRow(request.id, actor.id, "merged_into", { to: { requestId: target.id, reference: targetReference } }),
        eventRow(target.id, actor.id, "merged_from", { to: { requestId: request.id, reference } }),
      ],
    });
    if (request.requesterId !== target.requesterId) {
      const { count } = await tx.watcher.createMany({ data: [{ requestId: target.id, personId: request.requesterId }], skipDuplicates: true });
      if (count) {
        const requester = await tx.person.findUniqueOrThrow({ where: { id: request.requesterId }, select: { name: true } });
        await tx.requestEvent.create({ data: eventRow(target.id, actor.id, "watcher_added", { to: { personId: request.requesterId, name: requester.name } }) });
      }
    }
    // The target's row is not otherwise changed: its version stays, so nobody's open form goes stale.
    await tx.request.update({ where: { id: target.id }, data: { updatedAt: now } });
    await refreshClocks(tx, request.id);
    await refreshClocks(tx, target.id);

    await notify(tx, {
      personIds: [request.requesterId, ...duplicate.watchers.map((w) => w.personId)].filter((id) => id !== actor.id),
      kind: "status_changed",
      requestId: request.id,
      title: `${reference} was merged into ${targetReference}`,
      body: `${actor.name} closed “${duplicate.title}” as a duplicate of “${target.title}”. Follow ${targetReference} for updates.`,
      // The duplicate's page says where it went (its watchers may not see the target).
      link: `${env().NEXTAUTH_URL.replace(/\/$/, "")}/requests/${reference}`,
    });
    return { targetReference, version: request.version + 1 };
  });
}
