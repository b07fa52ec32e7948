import { z } from "zod";
import { looksLikeMimeMessage } from "@/lib/email/raw-mime";
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

const notMime = "This is not an email message: it needs header lines (From:, To:, Subject:), a From address, an empty line, then the text";

/** An .eml an admin pastes or uploads at /admin/email to try inbound mail. */
export const uploadEmlSchema = z.object({
  eml: z
    .instanceof(Uint8Array)
    .refine((b) => b.length > 0, "Paste a message or choose an .eml file")
    .refine((b) => b.length <= 25 * 1024 * 1024, "The message is larger than 25 MB")
    .refine((b) => b.length === 0 || looksLikeMimeMessage(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), notMime),
});

/** The body a provider posts to `POST /api/inbound-email`: one raw MIME message (its size is checked against INBOUND_MAX_MB before). */
export const webhookEmailSchema = z.object({
  body: z
    .instanceof(Uint8Array)
    .refine((b) => b.length > 0, "The body is empty: post one raw MIME message")
    .refine((b) => b.length === 0 || looksLikeMimeMessage(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), "The body must be one raw MIME message (RFC 5322) with a From header: post the provider's raw MIME, not parsed fields"),
});
