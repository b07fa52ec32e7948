import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { notFound } from "@/lib/errors";
import { findVisibleByReference, type FoundRequest } from "./find-by-reference";

/**
 * The id, version and current reference of a request by its reference, if the actor may see it;
 * NOT_FOUND otherwise. A reference from before a transfer (FAC-1042, now IT-2001) leads to the
 * request as it does on the web pages, so scripts holding old references keep working. For callers
 * that address requests by reference (the REST API) before a use case that takes the id.
 * `found`: what the API call's authentication read of this reference for this actor (its round
 * trip, visibleByReferenceSql); when it found nothing the reference is resolved here in full, so a
 * request the actor may not see and one that does not exist take the same path to NOT_FOUND.
 */
export async function resolveReference(options: { actor: Actor; reference: string; found?: FoundRequest | null }): Promise<FoundRequest> {
  if (options.found) return options.found;
  // The common case, a current reference, is one raw statement: through the pool (lib/db/sql.ts says why).
  const client = db();
  const found = await findVisibleByReference({ $queryRaw: sql({ prepared: true }).$queryRaw, request: client.request, requestAlias: client.requestAlias, department: client.department }, options.actor, options.reference);
  if (!found) throw notFound();
  return { id: found.id, version: found.version, reference: found.reference };
}
