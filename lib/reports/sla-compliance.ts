import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { Prisma, type SlaMetric } from "@/lib/generated/prisma/client";
import { MS_PER_DAY } from "@/lib/sla/civil-date";
import { parseInput } from "@/lib/validation/parse";
import { priorities, priorityLabel, type PriorityLevel } from "@/lib/validation/requests";
import { slaComplianceSchema, type ComplianceGrouping } from "@/lib/validation/reports";
import { sqlTimestamp } from "./clock-sql";
import { compliance, type Compliance } from "./compliance";
import { complianceOutcomes, everBreached } from "./compliance-outcomes";
import { complianceDays, dashboardCoverage, dashboardRows, dayKey, localMidnight } from "./dashboard-days";
import { namesOf } from "./names-of";
import { readDays } from "./read-days";
import { insightsDepartment, type InsightsDepartment } from "./insights-department";
import { localDayOf, resolvePeriod, startOfLocalDay, type Period, type PeriodBounds } from "./period";

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
 * SLA compliance of a department for a period, as DESIGN.md defines it: met / (met + breached) over
 * the clocks compliance-outcomes.ts counts in the period (each clock once, at its decision; a
 * resolution with its last decided cycle), the same rule as the head dashboard's, so the two agree on
 * any range of days. Calendar days are days of the department's time zone. For resolution,
 * `everBreached` says how many of the counted requests breached in any cycle up to the counted one.
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

  const rows =
    input.groupBy === "metric"
      ? await byMetricFromDays({ department, period, now })
      : await sql().$queryRaw<Aggregate[]>(aggregates({ departmentId: department.id, from: ts(from), to: ts(to), now, groupBy: input.groupBy }));

  return { department, period, groupBy: input.groupBy, ...(await assemble(rows, input.groupBy)) };
}

/**
 * The report's counts per group and metric for the clocks decided in [from, to) (instants as SQL),
 * computed from the clocks.
 */
function aggregates(options: { departmentId: string; from: Prisma.Sql; to: Prisma.Sql; now: Date; groupBy: ComplianceGrouping }): Prisma.Sql {
  const { departmentId, from, to, now, groupBy } = options;
  const counted = complianceOutcomes({ departmentId: Prisma.sql`${departmentId}`, from, to, now });
  return Prisma.sql`
    WITH outcomes AS (
      SELECT k."requestId", k."metric", k."segment", k."decidedAt", k."breached", ${everBreached("k")} AS "everBreached"
      FROM (${counted}) k
    )
    SELECT ${groupExpression[groupBy]} AS "groupKey", o."metric"::text AS "metric",
      (COUNT(*) FILTER (WHERE NOT o."breached"))::int AS "met",
      (COUNT(*) FILTER (WHERE o."breached"))::int AS "breached",
      (COUNT(*) FILTER (WHERE o."everBreached"))::int AS "everBreached"
    FROM outcomes o
    ${groupBy === "type" || groupBy === "priority" ? Prisma.sql`JOIN "Request" r ON r."id" = o."requestId"` : Prisma.empty}
    GROUP BY 1, 2`;
}

/**
 * The per-metric counts (the report's default view) as the head dashboard reads them: the whole
 * days of the department's zone inside the period from the dashboard roll-up where the job has
 * computed them (DashboardComplianceDay, with the same counting rule and "ever breached"), the days
 * it has not (yesterday and today always, or a day forgotten since) live through the same day
 * definition, and the partial days at the period's edges (a preset starts and ends at "now") live
 * from the clocks. The edges meet the days at the local midnights SQL computes for them, the
 * instants the day rows were cut at, so no clock is counted twice or missed. What a view costs then
 * grows with the days the roll-up does not hold, not with the requests of the period.
 */
async function byMetricFromDays(options: { department: InsightsDepartment; period: Period; now: Date }): Promise<Aggregate[]> {
  const { department, period, now } = options;
  const zone = Prisma.sql`${department.timeZone}`;
  // The whole local days inside the period: from the first midnight at or after its start to the last at or before its end.
  let first = localDayOf(period.from, department.timeZone);
  if (startOfLocalDay(dayKey(first), department.timeZone).getTime() < period.from.getTime()) first = new Date(first.getTime() + MS_PER_DAY);
  const end = localDayOf(period.to, department.timeZone);
  const live = (from: Prisma.Sql, to: Prisma.Sql) => aggregates({ departmentId: department.id, from, to, now, groupBy: "metric" });
  if (end.getTime() <= first.getTime()) return sql().$queryRaw<Aggregate[]>(live(ts(period.from), ts(period.to)));

  const days = { from: first, to: end };
  const coverage = await dashboardCoverage(sql(), days, now);
  const counts = Prisma.sql`"metric"::text AS "metric", "met", "breached", "everBreached"`;
  const parts = [
    dashboardRows({ table: "DashboardComplianceDay", columns: counts, departmentId: department.id, coverage, definition: (range, ids) => complianceDays(range, ids, now) }),
    ...(startOfLocalDay(dayKey(first), department.timeZone).getTime() > period.from.getTime() ? [Prisma.sql`SELECT ${counts} FROM (${live(ts(period.from), localMidnight(first, zone))}) AS "head"`] : []),
    ...(startOfLocalDay(dayKey(end), department.timeZone).getTime() < period.to.getTime() ? [Prisma.sql`SELECT ${counts} FROM (${live(localMidnight(end, zone), ts(period.to))}) AS "tail"`] : []),
  ];
  return readDays<Aggregate>(
    Prisma.sql`
      SELECT NULL::text AS "groupKey", "metric", SUM("met")::int AS "met", SUM("breached")::int AS "breached", SUM("everBreached")::int AS "everBreached"
      FROM (${Prisma.join(parts, " UNION ALL ")}) AS "parts" GROUP BY "metric"`,
  );
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
    const types = await namesOf("RequestType", keys);
    const names = new Map(types.map((t) => [t.id, t.name]));
    return (key) => (key === null ? "Unknown type" : (names.get(key) ?? "Unknown type"));
  }
  const people = await namesOf("Person", keys);
  const names = new Map(people.map((p) => [p.id, p.name]));
  return (key) => (key === null ? "Unassigned" : (names.get(key) ?? "Former agent"));
}
