import "server-only";
import { prepareUploads, type UploadedFile } from "@/lib/attachments/prepare-uploads";
import { attachmentLimits } from "@/lib/attachments/limits";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { InboundStatus } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log/logger";
import { loadActor } from "@/lib/org/load-actor";
import { resolveSignIn } from "@/lib/org/resolve-sign-in";
import { addComment } from "@/lib/requests/add-comment";
import { fileRequest } from "@/lib/requests/file-request";
import { checkSender } from "./auth-results";
import { addressOf, domainOf, plusTag } from "./mail-address";
import { readInbound, replyText, type InboundAttachment, type ReadInbound } from "./read-inbound";
import { replyTokenKey, verifyReplyTag } from "./reply-token";

export type InboundSettings = {
  mailFrom: string;
  replyAddress?: string;
  replyKey?: Buffer;
  unknownSender: "refuse" | "create";
  defaultDepartmentKey?: string;
  /** INBOUND_REQUIRE_AUTH_RESULTS: when not empty, only mail these servers authenticated is read. */
  trustedAuthServIds?: string[];
};

export const inboundSettings = (): InboundSettings => {
  const e = env();
  return { mailFrom: e.MAIL_FROM, replyAddress: e.MAIL_REPLY_ADDRESS, replyKey: replyTokenKey(), unknownSender: e.INBOUND_UNKNOWN_SENDER, defaultDepartmentKey: e.DEFAULT_DEPARTMENT, trustedAuthServIds: e.INBOUND_REQUIRE_AUTH_RESULTS };
};

export type InboundOutcome = { status: InboundStatus; outcome: string; requestId?: string; commentId?: string };

const TITLE_MAX = 160;
const TEXT_MAX = 20_000;
const clip = (s: string, max: number, note = "") => (s.length > max ? `${s.slice(0, max - 1 - note.length)}…${note}` : s);

/**
 * Turns one stored mail into what it means, through the same use cases and request policy as the
 * app: a reply to a reply address becomes that person's public reply (addComment), a mail to a
 * department's inbound address files a request of its type (fileRequest). Noise (auto-replies,
 * bulk, loops) and bounces never file or answer anything; a refused mail changes nothing, is kept
 * with its reason, written to the audit log and, where the sender is someone the desk knows (or an
 * unknown sender under the `refuse` setting), answered politely. Safe to run again after a crash:
 * a filing carries the mail's id as its submission key, a reply is recognised by its text.
 */
export async function processInboundEmail(options: { inboundId: string; settings?: InboundSettings }): Promise<InboundOutcome> {
  const settings = options.settings ?? inboundSettings();
  const row = await db().inboundEmail.findUniqueOrThrow({ where: { id: options.inboundId } });
  if (row.status !== "RECEIVED") return { status: row.status, outcome: row.outcome ?? "" };
  const replyBase = settings.replyAddress ?? addressOf(settings.mailFrom);
  const mail = await readInbound(Buffer.from(row.raw), { addresses: [addressOf(settings.mailFrom), replyBase], domain: domainOf(settings.mailFrom) });
  const result = await decide(row, mail, settings, replyBase);
  await db().inboundEmail.update({
    where: { id: row.id },
    data: { status: result.status, outcome: result.outcome, requestId: result.requestId, commentId: result.commentId, fromAddress: mail.from, subject: clip(mail.subject, 300), processedAt: new Date(), lockedUntil: null },
  });
  if (result.status === "REFUSED") {
    await db().auditEvent.create({ data: { actorId: null, action: "email.inbound_refused", subject: `inbound:${row.id}`, detail: { from: mail.from, messageId: row.messageId, reason: result.outcome } } });
    logger.warn({ inboundId: row.id, from: mail.from, reason: result.outcome }, "inbound mail refused");
  }
  return result;
}

