import type { Actor } from "@/lib/auth/permissions";
import type { Db, Tx } from "@/lib/db/create-client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { loadActor } from "@/lib/org/load-actor";
import { readEvent, type RequestEvent } from "@/lib/requests/events";
import { formatReference } from "@/lib/requests/reference";
import { departmentSeat, requestViewer } from "@/lib/requests/request-policy";
import type { Status } from "@/lib/validation/requests";
import { isInternalEvent, webhookEventOf } from "./event-names";
import type { WebhookPayload } from "./formats";

type OutboxRow = { id: bigint; eventId: bigint | null; ratingId: string | null; requestId: string };
type WebhookRow = { id: string; departmentId: string | null; personId: string | null; events: string[]; includeInternal: boolean };

/** Hands the new deliveries to the job queue, in the fan-out's transaction (lib/jobs/run-jobs.ts inserts pg-boss jobs). */
export type EnqueueDeliveries = (tx: Tx, deliveryIds: string[]) => Promise<void>;

/**
 * Drains the webhook outbox: for each event written (the triggers of RequestEvent and Rating fill
 * it in the writing transaction), the deliveries to every active webhook that asked for that kind
 * of event and whose reader may read it through the request policy:
 *  - a department's webhook reads as the department's agents (`departmentSeat`): requests the
 *    department holds now, internal notes and changes only when the webhook asked for them;
 *  - a person's webhook reads as that person does now (an inactive owner reads nothing);
 *  - "rated" only ever goes to the rater's own webhook, never a score to the department.
 * The body is fixed here, read at this moment; retries send the same body. Rows are deleted in the
 * transaction that creates their deliveries and jobs, so each event fans out once (SKIP LOCKED lets
 * instances drain side by side).
 */
export async function fanOutWebhooks(db: Db, options: { baseUrl: string; enqueue: EnqueueDeliveries; batch?: number }): Promise<{ events: number; deliveries: number }> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<OutboxRow[]>`
      DELETE FROM "WebhookOutbox" WHERE id IN (
        SELECT id FROM "WebhookOutbox" ORDER BY id LIMIT ${options.batch ?? 100} FOR UPDATE SKIP LOCKED)
      RETURNING id, "eventId", "ratingId", "requestId"`;
    if (rows.length === 0) return { events: 0, deliveries: 0 };
    rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    const webhooks: WebhookRow[] = await tx.webhook.findMany({
      where: { active: true },
      select: { id: true, departmentId: true, personId: true, events: true, includeInternal: true },
    });
    const readers = new Map<string, Actor | null>();
    const watching = await watchersAmong(tx, rows, webhooks);
    const data: Prisma.WebhookDeliveryCreateManyInput[] = [];
    for (const row of rows) {
      const source = await readSource(tx, row, options.baseUrl);
      if (!source) continue;
      for (const webhook of webhooks) {
        if (!webhook.events.includes(source.payload.event)) continue;
        if (!(await mayReceive(tx, webhook, source, { readers, watching }))) continue;
        data.push({ webhookId: webhook.id, sourceKey: source.payload.id, event: source.payload.event, requestId: row.requestId, payload: source.payload as unknown as Prisma.InputJsonValue });
      }
    }
    if (data.length === 0) return { events: rows.length, deliveries: 0 };
    const created = await tx.webhookDelivery.createManyAndReturn({ data, skipDuplicates: true, select: { id: true } });
    await options.enqueue(tx, created.map((d) => d.id));
    return { events: rows.length, deliveries: created.length };
  });
}

type Source = {
  payload: WebhookPayload;
  internal: boolean;
  request: { departmentId: string; requesterId: string; status: Status; resolvedAt: Date | null; id: string };
  /** Rated: the rater, the only one told. */
  raterId?: string;
};

