import { z } from "zod";
import { text } from "./text";

const id = text().trim().min(1, "Choose one").max(64);

export const addInboundAddressSchema = z.object({
  departmentId: id,
  address: text()
    .trim()
    .toLowerCase()
    .max(254, "An address has at most 254 characters")
    .pipe(z.email({ error: "Enter an email address, e.g. facilities@example.com" }))
    .refine((a) => !a.split("@")[0]!.includes("+"), "Use the address without a +tag: the desk uses +tags for reply addresses"),
  typeId: id.pipe(z.string().min(1, "Choose the request type mail is filed as")),
});
export type AddInboundAddressInput = z.input<typeof addInboundAddressSchema>;

export const setInboundAddressActiveSchema = z.object({ addressId: id, active: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]) });
export type SetInboundAddressActiveInput = z.input<typeof setInboundAddressActiveSchema>;

/** An .eml an admin pastes or uploads at /admin/email to try inbound mail. */
export const uploadEmlSchema = z.object({
  eml: z.instanceof(Uint8Array).refine((b) => b.length > 0, "Paste a message or choose an .eml file").refine((b) => b.length <= 25 * 1024 * 1024, "The message is larger than 25 MB"),
});
