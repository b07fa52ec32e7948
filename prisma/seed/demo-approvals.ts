// Approvals in the demo organisation: managers in the directory (each person's department head) and
// approval steps on the approval-like request types (Finance's "Purchase order": the requester's
// manager, and above 5,000 the head of Finance; Sales Operations' "Discount approval": the
// requester's manager, and above 20 % the head of the requester's department too). A few purchase
// orders stand in each approval state, so a newcomer meets approvals on the first start: one waits
// on Fiona Hall (head of Facilities, a demo sign-in), one on the head of Finance after Erin's manager
// approved it, one went through both steps into Finance's queue, one was rejected. Pure modules
// only: the seed runs in plain Node.
import type { Prisma, PrismaClient } from "../../lib/generated/prisma/client";
import { eventRow } from "../../lib/requests/events";
import { refreshClocks } from "../../lib/service-levels/refresh-clocks";
import { addBusinessMinutes, compileCalendar, parseCalendar } from "../../lib/sla";
import { approvalStepsSchema, type ApprovalStepDefinition } from "../../lib/validation/approvals";

type Tx = Prisma.TransactionClient;
type Decision = { by: string; decision: "APPROVED" | "REJECTED"; reason?: string; at: Date; via: "app" | "email" };
type DemoStep = { index: number; approver: string; startedAt: Date; decided?: Decision };
type DemoApproval = { requester: string; supplier: string; amount: number; what: string; createdAt: Date; steps: DemoStep[] };

export async function seedDemoApprovals(db: PrismaClient, now: Date): Promise<number> {
  let filed = 0;
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
      filed = await seedApprovalRequests(tx, { financeId: fin.id, steps: steps["purchase-order"].steps, now });
    },
    { maxWait: 60_000, timeout: 120_000 },
  );
  return filed;
}

const MINUTE = 60_000;

