import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditRow, fieldError } from "@/lib/org/audit";
import { mayReadDepartmentInternal } from "@/lib/requests/request-policy";
import { parseInput } from "@/lib/validation/parse";
import {
  createWebhookSchema,
  setWebhookActiveSchema,
  updateWebhookSchema,
  webhookIdSchema,
  type CreateWebhookInput,
  type SetWebhookActiveInput,
  type UpdateWebhookInput,
  type WebhookIdInput,
} from "@/lib/validation/webhooks";
import { refuseWebhookUrl, type GuardOptions } from "./address-guard";
import { sealSecret } from "./secret-box";
import { generateWebhookSecret } from "./signature";

const MAX_PER_OWNER = 10;

/** The guard as configured (DESK_WEBHOOK_ALLOW_PRIVATE); tests pass their own. */
const configuredGuard = (): GuardOptions => ({ allowPrivate: env().DESK_WEBHOOK_ALLOW_PRIVATE });

export type WebhookOwner = { departmentId: string } | { personId: string };

/**
 * Who may manage a webhook: a department's through `department.configure` (its heads, admins), a
 * person's only by that person (`api.tokens.manage`, their own scope). Anything else is NOT_FOUND.
 */
export function mayManage(actor: Actor, owner: { departmentId: string | null; personId: string | null }): boolean {
  if (owner.departmentId) return can(actor, "department.configure", { departmentId: owner.departmentId });
  return owner.personId === actor.id && can(actor, "api.tokens.manage");
}

async function ownedWebhook(actor: Actor, webhookId: string) {
  const webhook = await db().webhook.findUnique({ where: { id: webhookId } });
  if (!webhook || !mayManage(actor, webhook)) throw notFound("This webhook");
  return webhook;
}

const INTERNAL_REFUSED =
  "Only the department's agents and heads may send its internal notes and changes to a webhook: you cannot read them yourself. Leave this off, or ask one of them.";

/**
 * A department's webhook reads internal notes as its agents do (lib/webhooks/fan-out.ts), so one
 * who may not read them (an admin outside the department) may neither switch that on nor point a
 * webhook that has it at another address.
 */
function checkInternal(actor: Actor, departmentId: string | null, change: { includeInternal: boolean; urlChanged: boolean; wasOn: boolean }) {
  if (!departmentId || !change.includeInternal || (change.wasOn && !change.urlChanged)) return;
  if (!mayReadDepartmentInternal(actor, departmentId)) throw fieldError("includeInternal", INTERNAL_REFUSED);
}

async function checkUrl(url: string, guard: GuardOptions) {
  const refused = await refuseWebhookUrl(url, guard);
  if (refused) throw fieldError("url", refused);
}

/**
 * A new webhook of a department (its head) or of the actor themself. The signing secret is
 * returned once, here; the desk keeps it encrypted to sign with and never shows it again (rotate
 * to get a new one). The address is checked against the SSRF guard now and at every delivery.
 */
export async function createWebhook(options: { actor: Actor; input: CreateWebhookInput; guard?: GuardOptions }) {
  const { actor } = options;
  const input = parseInput(createWebhookSchema, options.input);
  const owner: WebhookOwner = input.owner === "mine" ? { personId: actor.id } : { departmentId: input.owner.departmentId };
  const ownerColumns = { departmentId: "departmentId" in owner ? owner.departmentId : null, personId: "personId" in owner ? owner.personId : null };
  if (!mayManage(actor, ownerColumns)) {
    if (ownerColumns.departmentId) throw notFound("This department");
    throw forbidden();
  }
  if (ownerColumns.departmentId && !(await db().department.findUnique({ where: { id: ownerColumns.departmentId }, select: { id: true } }))) throw notFound("This department");
  if (input.events.includes("request.rated") && ownerColumns.departmentId) {
    throw fieldError("events", "Ratings go only to the rater's own webhook: a department's webhook cannot receive them.");
  }
  checkInternal(actor, ownerColumns.departmentId, { includeInternal: input.includeInternal, urlChanged: true, wasOn: false });
  await checkUrl(input.url, options.guard ?? configuredGuard());
  const count = await db().webhook.count({ where: ownerColumns.departmentId ? { departmentId: ownerColumns.departmentId } : { personId: actor.id } });
  if (count >= MAX_PER_OWNER) throw new AppError("CONFLICT", `There are already ${MAX_PER_OWNER} webhooks here: delete one you no longer use first.`);

  const { secret, prefix } = generateWebhookSecret();
  const webhook = await db().$transaction(async (tx) => {
    const created = await tx.webhook.create({
      data: {
        ...ownerColumns,
        createdById: actor.id,
        name: input.name,
        url: input.url,
        format: input.format,
        events: input.events,
        includeInternal: input.includeInternal,
        secret: sealSecret(secret),
        secretPrefix: prefix,
      },
      select: webhookSelect,
    });
    await tx.auditEvent.create({ data: auditRow(actor, "webhook.created", `webhook:${created.id}`, describe(created)) });
    return created;
  });
  return { ...webhook, secret };
}

