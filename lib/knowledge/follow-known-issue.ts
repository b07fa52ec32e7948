import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { knownIssueRefSchema } from "@/lib/validation/knowledge";

/** "Follow this" instead of filing: the person hears once when the issue is over. Following twice is one follow. */
export async function followKnownIssue(options: { actor: Actor; input: { knownIssueId: string } }): Promise<{ following: true }> {
  const { actor } = options;
  if (!can(actor, "catalog.browse")) throw forbidden();
  const input = parseInput(knownIssueRefSchema, options.input);
  const issue = await db().knownIssue.findUnique({ where: { id: input.knownIssueId }, select: { id: true, endedAt: true } });
  if (!issue) throw notFound("This known issue");
  if (issue.endedAt) throw new AppError("CONFLICT", "This issue is already over.");
  await db().knownIssueFollower.createMany({ data: [{ knownIssueId: issue.id, personId: actor.id }], skipDuplicates: true });
  return { following: true };
}
