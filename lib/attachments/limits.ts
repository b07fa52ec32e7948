import "server-only";
import { env } from "@/lib/env";

/** Files one reply or one filed request may carry. */
export const MAX_FILES_PER_UPLOAD = 5;

export type AttachmentLimits = { maxFiles: number; maxBytes: number; maxMegabytes: number };

/** The limits the server enforces, also handed to forms for their help text and early checks. */
export function attachmentLimits(): AttachmentLimits {
  const maxMegabytes = env().DESK_MAX_ATTACHMENT_MB;
  return { maxFiles: MAX_FILES_PER_UPLOAD, maxBytes: Math.floor(maxMegabytes * 1024 * 1024), maxMegabytes };
}
