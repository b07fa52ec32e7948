import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { actorOfRow, actorRowQuery, loadActor } from "@/lib/org/load-actor";
import { foundOf, visibleByReferenceSql, type FoundRequest } from "@/lib/requests/find-by-reference";
import { rateKeySql, rateStateOf, rateWindowUpsert, type RateState } from "@/lib/security/rate-limit";
import { hashTokenSecret, looksLikeToken } from "./token-secret";

const unauthenticated = (message: string) => new AppError("UNAUTHENTICATED", message);
const TOUCH_EVERY_MS = 60_000;

export type ApiToken = { id: string; personId: string };
type TokenRow = { id: string; personId: string; revokedAt: Date | null; expiresAt: Date | null; lastUsedAt: Date | null };

/** The secret of an `Authorization: Bearer sd_...` header, or UNAUTHENTICATED saying what is wrong with the header. */
function secretOf(authorization: string | null): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) throw unauthenticated("Send your personal API token in the header `Authorization: Bearer sd_...`.");
  const secret = match[1]!;
  if (!looksLikeToken(secret)) throw unauthenticated("This is not a Service Desk API token: they start with sd_.");
  return secret;
}

/** UNAUTHENTICATED unless the token is known, not revoked and not expired (only the token's holder reads why, and they know the token anyway). */
function checkToken(token: TokenRow | undefined, now: Date): asserts token is TokenRow {
  if (!token) throw unauthenticated("This API token is not valid.");
  if (token.revokedAt) throw unauthenticated("This API token has been revoked.");
  if (token.expiresAt && token.expiresAt <= now) throw unauthenticated(`This API token expired on ${token.expiresAt.toISOString()}.`);
}

const personGone = () => unauthenticated("The person this API token belongs to is no longer active.");

/**
 * The token in an `Authorization: Bearer sd_...` header, if it is known, not revoked and not
 * expired; UNAUTHENTICATED otherwise, with a message that says which.
 */
export async function findApiToken(options: { authorization: string | null; now?: Date }): Promise<ApiToken> {
  const now = options.now ?? new Date();
  const secret = secretOf(options.authorization);
  // Raw SQL through the pool, as on every API call (lib/db/sql.ts says why).
  const [token] = await sql({ prepared: true }).$queryRaw<TokenRow[]>`
    SELECT id, "personId", "revokedAt", "expiresAt", "lastUsedAt" FROM "ApiToken" WHERE "tokenHash" = ${hashTokenSecret(secret)}`;
  checkToken(token, now);
  // Last use is for the person's overview, so one write a minute is precise enough.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
    await sql({ prepared: true }).$executeRaw`UPDATE "ApiToken" SET "lastUsedAt" = ${now} WHERE id = ${token.id}`;
  }
  return { id: token.id, personId: token.personId };
}

/**
 * The token's person as an actor, read from the directory on every call, exactly as a session is:
 * a deactivated person's token stops working at once, and role changes apply to the next call.
 */
export async function actorOfToken(token: ApiToken): Promise<Actor> {
  const actor = await loadActor(sql({ prepared: true }), token.personId);
  if (!actor) throw personGone();
  const { authVersion: _authVersion, ...rest } = actor;
  return rest;
}

/**
 * An API call's authentication in one statement, as findApiToken, the rate limit and actorOfToken
 * would make it in three: the token is checked (and its last use noted, once a minute), the call is
 * counted against its person's limit only when the token is usable (per person, not per token: more
 * tokens must not buy more calls), and the person is read as the actor. The caller refuses a call
 * over the limit (`rate.allowed`) before it looks at `actor()`, which is UNAUTHENTICATED for a
 * person no longer active.
 *
 * `reference`: the request the call names (a route under /requests/:reference), looked up in the
 * same statement for the token's person when the token is usable: `request` is it when they may see
 * it, null otherwise (resolveReference then resolves it in full, as for a call without it).
 *
 * The bookkeeping this statement writes (the rate window's count, the token's last use) is all it
 * writes, and it commits without waiting for its WAL to reach the disk (`synchronous_commit = off`
 * for its own transaction only, SET LOCAL as a function): a crash of the database server may lose
 * the last moments' counts and last-use times (a fraction of a second of calls counted once less),
 * never a request's data, which every write commits in a transaction of its own with the server's
 * setting. The flush was a few milliseconds of every API call holding a pool connection.
 */
export async function authenticateApiCall(options: {
  authorization: string | null;
  limit: number;
  now?: Date;
  reference?: string;
}): Promise<{ token: ApiToken; rate: RateState; actor: () => Actor; request?: FoundRequest | null }> {
  const now = options.now ?? new Date();
  const secret = secretOf(options.authorization);
  const usable = Prisma.sql`(SELECT "personId" FROM token WHERE usable) AS t`;
  const lookup = options.reference === undefined ? undefined : visibleByReferenceSql(Prisma.sql`(SELECT "personId" FROM token WHERE usable)`, options.reference);
  const [row] = await sql({ prepared: true }).$queryRaw<(TokenRow & { count: number | null; reset: number | null; actor: unknown; request: unknown; quiet: string })[]>`
    WITH quiet AS (SELECT set_config('synchronous_commit', 'off', true) AS quiet), token AS (
      SELECT id, "personId", "revokedAt", "expiresAt", "lastUsedAt",
             "revokedAt" IS NULL AND ("expiresAt" IS NULL OR "expiresAt" > ${now}::timestamp) AS usable
        FROM "ApiToken" WHERE "tokenHash" = ${hashTokenSecret(secret)}
    ), touched AS (
      UPDATE "ApiToken" a SET "lastUsedAt" = ${now}::timestamp FROM token
       WHERE a.id = token.id AND token.usable
         AND (token."lastUsedAt" IS NULL OR token."lastUsedAt" <= ${now}::timestamp - make_interval(secs => ${TOUCH_EVERY_MS / 1000}::int))
      RETURNING 1
    ), rate AS (${rateWindowUpsert({ key: rateKeySql("api", Prisma.sql`t."personId"`), from: usable, seconds: 60 })})
    SELECT token.id, token."personId", token."revokedAt", token."expiresAt", token."lastUsedAt", rate."count", rate."reset",
           (SELECT row_to_json(a) FROM (${actorRowQuery(Prisma.sql`token."personId"`)}) a) AS actor,
           ${lookup ?? Prisma.sql`NULL::json`} AS request, quiet.quiet
      FROM token LEFT JOIN rate ON true, quiet`;
  checkToken(row, now);
  if (row.count === null || row.reset === null) throw new Error("the rate window of a usable token was not counted");
  const token = { id: row.id, personId: row.personId };
  return {
    token,
    ...(options.reference === undefined ? {} : { request: foundOf(row.request) }),
    rate: rateStateOf({ count: row.count, reset: row.reset }, options.limit),
    actor: () => {
      const actor = row.actor === null ? null : actorOfRow(row.actor);
      if (!actor) throw personGone();
      const { authVersion: _authVersion, ...rest } = actor;
      return rest;
    },
  };
}
