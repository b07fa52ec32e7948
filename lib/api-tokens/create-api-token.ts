import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import { auditRow } from "@/lib/org/audit";
import { parseInput } from "@/lib/validation/parse";
import { createApiTokenSchema, type CreateApiTokenInput } from "@/lib/validation/api";
import { generateTokenSecret } from "./token-secret";

const MAX_ACTIVE = 20;
const DAY = 24 * 60 * 60 * 1000;

/**
 * A personal API token for the actor. The secret is returned once, here, and never stored: the
 * table keeps only its hash, so a lost token is revoked and replaced, not recovered. Creation and
 * revocation go to the audit log.
 */
export async function createApiToken(options: { actor: Actor; input: CreateApiTokenInput; now?: Date }) {
  const { actor } = options;
  if (!can(actor, "api.tokens.manage")) throw forbidden();
  const input = parseInput(createApiTokenSchema, options.input);
  const now = options.now ?? new Date();
  const active = await db().apiToken.count({
    where: { personId: actor.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
  if (active >= MAX_ACTIVE) throw new AppError("CONFLICT", `You have ${MAX_ACTIVE} active tokens: revoke one you no longer use first.`);

  const { secret, prefix, hash } = generateTokenSecret();
  const expiresAt = input.expiresIn === "never" ? null : new Date(now.getTime() + Number(input.expiresIn) * DAY);
  const token = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { personId: actor.id, name: input.name, prefix, tokenHash: hash, expiresAt, createdAt: now },
      select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true },
    });
    await tx.auditEvent.create({
      data: auditRow(actor, "api_token.created", `api_token:${created.id}`, { name: created.name, prefix, expiresAt: expiresAt?.toISOString() ?? null }),
    });
    return created;
  });
  return { ...token, secret };
}
