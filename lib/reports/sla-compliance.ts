import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma, type SlaMetric } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { priorities, priorityLabel, type PriorityLevel } from "@/lib/validation/requests";
import { slaComplianceSchema, type ComplianceGrouping } from "@/lib/validation/reports";
import { countedClock, sqlTimestamp } from "./clock-sql";
import { compliance, type Compliance } from "./compliance";
import { insightsDepartment, type InsightsDepartment } from "./insights-department";
import { resolvePeriod, type Period, type PeriodBounds } from "./period";

export const slaMetrics: readonly SlaMetric[] = ["FIRST_RESPONSE", "RESOLUTION", "NEXT_REPLY"];
export const metricLabel: Record<SlaMetric, string> = { FIRST_RESPONSE: "First response", RESOLUTION: "Resolution", NEXT_REPLY: "Next reply" };

export type ComplianceRow = { key: string | null; label: string; byMetric: Record<SlaMetric, Compliance>; all: Compliance };

export type SlaComplianceReport = {
  department: InsightsDepartment;
  period: Period;
  groupBy: ComplianceGrouping;
  rows: ComplianceRow[];
  totals: { byMetric: Record<SlaMetric, Compliance>; all: Compliance };
};

type Aggregate = { groupKey: string | null; metric: SlaMetric; met: number; breached: number; everBreached: number };

/**
 * Who held the request when the clock's outcome was decided (its breach, else its stop): the last
 * assignment in the event log up to then, so reassigning later does not move old results around.
 * A transfer unassigns (its "to" has assigneeId null), but only after its instant: the segment it
 * ended was decided at that instant and belongs to the assignee of the department that passed it on.
 */
const assigneeAtDecision = Prisma.sql`(
  SELECT e."to"->>'assigneeId' FROM "RequestEvent" e
  WHERE e."requestId" = o."requestId"
    AND ((e."type" = 'assigned' AND e."createdAt" <= o."decidedAt") OR (e."type" = 'transferred' AND e."createdAt" < o."decidedAt"))
  ORDER BY e."createdAt" DESC, e."id" DESC LIMIT 1)`;

/**
 * The request type a department's segment ran under: a transferred request has a type of the
 * receiving department now, but the department that passed it on is reported under its own.
 */
const typeOfSegment = Prisma.sql`(
  SELECT e."to"->>'typeId' FROM "RequestEvent" e
  WHERE e."requestId" = o."requestId"
    AND ((e."type" = 'created' AND e."createdAt" <= o."decidedAt") OR (e."type" = 'transferred' AND e."createdAt" < o."decidedAt"))
  ORDER BY e."createdAt" DESC, e."id" DESC LIMIT 1)`;

const groupExpression: Record<ComplianceGrouping, Prisma.Sql> = {
  metric: Prisma.sql`NULL::text`,
  type: Prisma.sql`CASE WHEN o."segment" = 0 THEN r."typeId" ELSE ${typeOfSegment} END`,
  priority: Prisma.sql`r."priority"::text`,
  agent: assigneeAtDecision,
};

/** Instants go in as text cast to the columns' type (timestamp without zone, holding UTC). */
const ts = sqlTimestamp;

/**
 * SLA compliance of a department for a period, as DESIGN.md defines it: met / (met + breached)
 * over the clocks that stopped in the period or breached in it. A clock that is still running and
 * not yet breached is not counted; one that breached in the period counts once, as breached, even
 * if it stopped later. For resolution, each request counts with its last cycle in the period, and
 * `everBreached` says how many of those requests breached in any cycle up to that one.
 *
 * Aggregated in the database: three range scans of the (departmentId, stoppedAt, dueAt) index, one
 * per branch of "decided in the period", so the cost follows the clocks of the period, not the table.
 */
