import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Status } from "@/lib/validation/requests";
import { decodeCursor, encodeCursor } from "./list-queue";
import { formatReference } from "./reference";
import { ownRequests } from "./request-policy";
import { openStatuses } from "./statuses";

const PAGE = 50;
/**
 * The requests a person filed or follows (as the request policy lets them see them), newest first, one page at a time with a keyset cursor
 * on (createdAt, id), the queue's "newest" cursor: the REST API's "my requests". A tampered cursor
 * starts again at the first page.
 */
export async function listMyRequestsPage(options: { actor: Actor; status?: Status | "ACTIVE" | "ALL"; cursor?: string }) {
  const { actor } = options;
  const watched = await db().watcher.findMany({ where: { personId: actor.id }, select: { requestId: true } });
  const where: Prisma.RequestWhereInput[] = [ownRequests(actor, watched.map((w) => w.requestId))];
  const status = options.status ?? "ACTIVE";
  if (status === "ACTIVE") where.push({ status: { in: [...openStatuses] } });
  else if (status !== "ALL") where.push({ status });
  const cursor = decodeCursor(options.cursor, "newest");
  if (cursor?.sort === "newest") where.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });

  const rows = await db().request.findMany({
    where: { AND: where },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE + 1,
    select: {
      id: true,
      number: true,
      title: true,
      status: true,
      priority: true,
      version: true,
      requesterId: true,
      createdAt: true,
      updatedAt: true,
      department: { select: { key: true, name: true } },
      type: { select: { name: true } },
      requester: { select: { name: true } },
      assignee: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, PAGE);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({ ...r, reference: formatReference(r.department.key, r.number), watching: r.requesterId !== actor.id })),
    nextCursor: rows.length > PAGE && last ? encodeCursor("newest", last) : null,
  };
}