async function decide(row: { id: string; receivedAt: Date; attempts: number }, mail: ReadInbound, settings: InboundSettings, replyBase: string): Promise<InboundOutcome> {
  if (mail.bounce) return bounced(mail, settings);
  if (mail.noise) return { status: "IGNORED", outcome: mail.noise };
  if (!mail.from) return { status: "REFUSED", outcome: "no sender address" };
  if (await db().inboundAddress.findUnique({ where: { address: mail.from } })) return { status: "IGNORED", outcome: "loop" };
  if (mail.forged) return { status: "REFUSED", outcome: "forged sender: the receiving server's DMARC/SPF check failed" };
  if (settings.trustedAuthServIds?.length) {
    // Nobody is answered: a sender nobody vouches for may not be who the From says.
    const check = checkSender({ headers: mail.authenticationResults, from: mail.from, trusted: settings.trustedAuthServIds });
    if (!check.ok) return { status: "REFUSED", outcome: `sender not authenticated: ${check.reason}` };
  }

  // Who wrote: the directory decides, as at sign-in.
  const known = await db().person.findFirst({ where: { email: { equals: mail.from, mode: "insensitive" } }, select: { id: true, active: true } });
  if (known && !known.active) return { status: "REFUSED", outcome: "sender is deactivated" };
  let personId = known?.id;
  if (!personId) {
    if (settings.unknownSender === "create") {
      const created = await resolveSignIn(db(), { email: mail.from, name: mail.fromName, policy: { unknownEmail: "create", defaultDepartmentKey: settings.defaultDepartmentKey } });
      if (created.ok) personId = created.personId;
    }
    if (!personId) {
      await politeReply(mail, null, "We could not file your email", `Your email “${mail.subject || "(no subject)"}” was not filed: ${mail.from} is not in the organisation's directory.\n\nPlease write from your work address, or file the request in the desk.`);
      return { status: "REFUSED", outcome: "unknown sender" };
    }
  }
  const actor = await loadActor(db(), personId);
  if (!actor) return { status: "REFUSED", outcome: "sender is deactivated" };

  const target = await replyTarget(mail, settings, replyBase, actor);
  if (target.kind === "invalid") return { status: "REFUSED", outcome: target.reason };
  if (target.kind === "reply") {
    if (target.personId && target.personId !== actor.id) return { status: "REFUSED", outcome: "the reply address belongs to someone else than the sender" };
    return reply(row, mail, actor, target.requestId);
  }

  const address = await db().inboundAddress.findFirst({ where: { address: { in: mail.recipients }, active: true }, select: { typeId: true, address: true } });
  if (!address) return { status: "REFUSED", outcome: "addressed to no inbound address or reply address of the desk" };
  return file(row, mail, actor, address);
}

type Target = { kind: "reply"; requestId: string; personId: string | null } | { kind: "new" } | { kind: "invalid"; reason: string };

/**
 * The request a mail answers: its reply address (signed, one person on one request), else the
 * desk's own mail it answers (In-Reply-To/References name that mail's Message-ID), which must have
 * been sent to this sender. The thread's id alone is no proof: it is in every mail about the
 * request and known to all who see it, so with it anyone could write as anyone in the thread.
 */
