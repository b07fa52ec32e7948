import { z } from "zod";
import { priorities, statuses } from "./request-values";
import { text } from "./text";
import { triggers, triggerUnit, isTimeTrigger, type Trigger } from "./automation-triggers";

export { eventTriggers, isTimeTrigger, timeTriggers, triggerLabel, triggers, triggerUnit, type TimeTrigger, type Trigger } from "./automation-triggers";

/**
 * Automation rules (lib/automation): when / if / then, as a head fills in the form and as the
 * rule is stored (conditions and actions are JSON columns read back through the same schemas).
 */
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const id = text().trim().min(1).max(64);
const optionalId = z.preprocess(blank, id.optional());
const idList = (max: number, what: string) => z.array(id).max(max, `Choose at most ${max} ${what}`).default([]);

/** A tag: lowercase letters, digits, - and _, starting with a letter or digit (what the queue filter and rules match). */
export const tagSchema = text()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "A tag is 1 to 40 lowercase letters, digits, - or _ (no spaces)");
export const tagListSchema = z.array(tagSchema).max(20, "At most 20 tags").transform((tags) => [...new Set(tags)]);

const message = (max: number, what: string) =>
  z.preprocess(blank, text().trim().max(max, `Keep the ${what} under ${max.toLocaleString("en")} characters`).optional());

export const ruleConditionsSchema = z.object({
  typeIds: idList(50, "request types"),
  priorities: z.array(z.enum(priorities)).default([]),
  statuses: z.array(z.enum(statuses)).default([]),
  requesterDepartmentIds: idList(50, "departments"),
  teamIds: idList(50, "teams"),
  /** Any one of these tags. */
  tags: tagListSchema.default([]),
  /** Every one of these answers: the field's key and the value it must read (case-insensitive). */
  fields: z
    .array(z.object({ key: text().trim().min(1, "Name the field").max(64), value: text().trim().max(200, "Keep the value under 200 characters") }))
    .max(10, "At most 10 field conditions")
    .default([]),
});
export type RuleConditions = z.output<typeof ruleConditionsSchema>;

export const ruleActionsSchema = z
  .object({
    setPriority: z.preprocess(blank, z.enum(priorities).optional()),
    setStatus: z.preprocess(blank, z.enum(["OPEN", "WAITING_ON_REQUESTER", "RESOLVED", "CLOSED"]).optional()),
    setTeamId: optionalId,
    setAssigneeId: optionalId,
    addTags: tagListSchema.default([]),
    addFollowerIds: idList(10, "followers"),
    /** A public reply; placeholders as in canned responses. */
    reply: message(10_000, "reply"),
    /** A canned response sent as a public reply (with what it changes, if it is a macro). */
    cannedResponseId: optionalId,
    note: message(10_000, "note"),
    notifyPersonIds: idList(10, "people to notify"),
    notifyMessage: message(500, "notification"),
    transferToDepartmentId: optionalId,
  })
  .superRefine((a, ctx) => {
    const any =
      a.setPriority || a.setStatus || a.setTeamId || a.setAssigneeId || a.addTags.length || a.addFollowerIds.length || a.reply || a.cannedResponseId || a.note || a.notifyPersonIds.length || a.transferToDepartmentId;
    if (!any) ctx.addIssue({ code: "custom", path: ["_actions"], message: "Choose at least one thing the rule does" });
    if (a.notifyPersonIds.length && !a.notifyMessage) ctx.addIssue({ code: "custom", path: ["notifyMessage"], message: "Write what the notification says" });
    if (a.reply && a.cannedResponseId) ctx.addIssue({ code: "custom", path: ["reply"], message: "Send either a written reply or a canned response, not both" });
  });
export type RuleActions = z.output<typeof ruleActionsSchema>;

const ruleFields = {
  name: text().trim().min(1, "Give the rule a name").max(120, "Keep the name under 120 characters"),
  trigger: z.enum(triggers, { error: "Choose when the rule runs" }),
  triggerCount: z.preprocess(blank, z.coerce.number({ error: "Enter a whole number" }).int("Enter a whole number").min(1, "At least 1").max(1000, "At most 1,000").optional()),
  conditions: ruleConditionsSchema,
  actions: ruleActionsSchema,
};

const countForTimeTriggers = (v: { trigger: Trigger; triggerCount?: number }, ctx: z.RefinementCtx) => {
  if (isTimeTrigger(v.trigger) && v.triggerCount === undefined) {
    ctx.addIssue({ code: "custom", path: ["triggerCount"], message: `Say how many ${triggerUnit[v.trigger]}` });
  }
};

export const createRuleSchema = z.object({ departmentId: id, ...ruleFields }).superRefine(countForTimeTriggers);
export type CreateRuleInput = z.input<typeof createRuleSchema>;

export const updateRuleSchema = z.object({ ruleId: id, ...ruleFields }).superRefine(countForTimeTriggers);
export type UpdateRuleInput = z.input<typeof updateRuleSchema>;

export const setRuleEnabledSchema = z.object({ ruleId: id, enabled: z.boolean() });
export const moveRuleSchema = z.object({ ruleId: id, direction: z.enum(["up", "down"]) });

/** Tags of one request, as an agent edits them (comma or space separated in the form). */
export const setTagsSchema = z.object({
  requestId: id,
  expectedVersion: z.coerce.number().int().min(1).optional(),
  tags: z.preprocess((v) => (typeof v === "string" ? v.split(/[\s,]+/).filter(Boolean) : v), tagListSchema),
});
export type SetTagsInput = z.input<typeof setTagsSchema>;

export const setTeamSchema = z.object({
  requestId: id,
  expectedVersion: z.coerce.number().int().min(1).optional(),
  /** null: no team. */
  teamId: id.nullable(),
});
export type SetTeamInput = z.input<typeof setTeamSchema>;
