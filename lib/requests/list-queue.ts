import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { queueFilterSchema, type QueueFilter } from "@/lib/validation/requests";
import { breachingSoon, slaBadges } from "@/lib/service-levels/sla-badges";
import { formatReference, parseReference } from "./reference";

const PAGE = 50;

/**
 * A department's queue for its agents, newest first, with keyset pagination on (createdAt, id) so
 * the next page costs the same on a million requests as the first.
 */
export async function listQueue(options: { actor: Actor; departmentKey: string; filter?: QueueFilter }) {
  const { actor } = options;
  const filter = parseInput(queueFilterSchema, options.filter ?? {});
  const department = await db().department.findUnique({ where: { key: options.departmentKey.toUpperCase() }, select: { id: true, key: true, name: true } });
  if (!department) throw notFound("This department");
  if (!can(actor, "queue.view", { departmentId: department.id })) throw forbidden("Only agents of this department can see its queue.");

  const where: Prisma.RequestWhereInput[] = [{ departmentId: department.id }];
  if (filter.status === "ACTIVE") where.push({ status: { in: ["NEW", "OPEN", "WAITING_ON_REQUESTER"] } });
  else if (filter.status !== "ALL") where.push({ status: filter.status });
  if (filter.priority) where.push({ priority: filter.priority });
  if (filter.assignee === "me") where.push({ assigneeId: actor.id });
  else if (filter.assignee === "none") where.push({ assigneeId: null });
  else if (filter.assignee) where.push({ assigneeId: filter.assignee });
  if (filter.q) {
    const ref = parseReference(filter.q);
    where.push(ref && ref.departmentKey === department.key ? { number: ref.number } : { title: { contains: filter.q, mode: "insensitive" } });
  }
  const dueOrder = filter.sort === "due" ? await breachingSoon(department.id, PAGE) : null;
  if (dueOrder) where.push({ id: { in: dueOrder } });
  const cursor = dueOrder ? null : decodeCursor(filter.cursor);
  if (cursor) {
    where.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });
  }

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
      createdAt: true,
      updatedAt: true,
      type: { select: { name: true } },
      requester: { select: { name: true } },
      requesterDepartment: { select: { name: true } },
      assignee: { select: { id: true, name: true } },
    },
  });
  const page = rows.slice(0, PAGE);
  if (dueOrder) page.sort((a, b) => dueOrder.indexOf(a.id) - dueOrder.indexOf(b.id));
  const last = page.at(-1);
  const badges = await slaBadges(department.id, page.map((r) => r.id));
  return {
    department,
    filter,
    rows: page.map((r) => ({ ...r, reference: formatReference(department.key, r.number), sla: badges.get(r.id) })),
    nextCursor: !dueOrder && rows.length > PAGE && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { createdAt: Date; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(at ?? "");
  // A tampered or truncated link starts from the first page rather than failing.
  const year = createdAt.getUTCFullYear();
  return id && id.length <= 64 && !Number.isNaN(createdAt.getTime()) && year >= 1970 && year <= 9999 ? { createdAt, id } : null;
}

/** The departments whose queues the actor works, for navigation. */
export async function myQueues(actor: Actor) {
  if (actor.agentOf.length === 0) return [];
  return db().department.findMany({ where: { id: { in: actor.agentOf } }, orderBy: { name: "asc" }, select: { id: true, key: true, name: true } });
}