async function readSource(tx: Tx, row: OutboxRow, baseUrl: string): Promise<Source | null> {
  const request = await tx.request.findUnique({
    where: { id: row.requestId },
    select: {
      id: true, number: true, title: true, status: true, priority: true, departmentId: true, requesterId: true, resolvedAt: true,
      department: { select: { key: true, name: true } },
      requester: { select: { name: true } },
      assignee: { select: { name: true } },
    },
  });
  if (!request) return null;
  const reference = formatReference(request.department.key, request.number);
  const base = {
    reference,
    title: request.title,
    status: request.status,
    priority: request.priority,
    department: request.department,
    requester: { name: request.requester.name },
    assignee: request.assignee ? { name: request.assignee.name } : null,
    url: `${baseUrl.replace(/\/$/, "")}/requests/${reference}`,
  };
  const facts = { id: request.id, departmentId: request.departmentId, requesterId: request.requesterId, status: request.status, resolvedAt: request.resolvedAt };

  if (row.ratingId) {
    const rating = await tx.rating.findUnique({ where: { id: row.ratingId }, select: { id: true, score: true, comment: true, requesterId: true, createdAt: true, requester: { select: { name: true } } } });
    if (!rating) return null;
    return {
      payload: { id: `rating:${rating.id}`, event: "request.rated", occurredAt: rating.createdAt.toISOString(), actor: { name: rating.requester.name }, request: base, rating: { score: rating.score, comment: rating.comment } },
      internal: false,
      request: facts,
      raterId: rating.requesterId,
    };
  }
  if (row.eventId === null) return null;
  const stored = await tx.requestEvent.findUnique({ where: { id: row.eventId }, select: { id: true, type: true, from: true, to: true, createdAt: true, actor: { select: { name: true } } } });
  const event = stored ? readEvent(stored) : null;
  const name = event ? webhookEventOf(event) : null;
  if (!stored || !event || !name) return null;
  const payload: WebhookPayload = {
    id: `event:${stored.id}`,
    event: name,
    occurredAt: stored.createdAt.toISOString(),
    actor: stored.actor ? { name: stored.actor.name } : null,
    request: base,
  };
  if (event.type === "commented") {
    if (!event.to.commentId) return null; // an imported history's comment: nothing to tell
    const comment = await tx.comment.findUnique({ where: { id: event.to.commentId }, select: { id: true, body: true, visibility: true, author: { select: { name: true } } } });
    if (!comment) return null;
    payload.comment = { id: comment.id, visibility: comment.visibility, body: comment.body, author: { name: comment.author.name } };
  } else if (name !== "request.filed") {
    payload.change = changeOf(event);
  }
  return { payload, internal: isInternalEvent(event), request: facts };
}

const changeOf = (event: RequestEvent) => ({ type: event.type, from: event.from ?? null, to: event.to ?? null });

const watchKey = (requestId: string, personId: string) => `${requestId} ${personId}`;

/** Which owners of personal webhooks watch which of the batch's requests: one query for the whole batch. */
async function watchersAmong(tx: Tx, rows: OutboxRow[], webhooks: WebhookRow[]): Promise<Set<string>> {
  const personIds = [...new Set(webhooks.flatMap((w) => (w.personId ? [w.personId] : [])))];
  if (personIds.length === 0) return new Set();
  const watchers = await tx.watcher.findMany({
    where: { requestId: { in: [...new Set(rows.map((r) => r.requestId))] }, personId: { in: personIds } },
    select: { requestId: true, personId: true },
  });
  return new Set(watchers.map((w) => watchKey(w.requestId, w.personId)));
}

type Readers = { readers: Map<string, Actor | null>; watching: Set<string> };

async function mayReceive(tx: Tx, webhook: WebhookRow, source: Source, { readers, watching }: Readers): Promise<boolean> {
  if (source.payload.event === "request.rated") return webhook.personId !== null && webhook.personId === source.raterId;
  if (source.internal && !webhook.includeInternal) return false;
  let reader: Actor | null;
  let isWatcher = false;
  if (webhook.departmentId) {
    reader = departmentSeat(webhook.departmentId);
  } else {
    const personId = webhook.personId!;
    if (!readers.has(personId)) readers.set(personId, await loadActor(tx, personId));
    reader = readers.get(personId) ?? null;
    isWatcher = watching.has(watchKey(source.request.id, personId));
  }
  if (!reader) return false;
  const viewer = requestViewer(reader, { ...source.request, isWatcher });
  return viewer.can.view && (!source.internal || viewer.can.seeInternal);
}
