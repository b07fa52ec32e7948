import "server-only";
import crypto from "node:crypto";
import { AppError } from "@/lib/errors";
import { sanitizeFileName } from "./file-name";
import { attachmentLimits } from "./limits";
import { acceptedSummary, sniffContentType } from "./sniff";

/** A file as a form delivers it (a web `File`); only its name, size and bytes are used. */
export type UploadedFile = { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> };

export type PreparedFile = { fileName: string; contentType: string; size: number; sha256: string; bytes: Uint8Array };

/**
 * Checks every file against the limits and sniffs what it really is, before anything is stored.
 * Any refused file refuses the whole upload, with one message per file under `attachments`.
 * The browser's content type and the name's extension are never trusted.
 */
export async function prepareUploads(files: readonly UploadedFile[]): Promise<PreparedFile[]> {
  const limits = attachmentLimits();
  // An empty file input still submits one nameless, empty part (which Next.js's Server Action
  // decoding hands over named "undefined").
  const chosen = files.filter((f) => !(f.size === 0 && (f.name === "" || f.name === "undefined" || f.name == null)));
  if (chosen.length > limits.maxFiles) refuse([`Attach at most ${limits.maxFiles} files at a time (you chose ${chosen.length}).`]);

  const problems: string[] = [];
  const prepared: PreparedFile[] = [];
  for (const file of chosen) {
    const shown = displayName(file.name);
    if (file.size === 0) {
      problems.push(`${shown} is empty.`);
      continue;
    }
    if (file.size > limits.maxBytes) {
      problems.push(tooLarge(shown, limits.maxMegabytes));
      continue;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.length > limits.maxBytes) {
      problems.push(tooLarge(shown, limits.maxMegabytes));
      continue;
    }
    const type = sniffContentType(bytes, file.name);
    if (!type) {
      problems.push(`${shown} is not a kind of file the desk accepts (judged by its content, not its name). Attach ${acceptedSummary}.`);
      continue;
    }
    prepared.push({
      fileName: sanitizeFileName(file.name, type),
      contentType: type.contentType,
      size: bytes.length,
      sha256: crypto.createHash("sha256").update(bytes).digest("hex"),
      bytes,
    });
  }
  if (problems.length) refuse(problems);
  return prepared;
}

const tooLarge = (shown: string, maxMegabytes: number) => `${shown} is larger than ${maxMegabytes} MB, the most one file may be.`;

function refuse(messages: string[]): never {
  throw new AppError("INVALID_INPUT", messages[0]!, { attachments: messages });
}

/** The name as the user chose it, quoted for a message (no control characters, not endless). */
function displayName(name: string) {
  const clean = name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "").trim() || "A file";
  return `“${clean.length > 80 ? `${clean.slice(0, 79)}…` : clean}”`;
}
