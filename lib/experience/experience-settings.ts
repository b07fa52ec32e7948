import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { text } from "@/lib/validation/text";
import { parseInput } from "@/lib/validation/parse";
import { z } from "zod";
import { maxGoal, minGoal } from "./goal";
import { reasonListSchema, reasonsFromLines, reasonsOf } from "./reasons";

const id = text().min(1).max(64);
const percent = (what: string) =>
  z.coerce.number({ error: `Give ${what} as a whole percentage from ${minGoal} to ${maxGoal}` }).int(`Give ${what} as a whole percentage from ${minGoal} to ${maxGoal}`).min(minGoal, `Give ${what} as a whole percentage from ${minGoal} to ${maxGoal}`).max(maxGoal, `Give ${what} as a whole percentage from ${minGoal} to ${maxGoal}`);
const goalSchema = z.object({
  departmentId: id,
  slaGoal: percent("the SLA goal"),
  goal: percent("the goal"),
});
const reasonLinesSchema = z.object({ departmentId: id, positive: text().max(2_000), negative: text().max(2_000) });

async function configurable(actor: Actor, departmentId: string) {
  const department = await db().department.findUnique({ where: { id: departmentId }, select: { id: true, ratingReasons: true } });
  if (!department) throw notFound("This department");
  if (!can(actor, "department.configure", { departmentId })) throw forbidden("Only the department's head or an admin changes its experience settings.");
  return department;
}

/**
 * The department's satisfaction goal (% of ratings of 4 or 5). Published figures keep the goal of
 * their publication; a change applies to months published afterwards.
 */
export async function setSatisfactionGoal(options: { actor: Actor; input: unknown }) {
  const input = parseInput(goalSchema, options.input);
  await configurable(options.actor, input.departmentId);
  await db().$transaction([
    db().department.update({ where: { id: input.departmentId }, data: { satisfactionGoal: input.goal, slaGoal: input.slaGoal } }),
    db().auditEvent.create({ data: { actorId: options.actor.id, action: "experience.goal", subject: `department:${input.departmentId}`, detail: { goal: input.goal, slaGoal: input.slaGoal } } }),
  ]);
  return { goal: input.goal, slaGoal: input.slaGoal };
}

/** The department's "what mattered" reasons, one per line per band (reasons.ts keeps their keys). */
export async function setRatingReasons(options: { actor: Actor; input: unknown }) {
  const input = parseInput(reasonLinesSchema, options.input);
  const department = await configurable(options.actor, input.departmentId);
  const list = reasonsFromLines({ positive: input.positive, negative: input.negative, current: reasonsOf(department.ratingReasons) });
  const checked = reasonListSchema.safeParse(list);
  if (!checked.success) {
    const message = checked.error.issues[0]?.message ?? "Check the reasons";
    throw new AppError("INVALID_INPUT", message, { positive: [message] });
  }
  if (!list.some((r) => r.band === "positive") || !list.some((r) => r.band === "negative")) {
    throw new AppError("INVALID_INPUT", "Keep at least one reason in each list", { positive: ["Keep at least one reason in each list"] });
  }
  await db().$transaction([
    db().department.update({ where: { id: input.departmentId }, data: { ratingReasons: list } }),
    db().auditEvent.create({ data: { actorId: options.actor.id, action: "experience.reasons", subject: `department:${input.departmentId}`, detail: { reasons: list } } }),
  ]);
  return { reasons: list };
}

/** What the settings page shows: goal, reasons, the complaint delegate and who may be named (the department's people). */
export async function experienceSettings(options: { actor: Actor; departmentKey: string }) {
  const department = await db().department.findUnique({ where: { key: options.departmentKey }, select: { id: true, key: true, name: true, satisfactionGoal: true, slaGoal: true, ratingReasons: true, complaintDelegateId: true } });
  if (!department || !can(options.actor, "department.configure", { departmentId: department.id })) throw notFound("This department");
  const people = await db().person.findMany({ where: { departmentId: department.id, active: true }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 });
  return {
    department: { id: department.id, key: department.key, name: department.name, goal: department.satisfactionGoal, slaGoal: department.slaGoal, delegateId: department.complaintDelegateId },
    reasons: reasonsOf(department.ratingReasons),
    people,
    mayDelegate: can(options.actor, "complaints.handle", { departmentId: department.id }),
  };
}
