import "server-only";
import { simpleParser } from "mailparser";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { formatReference } from "@/lib/requests/reference";
import { parseInput } from "@/lib/validation/parse";
import { uploadEmlSchema } from "@/lib/validation/email";
import { addressOf } from "./mail-address";
import { imapSettings } from "./poll-imap";
import { processInboundEmail, type InboundOutcome } from "./process-inbound-email";
import { storeInboundEmail } from "./store-inbound-email";

function requireAdmin(actor: Actor) {
  if (!can(actor, "email.deliveries")) throw forbidden("Only administrators can see the desk's mail.");
}

/**
 * The local outbox exists in the embedded demo only (no mail server): there an admin reads each
 * composed mail, headers and all. On a real desk mail content is never shown to admins.
 */
export const localOutbox = () => env().DESK_EMBEDDED && !env().SMTP_URL;

export async function readOutboxEmail(options: { actor: Actor; deliveryId: string }) {
  requireAdmin(options.actor);
  if (!localOutbox()) throw notFound("This email");
  const row = await db().emailDelivery.findUnique({ where: { id: String(options.deliveryId).slice(0, 64) }, select: { id: true, raw: true, to: true, status: true } });
  if (!row?.raw) throw notFound("This email");
  const parsed = await simpleParser(row.raw, { skipImageLinks: true });
  const headers = parsed.headerLines.map((l) => ({ key: l.key, line: l.line }));
  return { id: row.id, to: row.to, subject: parsed.subject ?? "", headers, text: parsed.text ?? "", html: typeof parsed.html === "string" ? parsed.html : null, raw: row.raw };
}

/** The latest inbound mails and what became of them (sender, outcome; never their text). */
export async function listInboundEmails(options: { actor: Actor; take?: number }) {
  requireAdmin(options.actor);
  const rows = await db().inboundEmail.findMany({
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: Math.min(options.take ?? 50, 200),
    select: { id: true, source: true, fromAddress: true, status: true, outcome: true, requestId: true, receivedAt: true, processedAt: true },
  });
  const requests = await db().request.findMany({ where: { id: { in: rows.flatMap((r) => (r.requestId ? [r.requestId] : [])) } }, select: { id: true, number: true, department: { select: { key: true } } } });
  const references = new Map(requests.map((r) => [r.id, formatReference(r.department.key, r.number)]));
  return rows.map(({ requestId, ...r }) => ({ ...r, reference: requestId ? (references.get(requestId) ?? null) : null }));
}

/**
 * Tries inbound mail in the embedded demo: the pasted or uploaded message is stored and processed
 * at once, exactly as one fetched from a mailbox. Only there: on a real desk an upload would let an
 * admin write as anyone.
 */
export async function uploadInboundEmail(options: { actor: Actor; eml: Uint8Array }): Promise<InboundOutcome & { duplicate: boolean }> {
  requireAdmin(options.actor);
  if (!env().DESK_EMBEDDED) throw new AppError("FORBIDDEN", "Uploading mail is for the embedded demo only; a real desk reads its mailboxes.");
  const { eml } = parseInput(uploadEmlSchema, { eml: options.eml });
  const stored = await storeInboundEmail(db(), { raw: Buffer.from(eml), source: "upload", maxBytes: Math.floor(env().INBOUND_MAX_MB * 1024 * 1024) });
  // Claimed as the job claims (process-pending-inbound.ts), so the job never takes it at the same moment.
  const { count } = await db().inboundEmail.updateMany({
    where: { id: stored.id, status: "RECEIVED", OR: [{ lockedUntil: null }, { lockedUntil: { lt: new Date() } }] },
    data: { lockedUntil: new Date(Date.now() + 5 * 60_000), attempts: { increment: 1 } },
  });
  const result: InboundOutcome = count
    ? await processInboundEmail({ inboundId: stored.id })
    : await db().inboundEmail.findUniqueOrThrow({ where: { id: stored.id }, select: { status: true, outcome: true } }).then((r) => ({ status: r.status, outcome: r.outcome ?? "being processed" }));
  await db().auditEvent.create({ data: { actorId: options.actor.id, action: "email.inbound_uploaded", subject: `inbound:${stored.id}`, detail: { status: result.status } } });
  return { ...result, duplicate: stored.duplicate };
}

export type MailSetup = {
  /** How mail leaves: a mail server (its host, never its password), the demo's local outbox, or nothing (every email fails). */
  outbound: { kind: "smtp"; server: string } | { kind: "local-outbox" } | { kind: "none" };
  from: string;
  replyAddress: string;
  /** Mailboxes read over IMAP (user@host/mailbox, never the password), polled every `pollSeconds`, watched with IDLE where offered. */
  mailboxes: string[];
  pollSeconds: number;
  webhook: boolean;
  unknownSender: "refuse" | "create";
  maxMb: number;
  addresses: { id: string; address: string; active: boolean; department: { key: string; name: string }; type: { name: string } }[];
};

/** How mail flows through this desk, for the admin: what is configured, and every department's inbound address. */
export async function mailSetup(options: { actor: Actor }): Promise<MailSetup> {
  requireAdmin(options.actor);
  const e = env();
  const smtp = e.SMTP_URL ? new URL(e.SMTP_URL) : null;
  const addresses = await db().inboundAddress.findMany({
    orderBy: [{ department: { name: "asc" } }, { address: "asc" }],
    take: 500,
    select: { id: true, address: true, active: true, department: { select: { key: true, name: true } }, type: { select: { name: true } } },
  });
  return {
    outbound: smtp ? { kind: "smtp", server: `${smtp.protocol}//${smtp.hostname}${smtp.port ? `:${smtp.port}` : ""}` } : localOutbox() ? { kind: "local-outbox" } : { kind: "none" },
    from: e.MAIL_FROM,
    replyAddress: e.MAIL_REPLY_ADDRESS ?? addressOf(e.MAIL_FROM),
    mailboxes: e.INBOUND_IMAP_URLS.map((url) => imapSettings(url).label),
    pollSeconds: e.INBOUND_IMAP_POLL_SECONDS,
    webhook: Boolean(e.INBOUND_WEBHOOK_SECRET),
    unknownSender: e.INBOUND_UNKNOWN_SENDER,
    maxMb: e.INBOUND_MAX_MB,
    addresses,
  };
}