/** The four purchase orders, after the last request Finance holds (its numbers follow filing times). */
async function seedApprovalRequests(tx: Tx, options: { financeId: string; steps: ApprovalStepDefinition[]; now: Date }): Promise<number> {
  const { financeId, steps, now } = options;
  let filed = 0;
  const last = await tx.request.findFirst({ where: { departmentId: financeId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  // The story fits between Finance's last request (at most three days back) and now, in 100 ticks.
  const start = Math.max(last ? last.createdAt.getTime() : 0, now.getTime() - 3 * 24 * 60 * MINUTE);
  const tick = Math.max(1, Math.floor((now.getTime() - start) / 100));
  const at = (n: number) => new Date(start + n * tick);
  const person = async (email: string) => tx.person.findUniqueOrThrow({ where: { email }, select: { id: true, name: true, departmentId: true, managerId: true } });
  const erin = "erin.employee@example.com";
  const paul = "paul.schneider@example.com";
  const rachel = (await person(erin)).managerId;
  const fiona = (await person(paul)).managerId;
  const richard = await tx.person.findFirstOrThrow({ where: { roles: { some: { departmentId: financeId, role: "HEAD" } } }, orderBy: { name: "asc" }, select: { id: true } });
  if (!rachel || !fiona) throw new Error("The demo's managers must be set before its approvals.");
  const stories: DemoApproval[] = [
    {
      requester: erin, supplier: "Brightline Translations", amount: 2400, what: "translation of the spring campaign into French", createdAt: at(5),
      steps: [{ index: 0, approver: rachel, startedAt: at(5), decided: { by: rachel, decision: "REJECTED", reason: "The French launch moved to the autumn: file it again then, with the new quote.", at: at(20), via: "email" } }],
    },
    {
      requester: erin, supplier: "Crescent Research", amount: 18000, what: "a one-year subscription for market research data", createdAt: at(30),
      steps: [
        { index: 0, approver: rachel, startedAt: at(30), decided: { by: rachel, decision: "APPROVED", at: at(40), via: "app" } },
        { index: 1, approver: richard.id, startedAt: at(40) },
      ],
    },
    { requester: paul, supplier: "Kitchenworks", amount: 3200, what: "replacement of the kitchen appliances on floor 3", createdAt: at(50), steps: [{ index: 0, approver: fiona, startedAt: at(50) }] },
    // Approved last, less than a first-response warning ago: the first start has no SLA notice to catch up on.
    {
      requester: erin, supplier: "Northwind Events", amount: 7500, what: "trade fair stand construction for the Hamburg fair", createdAt: at(60),
      steps: [
        { index: 0, approver: rachel, startedAt: at(60), decided: { by: rachel, decision: "APPROVED", at: at(75), via: "app" } },
        { index: 1, approver: richard.id, startedAt: at(75), decided: { by: richard.id, decision: "APPROVED", at: at(96), via: "email" } },
      ],
    },
  ];
  const type = await tx.requestType.findUniqueOrThrow({ where: { departmentId_slug: { departmentId: financeId, slug: "purchase-order" } }, select: { id: true, defaultTeamId: true, defaultPriority: true } });
  const calendars = new Map<string, ReturnType<typeof compileCalendar>>();
  const calendarOf = async (departmentId: string) => {
    if (!calendars.has(departmentId)) {
      const row = await tx.slaCalendar.findFirstOrThrow({ where: { departmentId }, orderBy: { createdAt: "asc" }, select: { definition: true } });
      calendars.set(departmentId, compileCalendar(parseCalendar(row.definition)));
    }
    return calendars.get(departmentId)!;
  };
  for (const story of stories) {
    const requester = await person(story.requester);
    const department = await tx.department.update({ where: { id: financeId }, data: { requestSeq: { increment: 1 } }, select: { requestSeq: true } });
    const currency = "EUR";
    const rejected = story.steps.find((s) => s.decided?.decision === "REJECTED")?.decided;
    const approved = story.steps.length === steps.filter((s) => !s.condition || story.amount > Number(s.condition.value)).length && story.steps.every((s) => s.decided?.decision === "APPROVED");
    const outcome = rejected ?? (approved ? story.steps.at(-1)!.decided! : null);
    const request = await tx.request.create({
      data: {
        departmentId: financeId,
        number: department.requestSeq,
        typeId: type.id,
        title: `PO for ${story.supplier}: ${story.what} (€${story.amount.toLocaleString("en-GB")})`,
        description: `Please raise a PO for ${story.supplier} for ${story.what}, €${story.amount.toLocaleString("en-GB")} net. The quote is agreed.`,
        fieldValues: { supplier: story.supplier, amount: story.amount, currency, costCentre: "CC-4100", budgeted: true, what: story.what },
        status: rejected ? "CLOSED" : "NEW",
        priority: type.defaultPriority,
        requesterId: requester.id,
        requesterDepartmentId: requester.departmentId,
        teamId: type.defaultTeamId,
        version: outcome ? 2 : 1,
        submissionKey: `seed-approval-${department.requestSeq}`,
        createdAt: story.createdAt,
        updatedAt: new Date(Math.max(...story.steps.map((s) => (s.decided?.at ?? s.startedAt).getTime()))),
        closedAt: rejected?.at ?? null,
        approvalState: rejected ? "REJECTED" : approved ? "APPROVED" : "PENDING",
      },
      select: { id: true },
    });
    const events: Prisma.RequestEventCreateManyInput[] = [
      { ...eventRow(request.id, requester.id, "created", { to: { status: "NEW", priority: type.defaultPriority, typeId: type.id, teamId: type.defaultTeamId, awaitsApproval: true } }), createdAt: story.createdAt },
    ];
    for (const s of story.steps) {
      const definition = steps[s.index]!;
      const approver = await tx.person.findUniqueOrThrow({ where: { id: s.approver }, select: { id: true, name: true, departmentId: true } });
      const calendar = await calendarOf(approver.departmentId);
      const state = s.decided?.decision ?? "PENDING";
      const step = await tx.approvalStep.create({
        data: {
          requestId: request.id, position: s.index, name: definition.name, definition, state, required: 1, departmentId: approver.departmentId, startedAt: s.startedAt,
          dueAt: addBusinessMinutes(calendar, s.startedAt, definition.targetHours * 60), warnAt75: addBusinessMinutes(calendar, s.startedAt, definition.targetHours * 45), decidedAt: s.decided?.at ?? null,
        },
        select: { id: true },
      });
      await tx.approver.create({ data: { stepId: step.id, personId: approver.id, decision: s.decided?.decision ?? null, reason: s.decided?.reason ?? null, via: s.decided?.via ?? null, decidedAt: s.decided?.at ?? null } });
      const ref = { stepId: step.id, position: s.index, name: definition.name };
      events.push({ ...eventRow(request.id, null, "approval_requested", { to: { ...ref, approvers: [{ personId: approver.id, name: approver.name }], required: 1 } }), createdAt: s.startedAt });
      if (s.decided) events.push({ ...eventRow(request.id, s.decided.by, "approval_decided", { to: { ...ref, decision: s.decided.decision, via: s.decided.via, ...(s.decided.reason ? { reason: s.decided.reason } : {}) } }), createdAt: s.decided.at });
      else {
        await tx.notification.create({
          data: { personId: approver.id, kind: "approval_request", requestId: request.id, title: `Approval needed: FIN-${department.requestSeq} PO for ${story.supplier}`, body: `${requester.name} asks Finance for a purchase order. It waits for your decision on “${definition.name}”.`, createdAt: s.startedAt },
        });
      }
    }
    if (rejected) {
      events.push(
        { ...eventRow(request.id, rejected.by, "approval_completed", { to: { outcome: "REJECTED", reason: rejected.reason } }), createdAt: rejected.at },
        { ...eventRow(request.id, rejected.by, "status_changed", { from: { status: "NEW" }, to: { status: "CLOSED" } }), createdAt: rejected.at },
      );
    } else if (approved) events.push({ ...eventRow(request.id, null, "approval_completed", { to: { outcome: "APPROVED" } }), createdAt: outcome!.at });
    await tx.requestEvent.createMany({ data: events });
    if (outcome) {
      await tx.notification.create({
        data: { personId: requester.id, kind: "approval_outcome", requestId: request.id, title: `${rejected ? "Not approved" : "Approved"}: FIN-${department.requestSeq} PO for ${story.supplier}`, body: rejected ? `The reason given: ${rejected.reason}` : "Finance starts on it now.", createdAt: outcome.at },
      });
    }
    // Clocks as the app derives them: none while waiting, from the last approval when approved.
    await refreshClocks(tx, request.id, now);
    filed++;
  }
  return filed;
}
