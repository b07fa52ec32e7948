import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/create-client";
import { AppError, notFound } from "@/lib/errors";
import { standingOf, standingSelect, visibleRequests } from "./request-policy";

/**
 * Loads a request the actor may see, or NOT_FOUND, with whether the actor follows it; checks the
 * version the actor's form was built on.
 * The row is locked first, so changes of one request run one after the other: each transaction's
 * clock refresh then reads every event committed before it, and stored clocks equal a recomputation
 * even when a reply and a status change land at the same moment.
 */
export async function loadForChange(tx: Tx, actor: Actor, requestId: string, expectedVersion?: number) {
  await tx.$queryRaw`SELECT 1 FROM "Request" WHERE id = ${requestId} FOR UPDATE`;
  const request = await tx.request.findFirst({
    where: { AND: [{ id: requestId }, visibleRequests(actor)] },
    select: { id: true, status: true, priority: true, assigneeId: true, version: true, resolvedAt: true, ...standingSelect(actor) },
  });
  if (!request) throw notFound();
  if (expectedVersion !== undefined && expectedVersion !== request.version) throw staleVersion();
  return { ...request, ...standingOf(request) };
}

export const staleVersion = () =>
  new AppError("STALE_VERSION", "Someone else changed this request while you were looking at it. Reload to see their change, then try again.");

/** Bumps the version only if it is still the one read: a concurrent change makes this throw. */
export async function bumpVersion(tx: Tx, requestId: string, version: number, data: Record<string, unknown>) {
  const { count } = await tx.request.updateMany({ where: { id: requestId, version }, data: { ...data, version: { increment: 1 } } });
  if (count !== 1) throw staleVersion();
}