export async function slaCompliance(options: {
  actor: Actor;
  departmentKey: string;
  from?: PeriodBounds["from"];
  to?: PeriodBounds["to"];
  /** Any string is accepted and checked by the schema; the named ones are the valid choices. */
  groupBy?: ComplianceGrouping | (string & {});
  /** The instant "still running" is judged at; tests pin it. */
  now?: Date;
}): Promise<SlaComplianceReport> {
  const department = await insightsDepartment(options);
  const input = parseInput(slaComplianceSchema, { from: options.from, to: options.to, groupBy: options.groupBy });
  const period = resolvePeriod(input, department.timeZone);
  const now = options.now ?? new Date();
  const { from, to } = period;

  // Stored running clocks are as of their last refresh: one whose projected due time has passed
  // since then breached at that due time (paused clocks have no due time unless already breached).
  // A transferred request counts for each department with its own segments only (countedClock).
  const counted = countedClock("c");
  const rows = await db().$queryRaw<Aggregate[]>`
    WITH decided AS (
      SELECT c."requestId", c."metric", c."segment", c."cycle", c."breachedAt", COALESCE(c."breachedAt", c."stoppedAt") AS "decidedAt"
      FROM "SlaClock" c
      WHERE c."departmentId" = ${department.id} AND c."stoppedAt" >= ${ts(from)} AND c."stoppedAt" < ${ts(to)} AND ${counted}
      UNION ALL
      SELECT c."requestId", c."metric", c."segment", c."cycle", c."dueAt", c."dueAt"
      FROM "SlaClock" c
      WHERE c."departmentId" = ${department.id} AND c."stoppedAt" IS NULL
        AND c."dueAt" >= ${ts(from)} AND c."dueAt" < ${ts(to)} AND c."dueAt" < ${ts(now)} AND ${counted}
      UNION ALL
      SELECT c."requestId", c."metric", c."segment", c."cycle", c."breachedAt", c."breachedAt"
      FROM "SlaClock" c
      WHERE c."departmentId" = ${department.id} AND c."stoppedAt" >= ${ts(to)}
        AND c."breachedAt" >= ${ts(from)} AND c."breachedAt" < ${ts(to)}
        -- A breached clock's due time is its breach time: repeated on the indexed column, the index
        -- rejects clocks that stopped after the period without reading their rows.
        AND c."dueAt" >= ${ts(from)} AND c."dueAt" < ${ts(to)} AND ${counted}
    ),
    ranked AS (
      SELECT d.*, row_number() OVER (PARTITION BY d."requestId", d."metric" ORDER BY d."segment" DESC, d."cycle" DESC) AS "rank"
      FROM decided d
    ),
    outcomes AS (
      SELECT k."requestId", k."metric", k."segment", k."decidedAt", k."breachedAt" IS NOT NULL AS "breached",
        k."metric" = 'RESOLUTION' AND (k."breachedAt" IS NOT NULL OR EXISTS (
          SELECT 1 FROM "SlaClock" p
          WHERE p."requestId" = k."requestId" AND p."metric" = 'RESOLUTION' AND p."breachedAt" IS NOT NULL
            AND p."departmentId" = ${department.id}
            AND ((p."segment" = k."segment" AND p."cycle" < k."cycle") OR (k."segment" > 0 AND p."segment" > 0 AND p."segment" < k."segment"))
        )) AS "everBreached"
      FROM ranked k
      WHERE k."metric" <> 'RESOLUTION' OR k."rank" = 1
    )
    SELECT ${groupExpression[input.groupBy]} AS "groupKey", o."metric"::text AS "metric",
      (COUNT(*) FILTER (WHERE NOT o."breached"))::int AS "met",
      (COUNT(*) FILTER (WHERE o."breached"))::int AS "breached",
      (COUNT(*) FILTER (WHERE o."everBreached"))::int AS "everBreached"
    FROM outcomes o
    ${input.groupBy === "type" || input.groupBy === "priority" ? Prisma.sql`JOIN "Request" r ON r."id" = o."requestId"` : Prisma.empty}
    GROUP BY 1, 2`;

  return { department, period, groupBy: input.groupBy, ...(await assemble(rows, input.groupBy)) };
}

function emptyByMetric(): Record<SlaMetric, Compliance> {
  return { FIRST_RESPONSE: compliance(0, 0), RESOLUTION: compliance(0, 0, 0), NEXT_REPLY: compliance(0, 0) };
}

function add(a: Compliance, b: { met: number; breached: number; everBreached?: number }): Compliance {
  return compliance(a.met + b.met, a.breached + b.breached, a.everBreached === undefined ? undefined : a.everBreached + (b.everBreached ?? 0));
}

async function assemble(aggregates: Aggregate[], groupBy: ComplianceGrouping): Promise<Pick<SlaComplianceReport, "rows" | "totals">> {
  const totals = { byMetric: emptyByMetric(), all: compliance(0, 0) };
  const groups = new Map<string | null, ComplianceRow>();
  const rowFor = (key: string | null) => {
    let row = groups.get(key);
    if (!row) groups.set(key, (row = { key, label: "", byMetric: emptyByMetric(), all: compliance(0, 0) }));
    return row;
  };
  // Groups everyone expects to see are listed even when empty, so "—" says "nothing counted".
  if (groupBy === "metric") slaMetrics.forEach((m) => rowFor(m));
  if (groupBy === "priority") priorities.forEach((p) => rowFor(p));

  for (const a of aggregates) {
    const counts = { met: a.met, breached: a.breached, everBreached: a.metric === "RESOLUTION" ? a.everBreached : undefined };
    const row = rowFor(groupBy === "metric" ? a.metric : a.groupKey);
    row.byMetric[a.metric] = add(row.byMetric[a.metric], counts);
    row.all = add(row.all, { met: a.met, breached: a.breached });
    totals.byMetric[a.metric] = add(totals.byMetric[a.metric], counts);
    totals.all = add(totals.all, { met: a.met, breached: a.breached });
  }

  const rows = [...groups.values()];
  const labels = await labelsOf(groupBy, rows.flatMap((r) => (r.key === null ? [] : [r.key])));
  for (const row of rows) row.label = labels(row.key);
  if (groupBy === "type" || groupBy === "agent") {
    rows.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : a.label.localeCompare(b.label)));
  }
  return { rows, totals };
}

async function labelsOf(groupBy: ComplianceGrouping, keys: string[]): Promise<(key: string | null) => string> {
  if (groupBy === "metric") return (key) => metricLabel[key as SlaMetric] ?? String(key);
  if (groupBy === "priority") return (key) => priorityLabel[key as PriorityLevel] ?? String(key);
  if (groupBy === "type") {
    const types = await db().requestType.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } });
    const names = new Map(types.map((t) => [t.id, t.name]));
    return (key) => (key === null ? "Unknown type" : (names.get(key) ?? "Unknown type"));
  }
  const people = await db().person.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return (key) => (key === null ? "Unassigned" : (names.get(key) ?? "Former agent"));
}