async function replyTarget(mail: ReadInbound, settings: InboundSettings, replyBase: string, sender: Actor): Promise<Target> {
  for (const recipient of mail.recipients) {
    const tag = plusTag(recipient, replyBase);
    if (!tag) continue;
    const tokenId = verifyReplyTag(tag, settings.replyKey);
    const token = tokenId ? await db().emailReplyToken.findUnique({ where: { id: tokenId } }) : null;
    if (!token) return { kind: "invalid", reason: "reply address not valid" };
    return { kind: "reply", requestId: token.requestId, personId: token.personId };
  }
  const domain = domainOf(settings.mailFrom).replace(/\./g, "\\.");
  const ours = (kind: "d" | "r") => mail.refersTo.flatMap((ref) => new RegExp(`^<${kind}\\.([a-z0-9]+)@${domain}>$`, "i").exec(ref)?.[1] ?? []);
  const answered = ours("d");
  const about = answered.length
    ? await db().emailDelivery.findMany({ where: { id: { in: answered }, requestId: { not: null } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { requestId: true, personId: true, to: true } })
    : [];
  const own = about.find((d) => d.personId === sender.id || d.to.toLowerCase() === sender.email.toLowerCase());
  if (own?.requestId) return { kind: "reply", requestId: own.requestId, personId: sender.id };
  if (about.length || ours("r").length) return { kind: "invalid", reason: "answers the desk's mail about a request that was not sent to the sender" };
  return { kind: "new" };
}

async function reply(row: { id: string; receivedAt: Date; attempts: number }, mail: ReadInbound, actor: Actor, requestId: string): Promise<InboundOutcome> {
  const { files, notes } = await acceptedFiles(mail.attachments);
  const text = replyText(mail.text);
  const body = clip([text || (files.length ? "(files attached)" : ""), notes].filter(Boolean).join("\n\n"), TEXT_MAX);
  if (!body) return { status: "REFUSED", outcome: "empty reply" };
  if (row.attempts > 1) {
    // A run that died after the reply committed: the reply is there already.
    const done = await db().comment.findFirst({ where: { requestId, authorId: actor.id, body, createdAt: { gte: row.receivedAt } }, select: { id: true } });
    if (done) return { status: "REPLIED", outcome: "public reply", requestId, commentId: done.id };
  }
  try {
    const { commentId } = await addComment({ actor, input: { requestId, body, visibility: "PUBLIC" }, files });
    return { status: "REPLIED", outcome: "public reply", requestId, commentId };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The sender holds this request's reply address (or is in its thread): tell them why.
    if (error.code !== "NOT_FOUND") await politeReply(mail, actor.id, "Your reply was not added", error.userMessage);
    return { status: "REFUSED", outcome: error.userMessage };
  }
}

async function file(row: { id: string }, mail: ReadInbound, actor: Actor, address: { typeId: string; address: string }): Promise<InboundOutcome> {
  const { files, notes } = await acceptedFiles(mail.attachments);
  const title = clip(mail.subject.length >= 3 ? mail.subject : `Email from ${actor.name}`, TITLE_MAX);
  const description = clip([mail.text.trim() || "(no text)", notes].filter(Boolean).join("\n\n"), TEXT_MAX, " (cut: the email was longer)");
  try {
    const filed = await fileRequest({ actor, input: { typeId: address.typeId, title, description, fieldValues: {}, submissionKey: `email:${row.id}` }, files });
    if (filed.created) {
      // The answer to their mail: the reference, the link, and a reply address to add to the request.
      await db().emailDelivery.create({
        data: {
          personId: actor.id,
          kind: "request_filed",
          requestId: filed.id,
          to: actor.email,
          subject: `We received your request ${filed.reference}: ${clip(title, 120)}`,
          text: `Your email to ${address.address} is now request ${filed.reference}. Reply to this email to add to it.\n\n${env().NEXTAUTH_URL.replace(/\/$/, "")}/requests/${filed.reference}`,
        },
      });
    }
    return { status: "FILED", outcome: `filed as ${filed.reference} through ${address.address}`, requestId: filed.id };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await politeReply(mail, actor.id, "We could not file your email", `Your email “${mail.subject}” to ${address.address} was not filed: ${error.userMessage}\n\nPlease file it in the desk instead.`);
    return { status: "REFUSED", outcome: error.userMessage };
  }
}

/** Attachments through the same sniffing and limits as uploads; a refused one is left out and named in the text. */
async function acceptedFiles(attachments: InboundAttachment[]): Promise<{ files: UploadedFile[]; notes: string }> {
  const limits = attachmentLimits();
  const files: UploadedFile[] = [];
  const refused: string[] = [];
  for (const a of attachments) {
    const file: UploadedFile = { name: a.name, size: a.bytes.length, arrayBuffer: async () => a.bytes.buffer.slice(a.bytes.byteOffset, a.bytes.byteOffset + a.bytes.byteLength) as ArrayBuffer };
    if (files.length >= limits.maxFiles) {
      refused.push(`${a.name}: at most ${limits.maxFiles} files are attached from one email.`);
      continue;
    }
    try {
      await prepareUploads([file]);
      files.push(file);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.push(error.userMessage);
    }
  }
  return { files, notes: refused.length ? `Not attached:\n${refused.map((r) => `- ${r}`).join("\n")}` : "" };
}

/** A bounce of the desk's own mail: the delivery it names (by its Message-ID) is marked failed. */
async function bounced(mail: ReadInbound, settings: InboundSettings): Promise<InboundOutcome> {
  const domain = domainOf(settings.mailFrom).replace(/\./g, "\\.");
  const ids = [...new Set([...`${mail.text}\n${mail.refersTo.join(" ")}\n${mail.attachments.map((a) => a.bytes.toString("latin1")).join("\n")}`.matchAll(new RegExp(`<d\\.([a-z0-9]+)@${domain}>`, "gi"))].map((m) => m[1]!))];
  const status = /^(Diagnostic-Code|Status):.*$/im.exec(`${mail.text}\n${mail.attachments.map((a) => a.bytes.toString("latin1")).join("\n")}`)?.[0] ?? "bounced";
  const { count } = ids.length
    ? await db().emailDelivery.updateMany({ where: { id: { in: ids } }, data: { status: "FAILED", lastError: clip(`Bounced: ${status}`, 1000), lockedUntil: null } })
    : { count: 0 };
  return { status: "BOUNCE", outcome: count ? `marked ${count} delivery failed` : "bounce of no known delivery" };
}

/** A short answer to the sender, through the outbox like every mail (its Auto-Submitted keeps it from looping). */
async function politeReply(mail: ReadInbound, personId: string | null, subject: string, text: string) {
  if (!mail.from) return;
  await db().emailDelivery.create({ data: { personId, kind: "inbound_reply", to: mail.from, subject: `${subject}: ${clip(mail.subject || "(no subject)", 120)}`, text } });
}
