import "server-only";
import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { auditRow, requireOrgManager } from "@/lib/org/audit";
import { parseInput } from "@/lib/validation/parse";
import { createScimTokenSchema, revokeScimTokenSchema, type CreateScimTokenInput, type RevokeScimTokenInput } from "@/lib/validation/scim";
import { ScimError } from "./scim-error";

const prefix = "scim_";
const shape = /^scim_[A-Za-z0-9_-]{43}$/;
const hash = (secret: string) => crypto.createHash("sha256").update(secret).digest("hex");
const TOUCH_EVERY_MS = 60_000;

/** A bearer token for an identity provider; the secret is shown once, only its hash is kept. Admins only, audited. */
export async function createScimToken(options: { actor: Actor; input: CreateScimTokenInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(createScimTokenSchema, options.input);
  const secret = prefix + crypto.randomBytes(32).toString("base64url");
  const token = await db().$transaction(async (tx) => {
    const created = await tx.scimToken.create({
      data: { name: input.name, prefix: secret.slice(0, 12), tokenHash: hash(secret), createdById: actor.id },
      select: { id: true, name: true, prefix: true, createdAt: true },
    });
    await tx.auditEvent.create({ data: auditRow(actor, "scim_token.created", `scim_token:${created.id}`, { name: created.name, prefix: created.prefix }) });
    return created;
  });
  return { ...token, secret };
}

export async function revokeScimToken(options: { actor: Actor; input: RevokeScimTokenInput }) {
  const { actor } = options;
  requireOrgManager(actor);
  const input = parseInput(revokeScimTokenSchema, options.input);
  const token = await db().scimToken.findUnique({ where: { id: input.tokenId }, select: { id: true, name: true } });
  if (!token) throw notFound("This token");
  return db().$transaction(async (tx) => {
    const { count } = await tx.scimToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 1) await tx.auditEvent.create({ data: auditRow(actor, "scim_token.revoked", `scim_token:${token.id}`, { name: token.name }) });
    return { revoked: count === 1 };
  });
}

export async function listScimTokens(options: { actor: Actor }) {
  requireOrgManager(options.actor);
  return db().scimToken.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
  });
}

/** The token of an `Authorization: Bearer scim_...` header, if known and not revoked; a SCIM 401 otherwise. */
export async function authenticateScim(authorization: string | null, now = new Date()): Promise<{ id: string; name: string }> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match || !shape.test(match[1]!)) throw new ScimError(401, "Send the SCIM token an administrator created: Authorization: Bearer scim_...");
  const token = await db().scimToken.findUnique({ where: { tokenHash: hash(match[1]!) }, select: { id: true, name: true, revokedAt: true, lastUsedAt: true } });
  if (!token) throw new ScimError(401, "This SCIM token is not valid.");
  if (token.revokedAt) throw new ScimError(401, "This SCIM token has been revoked.");
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await db().scimToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { id: token.id, name: token.name };
}
