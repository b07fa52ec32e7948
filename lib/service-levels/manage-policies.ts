import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditRow, fieldError } from "@/lib/org/audit";
import type { Tx } from "@/lib/db/create-client";
import {
  createPolicySchema,
  departmentRefSchema,
  policyRefSchema,
  reorderPolicySchema,
  setPolicyActiveSchema,
  updatePolicySchema,
  type CreatePolicyInput,
  type ReorderPolicyInput,
  type SetPolicyActiveInput,
  type UpdatePolicyInput,
} from "@/lib/validation/sla-settings";
import type { OpenStatus } from "@/lib/requests/statuses";
import { parseInput } from "@/lib/validation/parse";
import { lockDepartment, recomputeOpenClocks, requireConfigure, requireConfigureRecord } from "./settings-access";

const subject = (id: string) => `sla-policy:${id}`;
const order = [{ position: "asc" as const }, { createdAt: "asc" as const }];

type PolicyData = {
  name: string;
  requestTypeIds: string[];
  priorities: ("LOW" | "NORMAL" | "HIGH" | "URGENT")[];
  calendarId: string;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  nextReplyMinutes: number | null;
  pauseStatuses: OpenStatus[];
  active: boolean;
};

const dataOf = (input: PolicyData): PolicyData => ({
  name: input.name,
  requestTypeIds: input.requestTypeIds,
  priorities: input.priorities,
  calendarId: input.calendarId,
  firstResponseMinutes: input.firstResponseMinutes,
  resolutionMinutes: input.resolutionMinutes,
  nextReplyMinutes: input.nextReplyMinutes,
  pauseStatuses: input.pauseStatuses,
  active: input.active,
});

/** A policy may only point at the calendar and request types of its own department. */
async function assertOwnReferences(tx: Tx, departmentId: string, data: PolicyData) {
  const calendar = await tx.slaCalendar.findFirst({ where: { id: data.calendarId, departmentId }, select: { id: true } });
  if (!calendar) throw fieldError("calendarId", "Choose one of this department's calendars.");
  if (data.requestTypeIds.length) {
    const found = await tx.requestType.count({ where: { id: { in: data.requestTypeIds }, departmentId } });
    if (found !== data.requestTypeIds.length) throw fieldError("requestTypeIds", "Choose request types of this department only.");
  }
}

async function policyFor(actor: Actor, input: unknown) {
  const { policyId } = parseInput(policyRefSchema, input);
  const policy = await db().slaPolicy.findUnique({ where: { id: policyId }, select: { id: true, departmentId: true } });
  if (!policy) throw notFound("This policy");
  requireConfigureRecord(actor, policy.departmentId, "This policy");
  return policy;
}

/** Positions 0..n-1 in the given order, writing only the rows that moved. */
async function renumber(tx: Tx, ids: string[], current: Map<string, number>) {
  for (const [position, id] of ids.entries()) {
    if (current.get(id) !== position) await tx.slaPolicy.update({ where: { id }, data: { position } });
  }
}

/** A new policy, matched after the existing ones; open clocks follow at once. */
export async function createPolicy(options: { actor: Actor; input: CreatePolicyInput }) {
  const { actor } = options;
  requireConfigure(actor, parseInput(departmentRefSchema, options.input).departmentId);
  const input = parseInput(createPolicySchema, options.input);
  const data = dataOf(input);
  const policy = await db().$transaction(async (tx) => {
    await lockDepartment(tx, input.departmentId);
    await assertOwnReferences(tx, input.departmentId, data);
    const last = await tx.slaPolicy.findFirst({ where: { departmentId: input.departmentId }, orderBy: { position: "desc" }, select: { position: true } });
    const created = await tx.slaPolicy.create({ data: { ...data, departmentId: input.departmentId, position: (last?.position ?? -1) + 1 } });
    await tx.auditEvent.create({ data: auditRow(actor, "sla.policy.created", subject(created.id), { departmentId: input.departmentId, ...data }) });
    return created;
  });
  await recomputeOpenClocks(input.departmentId);
  return policy;
}

