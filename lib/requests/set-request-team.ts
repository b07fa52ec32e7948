import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import { setTeamSchema, type SetTeamInput } from "@/lib/validation/automation";
import { parseInput } from "@/lib/validation/parse";
import { eventRow } from "./events";
import { bumpVersion, loadForChange } from "./load-for-change";
import { mayOn } from "./request-policy";

/** Moves a request to another team of its department (or to none), by an agent or a rule. */
export async function setRequestTeam(options: { actor: Actor; input: SetTeamInput }): Promise<{ version: number }> {
  const { actor } = options;
  const input = parseInput(setTeamSchema, options.input);
  return db().$transaction(async (tx) => {
    const request = await loadForChange(tx, actor, input.requestId, input.expectedVersion);
    if (!mayOn(actor, request, "request.triage")) throw forbidden("Only agents of the department that provides this service can change its team.");
    if (request.status === "CLOSED") throw new AppError("CONFLICT", "This request is closed and can no longer change.");
    if (input.teamId !== null) {
      const team = await tx.team.findFirst({ where: { id: input.teamId, departmentId: request.departmentId }, select: { id: true } });
      if (!team) throw new AppError("INVALID_INPUT", "Choose a team of this department.", { teamId: ["Choose a team of this department."] });
    }
    const { teamId: before } = await tx.request.findUniqueOrThrow({ where: { id: request.id }, select: { teamId: true } });
    if (before === input.teamId) return { version: request.version };
    await bumpVersion(tx, request.id, request.version, { teamId: input.teamId });
    await tx.requestEvent.createMany({ data: [eventRow(request.id, actor.id, "team_changed", { from: { teamId: before }, to: { teamId: input.teamId } })] });
    return { version: request.version + 1 };
  });
}
