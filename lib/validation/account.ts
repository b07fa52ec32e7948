import { z } from "zod";
import { timeZoneSchema } from "./org";

/** "department" follows the person's department's zone; anything else must be an IANA zone. */
export const myTimeZoneSchema = z.object({
  timeZone: z.union([z.literal("department"), timeZoneSchema]),
});
export type MyTimeZoneInput = z.input<typeof myTimeZoneSchema>;

/** What a browser reports at sign-in: Intl.DateTimeFormat().resolvedOptions().timeZone. */
export const browserTimeZoneSchema = z.object({ timeZone: timeZoneSchema });
export type BrowserTimeZoneInput = z.input<typeof browserTimeZoneSchema>;
