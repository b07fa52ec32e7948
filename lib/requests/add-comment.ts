import "server-only";
import { prepareUploads, type UploadedFile } from "@/lib/attachments/prepare-uploads";
import { recordAttachments, withStoredFiles, type StoredFile } from "@/lib/attachments/record-attachments";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Tx } from "@/lib/db/create-client";
import { sqlTransaction, type Sql } from "@/lib/db/sql";
import { forbidden } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { mentionHandles } from "@/lib/notifications/mentions";
import { heldNoticeRows } from "@/lib/notifications/notify";
import { commentNotices, noticeRequestOf, resolveMentions } from "@/lib/notifications/request-notices";
import { parseInput } from "@/lib/validation/parse";
import { commentSchema, type CommentInput, type Status } from "@/lib/validation/requests";
import { resolvePolicies } from "@/lib/service-levels/policies";
import { heldClocks } from "@/lib/service-levels/refresh-clocks";
import { eventRow } from "./events";
import { loadForChange, lockForChange } from "./load-for-change";
import { requestAfterChange, type ChangedRequest } from "./request-after-change";
import { mayOn, workRefusal } from "./request-policy";
import { stamped, writeChange } from "./write-change";
import { newRowId } from "./write-filing";

/**
 * A public reply (requester, watcher or agent) or an internal note (agents of the department only).
 * Replies move the request along as people expect: an agent's first reply opens a new request, and
 * a requester's reply to a request waiting on them puts it back in the agents' court. Files attached
 * to it share its visibility; a refused file, or any failure, saves neither the comment nor a file.
 */
export async function addComment(options: {
  actor: Actor;
  input: CommentInput;
  files?: readonly UploadedFile[];
  /** A retried submission (API Idempotency-Key) with this key returns the first comment instead of adding another. */
  submissionKey?: string;
  /** Also return the request as the actor now sees it (for the API's answer), from what the change held and wrote. */
  answer?: boolean;
}): Promise<{ commentId: string; created: boolean; request?: ChangedRequest }> {
  const { actor, submissionKey } = options;
  const input = parseInput(commentSchema, options.input);
  const files = await prepareUploads(options.files ?? []);
  try {
    const { change, ...result } = await write();
    // After the commit: the embedded database has one connection, and the transaction held it.
    return options.answer && change ? { ...result, request: await requestAfterChange(change) } : result;
  } catch (error) {
    // Two tries of one submission raced: the other one wrote it.
    if (submissionKey && isUniqueViolation(error)) {
      const raced = await findBySubmission(actor.id, submissionKey);
      if (raced) return { commentId: raced.id, created: false };
    }
    throw error;
  }

  async function write() {
    // A reply that @mentions someone reads them by handle first (the directory, before the transaction); they are read with the request.
    const handles = mentionHandles(input.body);
    const mentions = handles.length ? await resolveMentions(db(), handles) : [];
    // Raw SQL on one pool connection (lib/db/sql.ts says why); a reply with files records them through Prisma's transaction.
    return withStoredFiles(files, (stored) => (stored.length ? db().$transaction((tx) => change(tx, stored, mentions, tx)) : sqlTransaction((tx) => change(tx, stored, mentions), { prepared: true, opening: lockForChange(input.requestId) })));
  }

  async function change(tx: Sql, stored: StoredFile[], mentions: { id: string }[], withFiles?: Tx) {
    const request = await loadForChange(tx, actor, input.requestId, undefined, { history: true, audienceIds: mentions.map((m) => m.id), locked: !withFiles });
    const held = request.history!;
    if (input.visibility === "INTERNAL" && !mayOn(actor, request, "request.note")) {
      throw forbidden("Only agents of the department can write internal notes.");
    }
    if (!mayOn(actor, request, "request.reply")) throw forbidden();
    if (request.status === "CLOSED") throw forbidden("This request is closed. File a new request if you need more help.");
    // The department does not answer a request its approvers have not let through yet; notes are its own.
    const refusal = input.visibility === "PUBLIC" && mayOn(actor, request, "request.triage") ? workRefusal(request) : null;
    if (refusal) throw refusal;
    if (submissionKey) {
      const [earlier] = await tx.$queryRaw<{ id: string; requestId: string }[]>`
        SELECT id, "requestId" FROM "Comment" WHERE "authorId" = ${actor.id} AND "submissionKey" = ${submissionKey}`;
      if (earlier && earlier.requestId === request.id) return { commentId: earlier.id, created: false, change: null };
    }

    const now = new Date();
    const comment = { id: newRowId(), departmentId: request.departmentId, authorId: actor.id, body: input.body, visibility: input.visibility, submissionKey: submissionKey ?? null };
    const isAgent = mayOn(actor, request, "request.triage");
    // Whether the author answered as the provider is fixed at the time: SLA clocks depend on it.
    const events = [eventRow(request.id, actor.id, "commented", { to: { commentId: comment.id, visibility: input.visibility, byAgent: isAgent } })];
    let attachmentIds: string[] = [];
    if (withFiles) {
      // Files point at their comment: it is written before them.
      await withFiles.comment.create({ data: { ...comment, requestId: request.id, createdAt: now }, select: { id: true } });
      const recorded = await recordAttachments(withFiles, { requestId: request.id, commentId: comment.id, uploadedById: actor.id, visibility: input.visibility, files: stored });
      events.push(...recorded.events);
      attachmentIds = recorded.attachmentIds;
    }

    let next: Status | undefined;
    if (input.visibility === "PUBLIC" && isAgent && request.status === "NEW") next = "OPEN";
    if (!isAgent && request.status === "WAITING_ON_REQUESTER") next = "OPEN";
    if (next) events.push(eventRow(request.id, actor.id, "status_changed", { from: { status: request.status }, to: { status: next } }));

    const history = [...held.events, ...stamped(events, now)];
    const { rows: clocks } = await heldClocks(tx, { requestId: request.id, departmentId: request.departmentId, events: history, agentIds: held.agentIds, policies: resolvePolicies(held.policies), now });
    const internal = input.visibility === "INTERNAL";
    const readers = new Set(held.audience.filter((p) => (internal ? p.readsInternal : p.readsPublic)).map((p) => p.id));
    const specs = commentNotices(noticeRequestOf(request, held), { actor, body: input.body, visibility: input.visibility, mentioned: mentions.map((m) => m.id).filter((id) => readers.has(id)) });
    const notices = specs.map((spec) => heldNoticeRows(held.audience, spec));
    const written = await writeChange(tx, {
      requestId: request.id,
      version: request.version,
      bump: next !== undefined,
      set: next ? { status: next } : {},
      comment: withFiles ? undefined : comment,
      events,
      clocks,
      notifications: notices.flatMap((n) => n.notifications),
      emails: notices.flatMap((n) => n.emails),
      at: now,
    });
    const attachments = attachmentIds.map((id, i) => ({ id, fileName: stored[i]!.fileName, contentType: stored[i]!.contentType, size: stored[i]!.size }));
    return {
      commentId: comment.id,
      created: true,
      change: {
        actor,
        held,
        request: {
          id: request.id,
          status: next ?? request.status,
          priority: request.priority,
          version: next ? request.version + 1 : request.version,
          updatedAt: now,
          resolvedAt: request.resolvedAt,
          assignee: held.assignee,
        },
        comment: { id: comment.id, body: input.body, visibility: input.visibility, createdAt: now, attachments },
        events: written,
      },
    };
  }
}

function findBySubmission(authorId: string, submissionKey: string) {
  return db().comment.findUnique({ where: { authorId_submissionKey: { authorId, submissionKey } }, select: { id: true } });
}
