import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
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
const mayView = (actor: Actor, departmentId: string) => can(actor, "queue.view", { departmentId });

/** A stored filter as the queue reads it: only the keys a view keeps, as strings (a hand-edited row cannot smuggle in a cursor). */
function storedFilter(value: Prisma.JsonValue): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => (savedFilterKeys as readonly string[]).includes(e[0]) && typeof e[1] === "string"));
}

/** The saved views of a department's queue the actor sees: their own, then those shared by colleagues, by name. */
export async function savedQueueViews(options: { actor: Actor; departmentId: string }): Promise<SavedQueueViewSummary[]> {
  return readSavedViews(options.actor, options.departmentId, null);
}

/** One saved view, if the actor may use it on this department's queue; null otherwise (never someone else's private view). */
export async function findSavedQueueView(options: { actor: Actor; departmentId: string; viewId: string }): Promise<SavedQueueViewSummary | null> {
  if (options.viewId.length > 64) return null;
  return (await readSavedViews(options.actor, options.departmentId, options.viewId))[0] ?? null;
}

/**
 * The views the actor sees (their own and the shared ones, when `mayView`; one of them with `viewId`), with their owners' names, in one statement
 * through lib/db/sql.ts: the queue reads them on every view, where Prisma's engine cost two statements.
 */
async function readSavedViews(actor: Actor, departmentId: string, viewId: string | null): Promise<SavedQueueViewSummary[]> {
  if (!mayView(actor, departmentId)) return [];
  const rows = await sql().$queryRaw<{ id: string; name: string; shared: boolean; ownerId: string; ownerName: string; filter: Prisma.JsonValue }[]>`
    SELECT v.id, v.name, v.shared, v."ownerId", o.name AS "ownerName", v.filter
    FROM "SavedQueueView" v JOIN "Person" o ON o.id = v."ownerId"
    WHERE v."departmentId" = ${departmentId} AND (v."ownerId" = ${actor.id} OR v.shared) AND (${viewId}::text IS NULL OR v.id = ${viewId})
    ORDER BY v.name, v.id`;
  const summaries = rows.map((r) => ({ id: r.id, name: r.name, shared: r.shared, mine: r.ownerId === actor.id, ownerName: r.ownerName, filter: storedFilter(r.filter) }));
  return [...summaries.filter((v) => v.mine), ...summaries.filter((v) => !v.mine)];
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
