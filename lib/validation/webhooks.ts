import { z } from "zod";
import { text } from "./text";
import { webhookEventNames, webhookFormats } from "./webhook-values";

export { webhookEventLabels, webhookEventNames, webhookFormats, type WebhookEventName } from "./webhook-values";

const id = text().trim().min(1, "Choose a webhook").max(64, "This is not a webhook id");

/** A form sends checkboxes as repeated values or one string; the API an array. */
const eventList = z.preprocess(
  (value) => (typeof value === "string" ? [value] : value),
  z
    .array(z.enum(webhookEventNames, "Choose events from the list"), "Choose the events to send")
    .min(1, "Choose at least one event")
    .max(webhookEventNames.length)
    .transform((events) => [...new Set(events)]),
);

/** A checkbox: "on" / "true" when ticked, absent otherwise; the API sends a boolean. */
const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

const url = text()
  .trim()
  .min(1, "Enter the address the desk posts to")
  .max(2000, "Keep the address under 2,000 characters")
  .refine((value) => URL.canParse(value), "Enter a full address, e.g. https://hooks.example.com/desk")
  .refine((value) => !URL.canParse(value) || ["http:", "https:"].includes(new URL(value).protocol), "The address must start with https://")
  .refine((value) => !URL.canParse(value) || (new URL(value).username === "" && new URL(value).password === ""), "Put no user name or password in the address: the signature authenticates the desk");

const webhookFields = {
  name: text().trim().min(1, "Give the webhook a name, e.g. the system it feeds").max(80, "Keep the name under 80 characters"),
  url,
  format: z.enum(webhookFormats, "Choose a format").default("JSON"),
  events: eventList,
  includeInternal: checkbox.default(false),
};

/** Exactly one owner: a department (its head) or the actor themself ("mine"). */
export const createWebhookSchema = z.object({
  owner: z.union([z.literal("mine"), z.object({ departmentId: text().trim().min(1, "Choose a department").max(64) })], "Choose whose webhook this is"),
  ...webhookFields,
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const updateWebhookSchema = z.object({ webhookId: id, ...webhookFields });
export type UpdateWebhookInput = z.input<typeof updateWebhookSchema>;

export const webhookIdSchema = z.object({ webhookId: id });
export type WebhookIdInput = z.input<typeof webhookIdSchema>;

export const setWebhookActiveSchema = z.object({ webhookId: id, active: checkbox });
export type SetWebhookActiveInput = z.input<typeof setWebhookActiveSchema>;
