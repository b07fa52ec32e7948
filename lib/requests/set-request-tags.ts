import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import { setTagsSchema, type SetTagsInput } from "@/lib/validation/automation";
import { parseInput } from "@/lib/validation/parse";
import { eventRow } from "./events";
import { bumpVersion, loadForChange } from "./load-for-change";
import { mayOn } from "./request-policy";

/**
 * The request's tags as the agent (or a rule) gives them, in one change with one event. `add: true`
 * keeps the tags it has and adds these (what a rule does); otherwise the list replaces them.
 */
export async function setRequestTags(options: { actor: Actor; input: SetTagsInput; add?: boolean }): Promise<{ version: number; tags: string[] }> {
  const { actor } = options;
  const input = parseInput(setTagsSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await loadForChange(tx, actor, input.requestId, input.expectedVersion);
    if (!mayOn(actor, request, "request.triage")) throw forbidden("Only agents of the department that provides this service can tag it.");
    if (request.status === "CLOSED") throw new AppError("CONFLICT", "This request is closed and can no longer change.");
    const { tags: before } = await tx.request.findUniqueOrThrow({ where: { id: request.id }, select: { tags: true } });
    const after = options.add ? [...new Set([...before, ...input.tags])] : input.tags;
    if (after.length > 20) throw new AppError("INVALID_INPUT", "A request carries at most 20 tags.", { tags: ["A request carries at most 20 tags."] });
    const same = after.length === before.length && after.every((t) => before.includes(t));
    if (same) return { version: request.version, tags: before };
    await bumpVersion(tx, request.id, request.version, { tags: after });
    await tx.requestEvent.createMany({ data: [eventRow(request.id, actor.id, "tags_changed", { from: { tags: before }, to: { tags: after } })] });
    return { version: request.version + 1, tags: after };
  });
}