/** Everything but the position; open clocks follow at once, resolved requests keep theirs. A form shown before someone else saved is refused (expectedVersion). */
export async function updatePolicy(options: { actor: Actor; input: UpdatePolicyInput }) {
  const { actor } = options;
  const { departmentId } = await policyFor(actor, options.input);
  const input = parseInput(updatePolicySchema, options.input);
  const data = dataOf(input);
  let changed = false;
  const policy = await db().$transaction(async (tx) => {
    await lockDepartment(tx, departmentId);
    const before = await tx.slaPolicy.findUniqueOrThrow({ where: { id: input.policyId } });
    // Checked under the department's lock, so two heads saving the same form cannot both pass.
    if (input.expectedVersion && input.expectedVersion !== before.updatedAt.toISOString()) {
      throw new AppError("STALE_VERSION", "This policy changed since you opened it (saved by someone else). Reload the page and make your change again.");
    }
    await assertOwnReferences(tx, departmentId, data);
    const keys = Object.keys(data) as (keyof PolicyData)[];
    const moved = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(data[k]));
    if (moved.length === 0) return before;
    changed = true;
    const updated = await tx.slaPolicy.update({ where: { id: before.id }, data });
    // Every field is a string, number, boolean, null or an array of strings: plain JSON.
    const pick = (source: Record<keyof PolicyData, unknown>) => Object.fromEntries(moved.map((k) => [k, source[k]])) as Prisma.InputJsonObject;
    await tx.auditEvent.create({ data: auditRow(actor, "sla.policy.updated", subject(before.id), { departmentId, from: pick(before), to: pick(data) }) });
    return updated;
  });
  if (changed) await recomputeOpenClocks(departmentId);
  return policy;
}

/** Moves a policy one place up or down; the first matching policy wins, so order decides targets. */
export async function reorderPolicy(options: { actor: Actor; input: ReorderPolicyInput }) {
  const { actor } = options;
  const { departmentId } = await policyFor(actor, options.input);
  const input = parseInput(reorderPolicySchema, options.input);
  let changed = false;
  const ids = await db().$transaction(async (tx) => {
    await lockDepartment(tx, departmentId);
    const rows = await tx.slaPolicy.findMany({ where: { departmentId }, orderBy: order, select: { id: true, position: true } });
    const ids = rows.map((r) => r.id);
    const from = ids.indexOf(input.policyId);
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= ids.length) return ids;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    changed = true;
    await renumber(tx, ids, new Map(rows.map((r) => [r.id, r.position])));
    await tx.auditEvent.create({ data: auditRow(actor, "sla.policy.reordered", subject(input.policyId), { departmentId, from, to, order: ids }) });
    return ids;
  });
  if (changed) await recomputeOpenClocks(departmentId);
  return { order: ids };
}

/** Switches a policy on or off; an inactive policy matches no request. */
export async function setPolicyActive(options: { actor: Actor; input: SetPolicyActiveInput }) {
  const { actor } = options;
  const { departmentId } = await policyFor(actor, options.input);
  const input = parseInput(setPolicyActiveSchema, options.input);
  let changed = false;
  const policy = await db().$transaction(async (tx) => {
    await lockDepartment(tx, departmentId);
    const before = await tx.slaPolicy.findUniqueOrThrow({ where: { id: input.policyId } });
    if (before.active === input.active) return before;
    changed = true;
    const updated = await tx.slaPolicy.update({ where: { id: before.id }, data: { active: input.active } });
    await tx.auditEvent.create({ data: auditRow(actor, input.active ? "sla.policy.activated" : "sla.policy.deactivated", subject(before.id), { departmentId }) });
    return updated;
  });
  if (changed) await recomputeOpenClocks(departmentId);
  return policy;
}
