import { extensionOf, type AcceptedType } from "./sniff";

const MAX_NAME = 150;

/**
 * A file name safe to show and to offer for download: the last path segment only, no control or
 * bidirectional-override characters (which can disguise `gpj.exe` as `exe.jpg`), none of the
 * characters Windows refuses, no leading dots, at most 150 characters; and an extension that
 * matches what the bytes really are (`photo` holding a PNG becomes `photo.png`).
 */
export function sanitizeFileName(raw: string, type: AcceptedType): string {
  let name = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  name = name
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  if (!name) name = "attachment";
  const ext = extensionOf(name);
  if (!type.extensions.includes(ext)) name = `${name}.${type.extensions[0]}`;
  if ([...name].length > MAX_NAME) {
    const suffix = `.${extensionOf(name)}`;
    name = [...name].slice(0, MAX_NAME - suffix.length).join("").trimEnd() + suffix;
  }
  return name;
}

/**
 * RFC 6266 Content-Disposition: an ASCII `filename` for old clients and the exact name as UTF-8 in
 * `filename*` (RFC 8187 encoding, where `'()*` must be escaped too).
 */
export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** "2.4 MB", "312 KB", "18 bytes". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;
}
