import { z } from "zod";
import { text } from "./text";
import { preferenceKinds } from "@/lib/notifications/kinds";

const channel = z.boolean({ error: "Choose on or off" });

/** A person's notification choices: one entry per kind they change, each kind at most once. */
export const notificationPreferencesSchema = z.object({
  preferences: z
    .array(
      z.object({
        kind: z.enum(preferenceKinds, { error: "Unknown kind of notification" }),
        inApp: channel,
        email: channel,
      }),
    )
    .min(1, "Nothing to save")
    .max(preferenceKinds.length, "Each kind of notification can be set once")
    .refine((list) => new Set(list.map((p) => p.kind)).size === list.length, "Each kind of notification can be set once"),
});
export type NotificationPreferencesInput = z.input<typeof notificationPreferencesSchema>;

export const emailDeliveryFilterSchema = z.object({
  status: z.preprocess((v) => (v === "" || v === undefined ? "PROBLEMS" : v), z.enum(["PROBLEMS", "QUEUED", "SENT", "FAILED", "ALL"], { error: "Unknown status" })),
});

export const emailRetrySchema = z.object({
  /** One delivery, or every failed one when absent. */
  deliveryId: text().trim().min(1).max(64).optional(),
});
export type EmailRetryInput = z.input<typeof emailRetrySchema>;
