/** Where the header section of a raw message ends (at most 256 kB in). */
export function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  const ends = [crlf, lf].filter((i) => i >= 0);
  return Math.min(ends.length ? Math.min(...ends) : raw.length, 256 * 1024);
}

/** Header lines of a raw message, unfolded; null when the header section is not RFC 5322 (a line that is neither `Name: value` nor a continuation). */
function headerLines(raw: Buffer): string[] | null {
  const lines = raw.subarray(0, headerEnd(raw)).toString("latin1").split(/\r?\n/);
  // An MTA's pipe may put mbox's envelope line ("From sender date") first.
  if (/^From /.test(lines[0] ?? "")) lines.shift();
  const unfolded: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && unfolded.length) unfolded[unfolded.length - 1] += ` ${line.trim()}`;
    else if (/^[!-9;-~]+:/.test(line)) unfolded.push(line);
    else return null;
  }
  return unfolded;
}

/**
 * Whether a body is one MIME message a desk can act on: a header section of `Name: value` lines
 * and a From header naming an address. Checked before anything is stored, so a provider posting
 * JSON, a form, or a bare text refuses at once instead of leaving an unprocessable row.
 */
export function looksLikeMimeMessage(raw: Buffer): boolean {
  if (raw.length === 0) return false;
  const lines = headerLines(raw);
  if (!lines?.length) return false;
  const from = lines.find((l) => /^from:/i.test(l));
  return Boolean(from && /[^\s<>@"]+@[^\s<>@"]+/.test(from.slice(5)));
}
