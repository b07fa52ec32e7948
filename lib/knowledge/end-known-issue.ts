import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { parseInput } from "@/lib/validation/parse";
import { endKnownIssueSchema } from "@/lib/validation/knowledge";
import { articleAudit } from "./article-audit";

/** The issue is over: it leaves the catalogue, and everyone who followed it is told once. */
export async function endKnownIssue(options: { actor: Actor; input: { knownIssueId: string; note?: string } }): Promise<{ told: number }> {
  const { actor } = options;
  const input = parseInput(endKnownIssueSchema, options.input);
  return db().$transaction(async (tx) => {
    const issue = await tx.knownIssue.findUnique({ where: { id: input.knownIssueId }, include: { department: { select: { name: true } }, followers: { select: { personId: true } } } });
    if (!issue) throw notFound("This known issue");
    if (!can(actor, "knowledge.announce", { departmentId: issue.departmentId })) throw forbidden("Only agents of the department can end its known issues.");
    // Only the first of two ends at once gets here with endedAt null: followers hear once.
    const { count } = await tx.knownIssue.updateMany({ where: { id: issue.id, endedAt: null }, data: { endedAt: new Date() } });
    if (count === 0) throw new AppError("CONFLICT", "This known issue has already ended.");
    await tx.auditEvent.create({ data: articleAudit(actor, "knowledge.known_issue_ended", `known-issue:${issue.id}`, { note: input.note }) });
    const { inApp, emails } = await notify(tx, {
      personIds: issue.followers.map((f) => f.personId).filter((id) => id !== actor.id),
      kind: "known_issue_ended",
      title: `Fixed: ${issue.title}`,
      body: `${issue.department.name} says “${issue.title}” is over.${input.note ? `\n\n${input.note}` : ""}`,
    });
    return { told: Math.max(inApp, emails) };
  });
}
