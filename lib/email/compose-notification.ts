import type Mail from "nodemailer/lib/mailer";
import type { Db } from "@/lib/db/create-client";
import { formatReference } from "@/lib/requests/reference";
import { addressOf, domainOf, plusAddress } from "./mail-address";
import { signReplyTag } from "./reply-token";

/** One outbox row as the delivery job hands it over. */
export type OutgoingEmail = { id: string; to: string; subject: string; text: string; requestId: string | null; personId: string | null; kind: string };

export type ComposeSettings = {
  baseUrl: string;
  mailFrom: string;
  /** Where replies go (`+<tag>` is added); default: mailFrom's address. */
  replyAddress?: string;
  /** Reply-address signing key; without it mail carries no reply address. */
  replyKey?: Buffer;
};

/** Stable per outbox row: a resend of the same row (a crash between the server's 250 and the mark) is the same message to mail clients. */
export const deliveryMessageId = (deliveryId: string, domain: string) => `<d.${deliveryId}@${domain}>`;
/** Every mail about a request refers to this, so clients thread them all together. */
export const requestThreadId = (requestId: string, domain: string) => `<r.${requestId}@${domain}>`;
/** Inbound text above this line is the reply; below it, the quoted mail. */
export const replyMarker = "—— Reply above this line ——";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * Turns an outbox row into a good mail: the request's reference in the subject, a plain-text and
 * an HTML part with the link and the quoted reply (the notice's text), the reply address of this
 * person on this request, threading headers, List-Unsubscribe pointing at the preferences page,
 * and Auto-Submitted so that auto-responders stay quiet.
 */
export async function composeNotification(db: Db, mail: OutgoingEmail, settings: ComposeSettings): Promise<Mail.Options> {
  const domain = domainOf(settings.mailFrom);
  const base = settings.baseUrl.replace(/\/$/, "");
  const preferences = `${base}/account/notifications`;
  const headers: Record<string, string> = {
    "Auto-Submitted": "auto-generated",
    "X-Auto-Response-Suppress": "All",
    "List-Unsubscribe": `<${preferences}>`,
  };
  let subject = mail.subject;
  let replyTo: string | undefined;
  let thread: string | undefined;
  if (mail.requestId) {
    const request = await db.request.findUnique({ where: { id: mail.requestId }, select: { number: true, department: { select: { key: true } } } });
    if (request) {
      const reference = formatReference(request.department.key, request.number);
      if (!subject.includes(reference)) subject = `[${reference}] ${subject}`;
      thread = requestThreadId(mail.requestId, domain);
      if (mail.personId && settings.replyKey) {
        const token = await db.emailReplyToken.upsert({
          where: { requestId_personId: { requestId: mail.requestId, personId: mail.personId } },
          update: {},
          create: { requestId: mail.requestId, personId: mail.personId },
          select: { id: true },
        });
        replyTo = plusAddress(settings.replyAddress ?? addressOf(settings.mailFrom), signReplyTag(token.id, settings.replyKey));
      }
    }
  }
  const footer = `You get this email because of your notification settings: ${preferences}`;
  const text = [replyTo ? `${replyMarker}\n` : "", mail.text, "", "-- ", replyTo ? `Reply to this email to answer on the request.\n${footer}` : footer].join("\n");
  return {
    from: settings.mailFrom,
    to: mail.to,
    subject,
    messageId: deliveryMessageId(mail.id, domain),
    ...(thread ? { inReplyTo: thread, references: [thread] } : {}),
    ...(replyTo ? { replyTo } : {}),
    headers,
    text,
    html: renderHtml(mail.text, { replyMarker: Boolean(replyTo), footer, preferences }),
  };
}

/** The notice's text as HTML: its first paragraph as written, the quoted part as a quote, links as links. */
function renderHtml(text: string, options: { replyMarker: boolean; footer: string; preferences: string }): string {
  const paragraphs = text.split(/\n{2,}/);
  const isLink = (p: string) => /^https?:\/\/\S+$/.test(p.trim());
  const body = paragraphs
    .map((p, i) => {
      const html = escapeHtml(p).replace(/\n/g, "<br>");
      if (isLink(p)) return `<p><a href="${escapeHtml(p.trim())}">Open the request</a></p>`;
      return i === 0 ? `<p>${html}</p>` : `<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc;color:#444">${html}</blockquote>`;
    })
    .join("\n");
  const marker = options.replyMarker ? `<p style="color:#888;font-size:12px">${escapeHtml(replyMarker)}</p>\n` : "";
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:14px">\n${marker}${body}\n<hr><p style="color:#666;font-size:12px">You get this email because of your <a href="${escapeHtml(options.preferences)}">notification settings</a>.</p>\n</body></html>`;
}
