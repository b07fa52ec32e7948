import { z } from "zod";
import { text } from "./text";
import { fieldDefinitionsSchema } from "./fields";
import { priorities } from "./requests";

export { keyFromLabel, slugFromName } from "./catalog-keys";

/**
 * Inputs of the head's catalogue editor: request types of a department and the fields of their
 * forms. The field editor in the browser checks its draft with the same `fieldDefinitionsSchema`.
 */
const id = text().min(1).max(40);
const expectedVersion = z.coerce.number({ error: "Reload the page: the form lost its version" }).int().min(1);

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const typeFields = {
  name: text().trim().min(2, "Give the request type a name (at least 2 characters)").max(80, "Keep the name under 80 characters"),
  slug: text()
    .trim()
    .min(2, "The address needs at least 2 characters")
    .max(60, "Keep the address under 60 characters")
    .regex(slugPattern, "Use lowercase letters, digits and single dashes (e.g. new-laptop)"),
  description: text().trim().max(1000, "Keep the description under 1,000 characters").default(""),
  defaultPriority: z.enum(priorities, { error: "Choose a priority" }).default("NORMAL"),
  /** Empty means no team: requests start in the department's general queue. */
  defaultTeamId: z
    .union([id, z.literal(""), z.null()])
    .optional()
    .transform((v) => v || null),
};

export const departmentRefSchema = z.object({ departmentId: id });
export const requestTypeRefSchema = z.object({ typeId: id });

export const createRequestTypeSchema = z.object({ departmentId: id, ...typeFields });
export type CreateRequestTypeInput = z.input<typeof createRequestTypeSchema>;

export const updateRequestTypeSchema = z.object({ typeId: id, expectedVersion, ...typeFields });
export type UpdateRequestTypeInput = z.input<typeof updateRequestTypeSchema>;

export const setRequestTypeFieldsSchema = z.object({ typeId: id, expectedVersion, fields: fieldDefinitionsSchema });
export type SetRequestTypeFieldsInput = z.input<typeof setRequestTypeFieldsSchema>;

export const setRequestTypeActiveSchema = z.object({ typeId: id, active: z.boolean() });
export type SetRequestTypeActiveInput = z.input<typeof setRequestTypeActiveSchema>;

export const reorderRequestTypeSchema = z.object({ typeId: id, direction: z.enum(["up", "down"]) });
export type ReorderRequestTypeInput = z.input<typeof reorderRequestTypeSchema>;
