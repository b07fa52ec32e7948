import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { parseReference } from "./reference";
import { visibleRequests } from "./scope";

/**
 * The id and version of a request by its reference (FAC-1042), if the actor may see it; NOT_FOUND
 * otherwise. For callers that address requests by reference (the REST API) before a use case
 * that takes the id.
 */
export async function resolveReference(options: { actor: Actor; reference: string }): Promise<{ id: string; version: number }> {
  const ref = parseReference(options.reference);
  if (!ref) throw notFound();
  const request = await db().request.findFirst({
    where: { AND: [{ number: ref.number, department: { key: ref.departmentKey } }, visibleRequests(options.actor)] },
    select: { id: true, version: true },
  });
  if (!request) throw notFound();
  return request;
}
