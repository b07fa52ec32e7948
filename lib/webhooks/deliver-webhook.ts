import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { Db } from "@/lib/db/create-client";
import { notify } from "@/lib/notifications/notify";
import { guardedLookup, hostOf, isPrivateAddress, RefusedAddressError, type GuardOptions } from "./address-guard";
import { formatBody, type WebhookPayload } from "./formats";
import { openSecret } from "./secret-box";
import { signatureHeader } from "./signature";

export type WebhookOutcome = "sent" | "retrying" | "failed" | "skipped";

export type DeliverOptions = GuardOptions & {
  deliveryId: string;
  /** pg-boss has no retry left after this one: a failure is final. */
  finalAttempt: boolean;
  timeoutMs: number;
  /** Consecutive failed attempts (any delivery of the webhook) after which it is disabled. */
  disableAfter: number;
  baseUrl: string;
  now?: () => Date;
};

/** What the receiver answered, or why there was no answer. */
type Answer = { statusCode: number | null; error: string | null; durationMs: number };

/**
 * One attempt of one delivery: the stored body in the webhook's format, signed with the time of
 * sending, posted with the SSRF guard on the address the connection uses. A 2xx answer delivers it;
 * anything else (another status, a timeout, a refused connection) is a failed attempt, logged with
 * its status and duration, and retried by pg-boss with backoff until the last retry. A refused
 * address is not retried. Each failed attempt counts toward the webhook's consecutive failures;
 * at DESK_WEBHOOK_DISABLE_AFTER it is disabled and its owner told (the department's heads, or the
 * person). A delivery already settled, or of a webhook disabled or deleted since, sends nothing.
 */
export async function deliverWebhook(db: Db, options: DeliverOptions): Promise<WebhookOutcome> {
  const now = options.now ?? (() => new Date());
  const delivery = await db.webhookDelivery.findUnique({
    where: { id: options.deliveryId },
    include: { webhook: { select: { id: true, url: true, format: true, secret: true, active: true } } },
  });
  if (!delivery) return "skipped";
  if (delivery.status === "SUCCEEDED") return "sent";
  if (delivery.status === "FAILED") return "failed";
  if (delivery.status === "SKIPPED") return "skipped";
  const { webhook } = delivery;
  if (!webhook.active) {
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "SKIPPED", error: "The webhook was disabled before this delivery was sent." } });
    return "skipped";
  }

  const body = JSON.stringify(formatBody(webhook.format, delivery.payload as unknown as WebhookPayload));
  const startedAt = now();
  let answer: Answer;
  let refused = false;
  try {
    const secret = openSecret(webhook.secret);
    answer = await post(webhook.url, {
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "ServiceDesk-Webhooks/1",
        "desk-event": delivery.event,
        "desk-delivery": delivery.id,
        "desk-signature": signatureHeader({ secret, body, at: startedAt }),
      },
      timeoutMs: options.timeoutMs,
      guard: options,
    });
  } catch (error) {
    refused = error instanceof RefusedAddressError;
    answer = { statusCode: null, error: error instanceof Error ? error.message : String(error), durationMs: Math.max(0, now().getTime() - startedAt.getTime()) };
  }

  const ok = answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300;
  const final = ok || refused || options.finalAttempt;
  const attempt = delivery.attempts + 1;
  const error = ok ? null : (answer.error ?? `The receiver answered ${answer.statusCode}.`).slice(0, 500);
  await db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({ data: { deliveryId: delivery.id, attempt, statusCode: answer.statusCode, durationMs: answer.durationMs, error, createdAt: startedAt } });
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        attempts: attempt,
        status: ok ? "SUCCEEDED" : final ? "FAILED" : "RETRYING",
        responseStatus: answer.statusCode,
        durationMs: answer.durationMs,
        error,
        lastAttemptAt: startedAt,
        deliveredAt: ok ? now() : null,
      },
    });
    if (ok) {
      await tx.webhook.update({ where: { id: webhook.id }, data: { consecutiveFailures: 0 } });
      return;
    }
    const [counted] = await tx.$queryRaw<{ consecutiveFailures: number; active: boolean; departmentId: string | null; personId: string | null; name: string }[]>`
      UPDATE "Webhook" SET "consecutiveFailures" = "consecutiveFailures" + 1, "updatedAt" = now()
       WHERE id = ${webhook.id}
      RETURNING "consecutiveFailures", active, "departmentId", "personId", name`;
    if (!counted || !counted.active || counted.consecutiveFailures < options.disableAfter) return;
    const reason = `Disabled after ${counted.consecutiveFailures} failed deliveries in a row; the last: ${error}`;
    await tx.webhook.update({ where: { id: webhook.id }, data: { active: false, disabledAt: now(), disabledReason: reason.slice(0, 600) } });
    const owners = counted.personId
      ? [counted.personId]
      : (await tx.roleGrant.findMany({ where: { departmentId: counted.departmentId, role: "HEAD" }, select: { personId: true } })).map((g) => g.personId);
    const place = counted.personId ? "/account/tokens" : `/settings/${await departmentKey(db, counted.departmentId!)}/webhooks`;
    await notify(tx, {
      personIds: owners,
      kind: "webhook_disabled",
      title: `Webhook "${counted.name}" was disabled`,
      body: `${reason}\n\nFix the receiver, then enable the webhook again; deliveries missed meanwhile are in its log.`,
      link: `${options.baseUrl.replace(/\/$/, "")}${place}`,
    });
  });
  if (ok) return "sent";
  return final ? "failed" : "retrying";
}

async function departmentKey(db: Db, departmentId: string) {
  return (await db.department.findUniqueOrThrow({ where: { id: departmentId }, select: { key: true } })).key;
}

/** POSTs once, following no redirect, with the guard deciding the address the socket connects to. */
function post(raw: string, options: { body: string; headers: Record<string, string>; timeoutMs: number; guard: GuardOptions }): Promise<Answer> {
  const url = new URL(raw);
  const host = hostOf(url);
  if (url.protocol !== "https:" && !(options.guard.allowPrivate && url.protocol === "http:")) {
    return Promise.reject(new RefusedAddressError("Only https:// addresses are delivered to."));
  }
  // An IP address in the URL is connected to without a lookup: judge it here.
  if (net.isIP(host) && !options.guard.allowPrivate && isPrivateAddress(host)) {
    return Promise.reject(new RefusedAddressError(`${host} is a private address: refused`));
  }
  const started = process.hrtime.bigint();
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        headers: { ...options.headers, "content-length": Buffer.byteLength(options.body) },
        lookup: guardedLookup(options.guard),
        timeout: options.timeoutMs,
        agent: false,
      },
      (response) => {
        // The body is not kept (it may be large); it is read and dropped so the socket closes cleanly.
        response.resume();
        response.on("end", () => resolve({ statusCode: response.statusCode ?? null, error: null, durationMs: elapsed() }));
        response.on("error", (error) => resolve({ statusCode: response.statusCode ?? null, error: error.message, durationMs: elapsed() }));
      },
    );
    request.setTimeout(options.timeoutMs, () => request.destroy(new Error(`No answer within ${Math.round(options.timeoutMs / 1000)} s.`)));
    request.on("error", (error) => (error instanceof RefusedAddressError ? reject(error) : resolve({ statusCode: null, error: error.message, durationMs: elapsed() })));
    request.end(options.body);
  });
}
