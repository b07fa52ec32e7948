import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { knownIssueSchema, type KnownIssueInput } from "@/lib/validation/knowledge";
import { articleAudit } from "./article-audit";
import { assertOwnTypes } from "./create-article";

/**
 * An agent announces a known issue of their department ("Printers on floor 3 are down"): it shows on
 * the department's catalogue and on the forms of the request types it affects, where people follow
 * it instead of filing.
 */
export async function announceKnownIssue(options: { actor: Actor; input: KnownIssueInput }): Promise<{ id: string }> {
  const { actor } = options;
  const input = parseInput(knownIssueSchema, options.input);
  if (!can(actor, "knowledge.announce", { departmentId: input.departmentId })) throw forbidden("Only agents of the department can announce its known issues.");
  return db().$transaction(async (tx) => {
    await assertOwnTypes(tx, input.departmentId, input.requestTypeIds);
    const issue = await tx.knownIssue.create({
      data: { departmentId: input.departmentId, title: input.title, body: input.body, requestTypeIds: input.requestTypeIds, createdById: actor.id },
      select: { id: true },
    });
    await tx.auditEvent.create({ data: articleAudit(actor, "knowledge.known_issue_announced", `known-issue:${issue.id}`, { title: input.title }) });
    return issue;
  });
}