const webhookSelect = {
  id: true,
  departmentId: true,
  personId: true,
  name: true,
  url: true,
  format: true,
  events: true,
  includeInternal: true,
  secretPrefix: true,
  active: true,
  disabledAt: true,
  disabledReason: true,
  consecutiveFailures: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.WebhookSelect;

/** What the audit log keeps of a webhook: never its secret; the address without its query (a chat webhook's token may sit there). */
function describe(w: { name: string; url: string; format: string; events: string[]; includeInternal: boolean; departmentId: string | null; personId: string | null }): Prisma.InputJsonValue {
  const url = new URL(w.url);
  return { name: w.name, url: `${url.origin}${url.pathname.length > 1 ? "/…" : ""}`, format: w.format, events: w.events, includeInternal: w.includeInternal, departmentId: w.departmentId, personId: w.personId };
}

export async function updateWebhook(options: { actor: Actor; input: UpdateWebhookInput; guard?: GuardOptions }) {
  const { actor } = options;
  const input = parseInput(updateWebhookSchema, options.input);
  const webhook = await ownedWebhook(actor, input.webhookId);
  if (input.events.includes("request.rated") && webhook.departmentId) {
    throw fieldError("events", "Ratings go only to the rater's own webhook: a department's webhook cannot receive them.");
  }
  checkInternal(actor, webhook.departmentId, { includeInternal: input.includeInternal, urlChanged: input.url !== webhook.url, wasOn: webhook.includeInternal });
  if (input.url !== webhook.url) await checkUrl(input.url, options.guard ?? configuredGuard());
  return db().$transaction(async (tx) => {
    const updated = await tx.webhook.update({
      where: { id: webhook.id },
      data: { name: input.name, url: input.url, format: input.format, events: input.events, includeInternal: input.includeInternal },
      select: webhookSelect,
    });
    await tx.auditEvent.create({ data: auditRow(actor, "webhook.updated", `webhook:${webhook.id}`, describe(updated)) });
    return updated;
  });
}

/** Enables (counting failures from zero again) or disables a webhook. */
export async function setWebhookActive(options: { actor: Actor; input: SetWebhookActiveInput; guard?: GuardOptions }) {
  const { actor } = options;
  const input = parseInput(setWebhookActiveSchema, options.input);
  const webhook = await ownedWebhook(actor, input.webhookId);
  if (input.active) await checkUrl(webhook.url, options.guard ?? configuredGuard());
  return db().$transaction(async (tx) => {
    const updated = await tx.webhook.update({
      where: { id: webhook.id },
      data: input.active ? { active: true, disabledAt: null, disabledReason: null, consecutiveFailures: 0 } : { active: false, disabledAt: new Date(), disabledReason: `Disabled by ${actor.name}.` },
      select: webhookSelect,
    });
    await tx.auditEvent.create({ data: auditRow(actor, input.active ? "webhook.enabled" : "webhook.disabled", `webhook:${webhook.id}`, { name: webhook.name }) });
    return updated;
  });
}

/** A new signing secret, shown once; deliveries from now on are signed with it alone. */
export async function rotateWebhookSecret(options: { actor: Actor; input: WebhookIdInput }) {
  const { actor } = options;
  const input = parseInput(webhookIdSchema, options.input);
  const webhook = await ownedWebhook(actor, input.webhookId);
  const { secret, prefix } = generateWebhookSecret();
  await db().$transaction(async (tx) => {
    await tx.webhook.update({ where: { id: webhook.id }, data: { secret: sealSecret(secret), secretPrefix: prefix } });
    await tx.auditEvent.create({ data: auditRow(actor, "webhook.secret_rotated", `webhook:${webhook.id}`, { name: webhook.name, prefix }) });
  });
  return { id: webhook.id, secret, secretPrefix: prefix };
}

/** Deletes a webhook with its delivery log; deliveries still queued find nothing and send nothing. */
export async function deleteWebhook(options: { actor: Actor; input: WebhookIdInput }) {
  const { actor } = options;
  const input = parseInput(webhookIdSchema, options.input);
  const webhook = await ownedWebhook(actor, input.webhookId);
  await db().$transaction(async (tx) => {
    await tx.webhook.delete({ where: { id: webhook.id } });
    await tx.auditEvent.create({ data: auditRow(actor, "webhook.deleted", `webhook:${webhook.id}`, describe(webhook)) });
  });
  return { deleted: true };
}

/** The webhooks of a department (for its head) or the actor's own, each with its latest deliveries and their attempts. */
export async function listWebhooks(options: { actor: Actor; owner: WebhookOwner; deliveries?: number }) {
  const { actor, owner } = options;
  const columns = { departmentId: "departmentId" in owner ? owner.departmentId : null, personId: "personId" in owner ? owner.personId : null };
  if (!mayManage(actor, columns)) throw columns.departmentId ? notFound("This department") : forbidden();
  const webhooks = await db().webhook.findMany({
    where: columns.departmentId ? { departmentId: columns.departmentId } : { personId: actor.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      ...webhookSelect,
      deliveries: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: options.deliveries ?? 20,
        select: {
          id: true,
          event: true,
          sourceKey: true,
          status: true,
          attempts: true,
          responseStatus: true,
          durationMs: true,
          error: true,
          createdAt: true,
          lastAttemptAt: true,
          payload: true,
          attemptLog: { orderBy: { id: "asc" }, select: { attempt: true, statusCode: true, durationMs: true, error: true, createdAt: true } },
        },
      },
    },
  });
  // The log names each delivery's request and nothing of what was sent: an admin manages a
  // department's webhooks without being one who may read its requests (the request policy).
  return webhooks.map((w) => ({ ...w, deliveries: w.deliveries.map(({ payload, ...d }) => ({ ...d, reference: referenceOf(payload) })) }));
}

const referenceOf = (payload: Prisma.JsonValue) => String((payload as { request?: { reference?: unknown } } | null)?.request?.reference ?? "");

export type WebhookListItem = Awaited<ReturnType<typeof listWebhooks>>[number];
