import crypto from "node:crypto";
import { htmlToText } from "html-to-text";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { addressOf } from "./mail-address";
import { replyMarker } from "./compose-notification";

/** Why a mail is noise that must never file or answer anything. */
export type Noise = "auto-reply" | "bulk" | "loop";

export type InboundAttachment = { name: string; bytes: Buffer };

/** What the desk reads from one received mail (no database). */
export type ReadInbound = {
  messageId: string;
  from: string | null;
  fromName: string | null;
  subject: string;
  /** To, Cc and the delivery headers a mailbox adds (Delivered-To, X-Original-To), lower case. */
  recipients: string[];
  /** Message-IDs this mail answers (In-Reply-To, then References). */
  refersTo: string[];
  /** The whole text (HTML converted to text when there is no plain part). */
  text: string;
  attachments: InboundAttachment[];
  noise: Noise | null;
  bounce: boolean;
  /** The receiving server's Authentication-Results say the From is not the sender's (DMARC or SPF failed without DKIM). */
  forged: boolean;
  /** Every Authentication-Results header's value, topmost (the last server's) first. */
  authenticationResults: string[];
};

const headerText = (mail: ParsedMail, name: string): string => {
  const v = mail.headers.get(name);
  if (v == null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "object" && "value" in v && typeof (v as { value: unknown }).value === "string") return (v as { value: string }).value;
  return String(v);
};
const lines = (mail: ParsedMail, name: string) => mail.headerLines.filter((l) => l.key === name).map((l) => l.line.slice(l.line.indexOf(":") + 1).trim());
const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.flatMap((v) => (v.address ? [v.address.toLowerCase()] : [])));

const autoSubject = /^\s*(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|abwesenheit|absence|autoreply|auto:|automatische antwort|r[ée]ponse automatique)/i;

/** Parses a raw message; a message too broken to parse still yields what can be read (never throws on bad headers). */
export async function readInbound(raw: Buffer, own: { addresses: string[]; domain: string }): Promise<ReadInbound> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, maxHtmlLengthToParse: 2_000_000 });
  const from = addresses(mail.from)[0] ?? null;
  const messageId = mail.messageId?.trim() || `<sha256.${crypto.createHash("sha256").update(raw).digest("hex")}@no-message-id>`;
  const recipients = [...new Set([...addresses(mail.to), ...addresses(mail.cc), ...["delivered-to", "x-original-to", "envelope-to"].flatMap((h) => lines(mail, h).map(addressOf))])];
  const refersTo = [...(mail.inReplyTo ?? "").split(/\s+/), ...(Array.isArray(mail.references) ? mail.references : (mail.references ?? "").split(/\s+/))].filter((s) => /^<[^<>]+>$/.test(s));

  const contentType = headerText(mail, "content-type").toLowerCase();
  const reportType = (mail.headers.get("content-type") as { params?: Record<string, string> } | undefined)?.params?.["report-type"]?.toLowerCase();
  const bounce =
    (contentType.includes("multipart/report") && reportType === "delivery-status") ||
    (from !== null && /^(mailer-daemon|postmaster)@/i.test(from) && /(undeliver|delivery status|failure|returned mail|could not be delivered)/i.test(mail.subject ?? ""));

  const autoSubmitted = headerText(mail, "auto-submitted").toLowerCase();
  const precedence = headerText(mail, "precedence").toLowerCase();
  let noise: Noise | null = null;
  if ((from && own.addresses.includes(from)) || (mail.messageId ?? "").toLowerCase().endsWith(`@${own.domain}>`) || mail.headers.has("x-desk-loop")) noise = "loop";
  else if ((autoSubmitted && autoSubmitted !== "no") || ["x-autoreply", "x-autorespond", "x-auto-reply"].some((h) => mail.headers.has(h)) || precedence === "auto_reply" || autoSubject.test(mail.subject ?? ""))
    noise = "auto-reply";
  else if (["bulk", "junk", "list"].includes(precedence) || lines(mail, "list-id").length > 0) noise = "bulk";

  // The top Authentication-Results is the one the receiving server added; lower ones may be the sender's own.
  const authenticationResults = lines(mail, "authentication-results");
  const results = (authenticationResults[0] ?? "").toLowerCase();
  const forged = /\bdmarc=fail\b/.test(results) || (/\bspf=fail\b/.test(results) && !/\bdkim=pass\b/.test(results));

  // Without a plain part mailparser derives one from the HTML its own way (image links and all): convert it ours.
  const head = raw.subarray(0, 64 * 1024).toString("latin1");
  const hasPlainPart = /^content-type:\s*text\/plain/im.test(head) || !/^content-type:/im.test(head);
  let text = typeof mail.html === "string" && !hasPlainPart ? htmlText(mail.html) : (mail.text ?? "");
  if (!text.trim() && typeof mail.html === "string") text = htmlText(mail.html);

  const attachments = mail.attachments
    // Images a signature shows inline (referenced by cid) are part of the layout, not files.
    .filter((a) => !(a.related && a.contentDisposition === "inline" && a.contentType.startsWith("image/")))
    .map((a, i) => ({ name: a.filename || `attachment-${i + 1}`, bytes: a.content }));

  return { messageId, from, fromName: addressesName(mail.from), subject: (mail.subject ?? "").replace(/\s+/g, " ").trim(), recipients, refersTo, text, attachments, noise, bounce, forged, authenticationResults };
}

const addressesName = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0]?.name?.trim() || null;

/** HTML to plain text, safely: scripts, styles and images dropped, links as their text and address. */
export function htmlText(html: string): string {
  return htmlToText(html, {
    wordwrap: false,
    selectors: [
      { selector: "img", format: "skip" },
      { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
    ],
  }).trim();
}

/**
 * The new part of a reply: what comes before the desk's reply marker, the quoted mail ("On …
 * wrote:", Outlook's "From: … Sent:" block or "Original Message" line) and the signature ("-- ").
 */
export function replyText(text: string): string {
  const normalized = text.replace(/\r\n?/g, "\n");
  const cuts = [
    normalized.indexOf(replyMarker),
    normalized.search(/^.*Reply above this line.*$/m),
    normalized.search(/^On .{0,300}\n?.{0,200}wrote:\s*$/m),
    normalized.search(/^Am .{0,300}\n?.{0,200}schrieb.{0,80}:\s*$/m),
    normalized.search(/^-{2,}\s*Original Message\s*-{2,}/im),
    normalized.search(/^_{20,}\s*$/m),
    normalized.search(/^From: .+\n(Sent|Date): /m),
    normalized.search(/^-- ?$/m),
  ].filter((i) => i >= 0);
  const cut = cuts.length ? normalized.slice(0, Math.min(...cuts)) : normalized;
  return cut
    .split("\n")
    .filter((l) => !l.startsWith(">"))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
