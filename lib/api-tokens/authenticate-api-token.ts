import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { loadActor } from "@/lib/org/load-actor";
import { hashTokenSecret, looksLikeToken } from "./token-secret";

const unauthenticated = (message: string) => new AppError("UNAUTHENTICATED", message);
const TOUCH_EVERY_MS = 60_000;

export type ApiToken = { id: string; personId: string };

/**
 * The token in an `Authorization: Bearer sd_...` header, if it is known, not revoked and not
 * expired; UNAUTHENTICATED otherwise, with a message that says which (only the token's holder can
 * read it, and they know the token anyway).
 */
export async function findApiToken(options: { authorization: string | null; now?: Date }): Promise<ApiToken> {
  const now = options.now ?? new Date();
  const match = /^Bearer\s+(\S+)\s*$/i.exec(options.authorization ?? "");
  if (!match) throw unauthenticated("Send your personal API token in the header `Authorization: Bearer sd_...`.");
  const secret = match[1]!;
  if (!looksLikeToken(secret)) throw unauthenticated("This is not a Service Desk API token: they start with sd_.");
  // Raw SQL through the pool, as on every API call (lib/db/sql.ts says why).
  const [token] = await sql().$queryRaw<{ id: string; personId: string; revokedAt: Date | null; expiresAt: Date | null; lastUsedAt: Date | null }[]>`
    SELECT id, "personId", "revokedAt", "expiresAt", "lastUsedAt" FROM "ApiToken" WHERE "tokenHash" = ${hashTokenSecret(secret)}`;
  if (!token) throw unauthenticated("This API token is not valid.");
  if (token.revokedAt) throw unauthenticated("This API token has been revoked.");
  if (token.expiresAt && token.expiresAt <= now) throw unauthenticated(`This API token expired on ${token.expiresAt.toISOString()}.`);
  // Last use is for the person's overview, so one write a minute is precise enough.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await sql().$executeRaw`UPDATE "ApiToken" SET "lastUsedAt" = ${now} WHERE id = ${token.id}`;
  }
  return { id: token.id, personId: token.personId };
}

/**
 * The token's person as an actor, read from the directory on every call, exactly as a session is:
 * a deactivated person's token stops working at once, and role changes apply to the next call.
 */
export async function actorOfToken(token: ApiToken): Promise<Actor> {
  const actor = await loadActor(sql(), token.personId);
  if (!actor) throw unauthenticated("The person this API token belongs to is no longer active.");
  const { authVersion: _authVersion, ...rest } = actor;
  return rest;
}
