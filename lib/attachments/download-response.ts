import { Readable } from "node:stream";
import { contentDisposition } from "./file-name";
import type { OpenedAttachment } from "./open-attachment";

/** Types a browser may show in the tab; everything else is always saved to disk. */
const inlineTypes = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"]);

/**
 * The HTTP response of a download: the sniffed type with `nosniff`, so the browser never guesses
 * its way to HTML; a sandboxing CSP (except for PDF, whose viewer a sandbox blocks); private
 * caching only, since the file is permission-checked.
 */
export function downloadResponse(file: OpenedAttachment): Response {
  const inline = inlineTypes.has(file.contentType);
  const headers = new Headers({
    "Content-Type": file.contentType,
    "Content-Length": String(file.size),
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", file.fileName),
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, max-age=0, must-revalidate",
    ETag: `"${file.sha256}"`,
  });
  if (file.contentType !== "application/pdf") headers.set("Content-Security-Policy", "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
  return new Response(Readable.toWeb(file.body) as ReadableStream<Uint8Array>, { status: 200, headers });
}
