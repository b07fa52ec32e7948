/**
 * What a file really is, decided from its bytes, never from its name or the browser's claim. Only
 * the kinds below are accepted; anything else (executables, HTML, SVG, scripts, archives, macro
 * documents) is refused.
 */
export type AcceptedType = {
  contentType: string;
  label: string;
  /** Extensions a file of this type may carry; the first is added to a name that carries none of them. */
  extensions: readonly string[];
};

export const acceptedTypes = {
  png: { contentType: "image/png", label: "PNG image", extensions: ["png"] },
  jpeg: { contentType: "image/jpeg", label: "JPEG image", extensions: ["jpg", "jpeg", "jfif"] },
  gif: { contentType: "image/gif", label: "GIF image", extensions: ["gif"] },
  webp: { contentType: "image/webp", label: "WebP image", extensions: ["webp"] },
  pdf: { contentType: "application/pdf", label: "PDF", extensions: ["pdf"] },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "Word document", extensions: ["docx"] },
  xlsx: { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "Excel workbook", extensions: ["xlsx"] },
  pptx: { contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", label: "PowerPoint presentation", extensions: ["pptx"] },
  csv: { contentType: "text/csv", label: "CSV", extensions: ["csv"] },
  text: { contentType: "text/plain", label: "text file", extensions: ["txt", "log", "md"] },
} as const satisfies Record<string, AcceptedType>;

/** For the file input's `accept` and the help text: what the desk takes, by extension. */
export const acceptAttribute = Object.values(acceptedTypes)
  .flatMap((t) => t.extensions.map((e) => `.${e}`))
  .join(",");
export const acceptedSummary = "images (PNG, JPEG, GIF, WebP), PDF, Word, Excel, PowerPoint, CSV and plain text";

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The accepted type of these bytes, or null. `fileName` only tells CSV from other plain text. */
export function sniffContentType(bytes: Uint8Array, fileName = ""): AcceptedType | null {
  if (bytes.length === 0) return null;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return acceptedTypes.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return acceptedTypes.jpeg;
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return acceptedTypes.gif;
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return acceptedTypes.webp;
  if (startsWith(bytes, ascii("%PDF-"))) return acceptedTypes.pdf;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeTypeOf(bytes);
  if (isPlainText(bytes)) return extensionOf(fileName) === "csv" ? acceptedTypes.csv : acceptedTypes.text;
  return null;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : "";
}

/** Valid UTF-8 without NUL bytes (binary formats are full of them; text never has one). */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * A ZIP is accepted only as an Office Open XML document: it must list `[Content_Types].xml` and the
 * part folder of Word, Excel or PowerPoint, and carry no VBA project (macro documents are refused).
 * Names are read from the central directory, which is what Office itself trusts.
 */
function officeTypeOf(bytes: Uint8Array): AcceptedType | null {
  const names = zipEntryNames(bytes);
  if (!names || !names.includes("[Content_Types].xml")) return null;
  if (names.some((n) => n.toLowerCase().endsWith("vbaproject.bin"))) return null;
  if (names.some((n) => n.startsWith("word/"))) return acceptedTypes.docx;
  if (names.some((n) => n.startsWith("xl/"))) return acceptedTypes.xlsx;
  if (names.some((n) => n.startsWith("ppt/"))) return acceptedTypes.pptx;
  return null;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
