import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { openStatusesSql } from "@/lib/requests/statuses";
import { priorities, type PriorityLevel } from "@/lib/validation/requests";
import { insightsDepartment, type InsightsDepartment } from "./insights-department";

/** Age bands of open requests, by time since filing: [from, to) in days. */
export const ageBands = [
  { key: "lt1", label: "Under 1 day", fromDays: 0, toDays: 1 },
  { key: "1to3", label: "1–3 days", fromDays: 1, toDays: 3 },
  { key: "3to7", label: "3–7 days", fromDays: 3, toDays: 7 },
  { key: "7to30", label: "7–30 days", fromDays: 7, toDays: 30 },
  { key: "gt30", label: "Over 30 days", fromDays: 30, toDays: null },
] as const;
export type AgeBand = (typeof ageBands)[number]["key"];

export type BacklogRow = { band: AgeBand; label: string; byPriority: Record<PriorityLevel, number>; total: number };
export type Backlog = { department: InsightsDepartment; asOf: Date; rows: BacklogRow[]; totals: Record<PriorityLevel, number> & { all: number } };

/**
 * The department's open requests now (new, open, waiting on the requester), by age band and
 * priority. Not bound to the dashboard's period: a backlog is a state, not a flow.
 */
export async function backlogByAge(options: { actor: Actor; departmentKey: string; now?: Date }): Promise<Backlog> {
  const department = await insightsDepartment(options);
  const now = options.now ?? new Date();
  const at = Prisma.sql`${now.toISOString()}::timestamp(3)`;
  const band = Prisma.sql`CASE ${Prisma.join(
    ageBands.filter((b) => b.toDays !== null).map((b) => Prisma.sql`WHEN "createdAt" > ${at} - make_interval(days => ${b.toDays}) THEN ${b.key}`),
    " ",
  )} ELSE ${ageBands.at(-1)!.key} END`;
  const rows = await sql().$queryRaw<{ band: AgeBand; priority: PriorityLevel; n: number }[]>`
    SELECT ${band} AS "band", "priority"::text AS "priority", COUNT(*)::int AS "n"
    FROM "Request"
    WHERE "departmentId" = ${department.id} AND "status" IN (${Prisma.raw(openStatusesSql)})
    GROUP BY 1, 2`;

  const zero = () => Object.fromEntries(priorities.map((p) => [p, 0])) as Record<PriorityLevel, number>;
  const out: BacklogRow[] = ageBands.map((b) => ({ band: b.key, label: b.label, byPriority: zero(), total: 0 }));
  const totals = { ...zero(), all: 0 };
  for (const r of rows) {
    const row = out.find((o) => o.band === r.band)!;
    row.byPriority[r.priority] += r.n;
    row.total += r.n;
    totals[r.priority] += r.n;
    totals.all += r.n;
  }
  return { department, asOf: now, rows: out, totals };
}
