import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";

export type ApiTokenState = "active" | "expired" | "revoked";

/** The actor's own tokens, newest first, without any secret (only its first characters). */
export async function listApiTokens(options: { actor: Actor; now?: Date }) {
  const { actor } = options;
  if (!can(actor, "api.tokens.manage")) throw forbidden();
  const now = options.now ?? new Date();
  const rows = await db().apiToken.findMany({
    where: { personId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
  });
  return rows.map((t) => {
    const state: ApiTokenState = t.revokedAt ? "revoked" : t.expiresAt && t.expiresAt <= now ? "expired" : "active";
    return { ...t, state };
  });
}
