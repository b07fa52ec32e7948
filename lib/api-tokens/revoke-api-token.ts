import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { auditRow } from "@/lib/org/audit";
import { parseInput } from "@/lib/validation/parse";
import { revokeApiTokenSchema, type RevokeApiTokenInput } from "@/lib/validation/api";

/**
 * Revokes one of the actor's own tokens; it fails from the next call on. Someone else's token is
 * NOT_FOUND. Revoking twice keeps the first revocation time.
 */
export async function revokeApiToken(options: { actor: Actor; input: RevokeApiTokenInput }): Promise<{ revoked: boolean }> {
  const { actor } = options;
  if (!can(actor, "api.tokens.manage")) throw forbidden();
  const input = parseInput(revokeApiTokenSchema, options.input);
  const token = await db().apiToken.findFirst({ where: { id: input.tokenId, personId: actor.id }, select: { id: true, name: true, prefix: true } });
  if (!token) throw notFound("This token");
  return db().$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count === 1) await tx.auditEvent.create({ data: auditRow(actor, "api_token.revoked", `api_token:${token.id}`, { name: token.name, prefix: token.prefix }) });
    return { revoked: count === 1 };
  });
}
