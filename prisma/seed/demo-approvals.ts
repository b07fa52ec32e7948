// Approvals in the demo organisation: managers in the directory (each person's department head) and
// approval steps on the approval-like request types (Finance's "Purchase order": the requester's
// manager, and above 5,000 the head of Finance; Sales Operations' "Discount approval": the
// requester's manager, and above 20 % the head of the requester's department too). Pure modules
// only: the seed runs in plain Node.
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { approvalStepsSchema, type ApprovalStepDefinition } from "../../lib/validation/approvals";

export async function seedDemoApprovals(db: PrismaClient): Promise<void> {
  await db.$transaction(
    async (tx) => {
      // The directory's managers: each person's department head (heads have none).
      await tx.$executeRaw`
        UPDATE "Person" p SET "managerId" = h."personId"
          FROM (SELECT DISTINCT ON ("departmentId") "departmentId", "personId" FROM "RoleGrant" WHERE role = 'HEAD' ORDER BY "departmentId", "personId") h
         WHERE h."departmentId" = p."departmentId" AND h."personId" <> p.id
           AND NOT EXISTS (SELECT 1 FROM "RoleGrant" g WHERE g."personId" = p.id AND g.role = 'HEAD')`;
      const department = async (key: string) => tx.department.findUniqueOrThrow({ where: { key }, select: { id: true, key: true } });
      const [fin, ops] = await Promise.all([department("FIN"), department("OPS")]);
      const steps: Record<"purchase-order" | "discount-approval", { departmentId: string; steps: ApprovalStepDefinition[] }> = {
        "purchase-order": {
          departmentId: fin.id,
          steps: approvalStepsSchema.parse([
            { name: "Manager", approver: { kind: "manager" }, rule: { kind: "any" }, targetHours: 8 },
            { name: "Finance", approver: { kind: "department_head", departmentId: fin.id }, rule: { kind: "any" }, condition: { fieldKey: "amount", operator: "gt", value: "5000" }, targetHours: 16 },
          ]),
        },
        "discount-approval": {
          departmentId: ops.id,
          steps: approvalStepsSchema.parse([
            { name: "Manager", approver: { kind: "manager" }, rule: { kind: "any" }, targetHours: 4 },
            { name: "Head of department", approver: { kind: "requester_head" }, rule: { kind: "any" }, condition: { fieldKey: "discount", operator: "gt", value: "20" }, targetHours: 8 },
          ]),
        },
      };
      for (const [slug, s] of Object.entries(steps)) {
        await tx.requestType.update({ where: { departmentId_slug: { departmentId: s.departmentId, slug } }, data: { approvalSteps: s.steps } });
      }
    },
    { maxWait: 60_000, timeout: 120_000 },
  );
}
