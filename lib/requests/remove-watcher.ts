import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { watcherSchema, type WatcherInput } from "@/lib/validation/requests";
import { refreshClocks } from "@/lib/service-levels/refresh-clocks";
import { eventRow } from "./events";
import { loadForChange } from "./load-for-change";
import { mayOn } from "./request-policy";

/**
 * Stops someone following a request. Anyone may stop following themself (also on a closed
 * request); the requester and the department's agents may remove others, other followers may not.
 * Removing someone who does not follow it is a no-op (`removed: false`, no event).
 */
export async function removeWatcher(options: { actor: Actor; input: WatcherInput }): Promise<{ removed: boolean }> {
  const { actor } = options;
  const input = parseInput(watcherSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await loadForChange(tx, actor, input.requestId);
    const self = input.personId === actor.id;
    if (!self && !mayOn(actor, request, "request.watchers.remove")) {
      throw forbidden("Only the requester and the department's agents can remove other followers. You can stop following yourself.");
    }
    const removed = await tx.watcher.deleteMany({ where: { requestId: request.id, personId: input.personId } });
    if (removed.count === 0) return { removed: false };
    const person = await tx.person.findUnique({ where: { id: input.personId }, select: { name: true } });
    await tx.requestEvent.create({
      data: eventRow(request.id, actor.id, "watcher_removed", { from: { personId: input.personId, name: person?.name ?? null } }),
    });
    await refreshClocks(tx, request.id);
    return { removed: true };
  });
}
