/**
 * The one CSV writer of the desk: every export (reports, dashboards, the queue) writes its cells,
 * lines and download through here, so each reads the same in a spreadsheet.
 */

/** A cell as spreadsheets read it: quoted when needed, and never a formula (names come from users). */
export function cell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const line = (cells: (string | number | null)[]) => cells.map(cell).join(",");

/** Lines as a file: CRLF after every line, as RFC 4180 writes it. */
export const csvDocument = (lines: string[]) => `${lines.join("\r\n")}\r\n`;

/** A CSV file as a download that no shared cache keeps (exports hold what only the reader may see). */
export function csvDownload(body: string, fileName: string): Response {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(body, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${safe}"`, "cache-control": "private, no-store" },
  });
}
