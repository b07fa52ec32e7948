import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { watcherSchema, type WatcherInput } from "@/lib/validation/requests";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { eventRow } from "./events";
import { loadForChange } from "./load-for-change";
import { mayOn } from "./request-policy";

const invalidPerson = (message: string) => new AppError("INVALID_INPUT", message, { personId: [message] });

/**
 * Lets a co-worker follow a request: they then see it, with public replies only, among their
 * requests. The requester, its followers and the providing department's agents may add people.
 * Adding someone who already follows it is a no-op (`added: false`, no event), so a double click
 * or two people adding the same colleague at once is not an error. The request row itself does not
 * change, so its version does not move and nobody's open form goes stale.
 */
export async function addWatcher(options: { actor: Actor; input: WatcherInput }): Promise<{ added: boolean }> {
  const { actor } = options;
  const input = parseInput(watcherSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await loadForChange(tx, actor, input.requestId);
    if (!mayOn(actor, request, "request.watchers.add")) throw forbidden("Only people involved in this request can add followers.");
    if (request.status === "CLOSED") throw new AppError("CONFLICT", "This request is closed: nobody can start following it.");

    if (input.personId === request.requesterId) throw invalidPerson("The requester already follows their own request.");
    const person = await tx.person.findFirst({ where: { id: input.personId, active: true }, select: { id: true, name: true } });
    if (!person) throw invalidPerson("Only active co-workers can follow a request. Choose someone from the list.");

    // ON CONFLICT DO NOTHING: a concurrent add of the same person waits for this row, then skips.
    const { count } = await tx.watcher.createMany({ data: [{ requestId: request.id, personId: person.id }], skipDuplicates: true });
    if (count === 0) return { added: false };
    await tx.requestEvent.create({ data: eventRow(request.id, actor.id, "watcher_added", { to: { personId: person.id, name: person.name } }) });
    await refreshClocks(tx, request.id);
    return { added: true };
  });
}
