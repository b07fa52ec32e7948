// Captures every mail the desk sends, over plain SMTP on 127.0.0.1, and serves them to test workers
// over a tiny HTTP API (globalSetup runs in the main process; tests run in workers):
//   GET  <api>/mails?to=<address>  → [{ to, subject, text, raw, at }]
//   GET  <api>/mails               → every mail
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CapturedMail = { from: string; to: string[]; subject: string; text: string; raw: string; at: number };

export type SmtpCapture = {
  port: number;
  /** Base URL of the HTTP API over the captured mails. */
  apiUrl: string;
  mails: CapturedMail[];
  waitForMail: (to: string, timeoutMs?: number) => Promise<CapturedMail>;
  stop: () => Promise<void>;
};

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "anyone" });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: decodeHeader(header(raw, "subject") ?? ""),
          text: mailText(raw),
          raw,
          at: Date.now(),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (smtp.server.address() as AddressInfo).port;

  const api = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "GET" && url.pathname === "/mails") {
      const to = url.searchParams.get("to")?.toLowerCase();
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(to ? mails.filter((m) => m.to.includes(to)) : mails));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  return {
    port,
    apiUrl,
    mails,
    async waitForMail(to, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find((m) => m.to.includes(to.toLowerCase()));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      api.closeAllConnections();
      await Promise.all([new Promise<void>((r) => api.close(() => r())), new Promise<void>((r) => smtp.close(() => r()))]);
    },
  };
}

/** From a test worker: the mails captured so far for `to`. */
export async function fetchMails(apiUrl: string, to: string): Promise<CapturedMail[]> {
  const res = await fetch(`${apiUrl}/mails?to=${encodeURIComponent(to)}`);
  if (!res.ok) throw new Error(`mail capture answered ${res.status}`);
  return (await res.json()) as CapturedMail[];
}

/** From a test worker: waits (polling) until more than `after` mails were captured for `to`; returns the newest. */
export async function waitForMailVia(apiUrl: string, to: string, options: { after?: number; timeoutMs?: number; subject?: RegExp } = {}): Promise<CapturedMail> {
  const { after = 0, timeoutMs = 15_000, subject } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Other mail to the same person may arrive meanwhile (a pulse round opening): `subject` picks the one awaited.
    const mails = (await fetchMails(apiUrl, to)).slice(after).filter((m) => !subject || subject.test(m.subject));
    if (mails.length > 0) return mails[mails.length - 1]!;
    if (Date.now() > deadline) throw new Error(`no new mail to ${to} within ${timeoutMs} ms (had ${mails.length})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first http(s) URL in a decoded mail text. */
export function firstUrl(text: string): string {
  const m = /https?:\/\/[^\s"'<>]+/.exec(text);
  if (!m) throw new Error(`no link in mail:\n${text}`);
  return m[0];
}

export function decodeQuotedPrintable(s: string): string {
  const bytes = s
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function header(block: string, name: string): string | undefined {
  const head = block.split(/\r?\n\r?\n/)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(unfolded);
  return m?.[1]?.trim();
}

function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) =>
    enc.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : decodeQuotedPrintable(data.replace(/_/g, " ")),
  );
}

function decodeBody(part: string): string {
  const split = part.search(/\r?\n\r?\n/);
  const body = split === -1 ? "" : part.slice(split).replace(/^\r?\n\r?\n/, "");
  const encoding = (header(part, "content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

/** The text/plain body of a (possibly multipart) message, decoded; falls back to the HTML part. */
export function mailText(raw: string): string {
  const type = header(raw, "content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return decodeBody(raw);
  const parts = raw.split(`--${boundary}`).slice(1, -1);
  const decoded = parts.map((p) => p.replace(/^\r?\n/, "")).map((p) => ({ type: header(p, "content-type") ?? "text/plain", part: p }));
  const nested = decoded.find((p) => /multipart\//i.test(p.type));
  if (nested) return mailText(nested.part);
  const plain = decoded.find((p) => /text\/plain/i.test(p.type)) ?? decoded.find((p) => /text\/html/i.test(p.type));
  return plain ? decodeBody(plain.part) : decodeBody(raw);
}
