// Signed-in callers for a desk started by the tests or a benchmark, without a browser: a session cookie
// minted the way the app's own next-auth JWT sessions are (same secret, same claims), and API tokens
// inserted for the run (removed by the caller's cleanup with `tokenIds`).
import crypto from "node:crypto";
import { encode } from "next-auth/jwt";
import type pg from "pg";
import { generateTokenSecret } from "@/lib/api-tokens/token-secret";

export function signedIn(db: pg.Pool, options: { secret: string; tokenName: string }) {
  const tokenIds: string[] = [];
  return {
    tokenIds,
    /** The `cookie` header of a session of this person, as lib/auth/options.ts would have signed it in. */
    sessionCookie: async (personId: string): Promise<string> => {
      const { rows } = await db.query<{ email: string; name: string; authVersion: number }>(`SELECT email, name, "authVersion" FROM "Person" WHERE id = $1`, [personId]);
      const p = rows[0];
      if (!p) throw new Error(`no person ${personId}`);
      // The claims lib/auth/options.ts puts in the JWT at sign-in.
      const token = await encode({ secret: options.secret, token: { sub: personId, email: p.email, name: p.name, personId, authVersion: p.authVersion }, maxAge: 12 * 60 * 60 });
      return `next-auth.session-token=${token}`;
    },
    /** A new API token of this person: its secret, for `Authorization: Bearer`. */
    apiToken: async (personId: string): Promise<string> => {
      const { secret, prefix, hash } = generateTokenSecret();
      const id = `${options.tokenName.replace(/[^a-z0-9]+/gi, "-")}-${crypto.randomBytes(6).toString("hex")}`;
      await db.query(`INSERT INTO "ApiToken" (id, "personId", name, prefix, "tokenHash") VALUES ($1, $2, $3, $4, $5)`, [id, personId, options.tokenName, prefix, hash]);
      tokenIds.push(id);
      return secret;
    },
  };
}
