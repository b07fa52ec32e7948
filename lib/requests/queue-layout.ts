import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { sql } from "@/lib/db/sql";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import {
  defaultQueueColumns,
  defaultQueueViewSchema,
  queueColumns,
  queueColumnsSchema,
  type DefaultQueueViewInput,
  type QueueColumn,
  type QueueColumnsInput,
} from "@/lib/validation/queue-views";
import { queueViews, type QueueView } from "@/lib/validation/requests";
import { queueDepartment } from "./queue-department";
import { findSavedQueueView } from "./saved-queue-views";

/** The view a queue opens with: a built-in one, or a saved one by id. */
export type DefaultView = { kind: "builtin"; view: QueueView } | { kind: "saved"; id: string };

export type QueueLayout = { columns: QueueColumn[]; defaultView: DefaultView | null };

const isColumn = (c: string): c is QueueColumn => (queueColumns as readonly string[]).includes(c);

/**
 * An agent's layout of one department's queue: their columns in their order (a column id no longer
 * known is dropped), and the view the queue opens with, if they chose one and may still see it (a
 * colleague's view that is no longer shared, or was deleted, falls back to the queue's default).
 */
export async function queueLayout(options: { actor: Actor; departmentId: string }): Promise<QueueLayout> {
  const { actor, departmentId } = options;
  // Read on every view of the queue: through lib/db/sql.ts, not Prisma's engine.
  const [row] = await sql().$queryRaw<{ columns: string[]; defaultView: string | null }[]>`
    SELECT columns, "defaultView" FROM "QueueLayout" WHERE "personId" = ${actor.id} AND "departmentId" = ${departmentId}`;
  const columns = row ? row.columns.filter(isColumn) : [...defaultQueueColumns];
  return { columns, defaultView: await readDefault(actor, departmentId, row?.defaultView ?? null) };
}

async function readDefault(actor: Actor, departmentId: string, stored: string | null): Promise<DefaultView | null> {
  if (!stored) return null;
  if ((queueViews as readonly string[]).includes(stored)) return { kind: "builtin", view: stored as QueueView };
  if (!stored.startsWith("saved:")) return null;
  const view = await findSavedQueueView({ actor, departmentId, viewId: stored.slice("saved:".length) });
  return view ? { kind: "saved", id: view.id } : null;
}

/** Chooses the columns of the actor's queue and their order (any subset; the request column always shows). */
export async function setQueueColumns(options: { actor: Actor; input: QueueColumnsInput }): Promise<QueueColumn[]> {
  const { actor } = options;
  const input = parseInput(queueColumnsSchema, options.input);
  const department = await queueDepartment(actor, input.departmentKey);
  await db().queueLayout.upsert({
    where: { personId_departmentId: { personId: actor.id, departmentId: department.id } },
    create: { personId: actor.id, departmentId: department.id, columns: input.columns },
    update: { columns: input.columns },
  });
  return input.columns;
}

/** Makes a built-in or a visible saved view the one the actor's queue opens with; null: the queue's own default. */
export async function setDefaultQueueView(options: { actor: Actor; input: DefaultQueueViewInput }): Promise<DefaultView | null> {
  const { actor } = options;
  const input = parseInput(defaultQueueViewSchema, options.input);
  const department = await queueDepartment(actor, input.departmentKey);
  const chosen = await readDefault(actor, department.id, input.view);
  if (input.view && !chosen) throw new AppError("INVALID_INPUT", "Choose one of your views or one shared with you.", { view: ["Choose one of your views or one shared with you."] });
  await db().queueLayout.upsert({
    where: { personId_departmentId: { personId: actor.id, departmentId: department.id } },
    create: { personId: actor.id, departmentId: department.id, columns: [...defaultQueueColumns], defaultView: input.view },
    update: { defaultView: input.view },
  });
  return chosen;
}
