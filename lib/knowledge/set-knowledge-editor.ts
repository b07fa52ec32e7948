import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { fieldError } from "@/lib/org/audit";
import { parseInput } from "@/lib/validation/parse";
import { editorSchema } from "@/lib/validation/knowledge";
import { articleAudit } from "./article-audit";

/** The head names (or un-names) an agent of the department who may publish its articles. */
export async function setKnowledgeEditor(options: { actor: Actor; input: { departmentId: string; personId: string; editor: boolean } }): Promise<void> {
  const { actor } = options;
  const input = parseInput(editorSchema, options.input);
  if (!can(actor, "knowledge.editors", { departmentId: input.departmentId })) throw forbidden("Only the head of the department names its knowledge editors.");
  await db().$transaction(async (tx) => {
    if (input.editor) {
      const agent = await tx.person.findFirst({ where: { id: input.personId, active: true, roles: { some: { departmentId: input.departmentId, role: "AGENT" } } }, select: { id: true } });
      if (!agent) throw fieldError("personId", "Only an active agent of the department can be a knowledge editor.");
      await tx.knowledgeEditor.createMany({ data: [{ departmentId: input.departmentId, personId: input.personId }], skipDuplicates: true });
    } else {
      await tx.knowledgeEditor.deleteMany({ where: { departmentId: input.departmentId, personId: input.personId } });
    }
    await tx.auditEvent.create({ data: articleAudit(actor, input.editor ? "knowledge.editor_named" : "knowledge.editor_removed", `department:${input.departmentId}`, { personId: input.personId }) });
  });
}
