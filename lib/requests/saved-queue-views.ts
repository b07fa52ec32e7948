import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { queueViewRefSchema, saveQueueViewSchema, savedFilterKeys, type QueueViewRefInput, type SaveQueueViewInput } from "@/lib/validation/queue-views";
import { queueFilterSchema } from "@/lib/validation/requests";
import { queueDepartment } from "./queue-department";

export type SavedQueueViewSummary = { id: string; name: string; shared: boolean; mine: boolean; ownerName: string; filter: Record<string, string> };

/**
 * Who sees a saved view: the agents of its department (who work that queue), of them its owner, and
 * when it is shared, the others. Someone who no longer works the queue sees none, not even their own.
 */
const visibleTo = (actor: Actor, departmentId: string): Prisma.SavedQueueViewWhereInput | null =>
  can(actor, "queue.view", { departmentId }) ? { departmentId, OR: [{ ownerId: actor.id }, { shared: true }] } : null;

/** A stored filter as the queue reads it: only the keys a view keeps, as strings (a hand-edited row cannot smuggle in a cursor). */
function storedFilter(value: Prisma.JsonValue): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => (savedFilterKeys as readonly string[]).includes(e[0]) && typeof e[1] === "string"));
}

/** The saved views of a department's queue the actor sees: their own, then those shared by colleagues, by name. */
export async function savedQueueViews(options: { actor: Actor; departmentId: string }): Promise<SavedQueueViewSummary[]> {
  const { actor, departmentId } = options;
  const where = visibleTo(actor, departmentId);
  if (!where) return [];
  const rows = await db().savedQueueView.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, shared: true, ownerId: true, filter: true, owner: { select: { name: true } } },
  });
  const summaries = rows.map((r) => ({ id: r.id, name: r.name, shared: r.shared, mine: r.ownerId === actor.id, ownerName: r.owner.name, filter: storedFilter(r.filter) }));
  return [...summaries.filter((v) => v.mine), ...summaries.filter((v) => !v.mine)];
}

/** One saved view, if the actor may use it on this department's queue; null otherwise (never someone else's private view). */
export async function findSavedQueueView(options: { actor: Actor; departmentId: string; viewId: string }): Promise<SavedQueueViewSummary | null> {
  const { actor, departmentId, viewId } = options;
  const where = visibleTo(actor, departmentId);
  if (!where || viewId.length > 64) return null;
  const row = await db().savedQueueView.findFirst({
    where: { AND: [{ id: viewId }, where] },
    select: { id: true, name: true, shared: true, ownerId: true, filter: true, owner: { select: { name: true } } },
  });
  return row ? { id: row.id, name: row.name, shared: row.shared, mine: row.ownerId === actor.id, ownerName: row.owner.name, filter: storedFilter(row.filter) } : null;
}

/**
 * Saves the queue's current filters under a name, private or shared with the department's agents;
 * with `viewId`, renames or re-shares one of the actor's own views and replaces its filters. Only an
 * agent of the department may save a view of its queue; only its owner may change it.
 */
export async function saveQueueView(options: { actor: Actor; input: SaveQueueViewInput }): Promise<SavedQueueViewSummary> {
  const { actor } = options;
  const input = parseInput(saveQueueViewSchema, options.input);
  const department = await queueDepartment(actor, input.departmentKey);
  // The filters must be ones the queue understands: a view that could never be shown is not saved.
  const filter = Object.fromEntries(Object.entries(input.filter).filter(([, v]) => v.trim() !== ""));
  parseInput(queueFilterSchema, filter);
  const data = { name: input.name, shared: input.shared, filter };
  try {
    const row = input.viewId
      ? await db().$transaction(async (tx) => {
          const own = await tx.savedQueueView.findFirst({ where: { id: input.viewId, ownerId: actor.id, departmentId: department.id }, select: { id: true } });
          if (!own) throw notFound("This saved view");
          return tx.savedQueueView.update({ where: { id: own.id }, data });
        })
      : await db().savedQueueView.create({ data: { ...data, departmentId: department.id, ownerId: actor.id } });
    return { id: row.id, name: row.name, shared: row.shared, mine: true, ownerName: actor.name, filter };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", "You already have a view with this name.", { name: ["You already have a view with this name: choose another one."] });
    }
    throw error;
  }
}

/** Deletes one of the actor's own views; a colleague's shared view is theirs to delete (NOT_FOUND here). */
export async function deleteQueueView(options: { actor: Actor; input: QueueViewRefInput }): Promise<void> {
  const { actor } = options;
  const input = parseInput(queueViewRefSchema, options.input);
  const department = await queueDepartment(actor, input.departmentKey);
  const deleted = await db().savedQueueView.deleteMany({ where: { id: input.viewId, ownerId: actor.id, departmentId: department.id } });
  if (deleted.count === 0) throw notFound("This saved view");
}
