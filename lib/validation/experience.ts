import { z } from "zod";
import { periodKeySchema } from "@/lib/satisfaction/figure-periods";
import { text } from "./text";

/** Hours lost per request type (lib/experience/time-lost-by-type.ts): a period, and a department or the whole organisation. */
export const timeLostByTypeSchema = z.object({
  period: periodKeySchema,
  departmentId: text().trim().min(1).max(64).optional(),
});
