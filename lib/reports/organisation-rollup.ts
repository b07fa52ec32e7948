import type { Db } from "@/lib/db/create-client";
import { Prisma } from "@/lib/generated/prisma/client";
import { openStatusesSql } from "@/lib/requests/statuses";
import { monthOf, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import { readOrganisationTimeZone } from "@/lib/satisfaction/read-organisation-time-zone";
import { zonedMonthOf, zonedPeriodRange } from "@/lib/satisfaction/zoned-periods";
import { compileCalendar, isOpenAt, type CompiledCalendar } from "@/lib/sla";
import { countedClock, sqlTimestamp } from "./clock-sql";

/**
 * HR's organisation view over a million requests cannot scan them per page view, and whether a reply
 * was written outside opening hours needs each department's calendar (lib/sla), which SQL cannot
 * apply. So the organisation-rollup job (lib/jobs/run-jobs.ts) keeps one row per month of:
 * - per requesting × providing department: requests filed in the month, and first-response and
 *   resolution clocks decided in it (met, breached), as DESIGN.md defines compliance;
 * - per providing department: open requests at the month's end (the current month: when computed),
 *   and agents' public replies and internal notes, with those written outside opening hours.
 * Months are calendar months of the organisation's time zone, the same keys as the satisfaction
 * figures (a change of zone re-cuts the months the job recomputes: the current and previous ones,
 * and those never computed).
 */

/** Months the job keeps: the current one and this many before it. */
export const ROLLUP_MONTHS = 24;

const ts = sqlTimestamp;

type PairRow = { requesterDepartmentId: string; providerId: string; filed: number; frMet: number; frBreached: number; resMet: number; resBreached: number };

/**
 * SLA outcomes decided in [from, to) per department pair: the department is the clock's (for a
 * transferred request its own segments, as on the head's report), the requesting department the
 * request's. A clock counts in the one month its outcome was decided, its breach, else its stop, so
 * months add up to quarters and years without counting a clock twice (the head's report over a
 * free range also counts a clock that breached in it and stopped later). Resolution counts each
 * request once a month, with its last cycle decided in it. A running clock past its due time
 * breached at its due time, as judged at `now`.
 */
async function pairRows(db: Db, departmentIds: string[], from: Date, to: Date, now: Date): Promise<PairRow[]> {
  const counted = countedClock("c");
  const inDepartments = Prisma.sql`c."departmentId" = ANY(${departmentIds}::text[]) AND c."metric" IN ('FIRST_RESPONSE', 'RESOLUTION')`;
  return db.$queryRaw<PairRow[]>`
    WITH decided AS (
      SELECT c."requestId", c."departmentId", c."metric", c."segment", c."cycle", false AS "breached"
      FROM "SlaClock" c
      WHERE ${inDepartments} AND c."stoppedAt" >= ${ts(from)} AND c."stoppedAt" < ${ts(to)} AND c."breachedAt" IS NULL AND ${counted}
      UNION ALL
      -- A breached clock's due time is its breach time: the indexed column narrows the scan.
      SELECT c."requestId", c."departmentId", c."metric", c."segment", c."cycle", true
      FROM "SlaClock" c
      WHERE ${inDepartments} AND c."dueAt" >= ${ts(from)} AND c."dueAt" < ${ts(to)}
        AND c."breachedAt" >= ${ts(from)} AND c."breachedAt" < ${ts(to)} AND ${counted}
      UNION ALL
      SELECT c."requestId", c."departmentId", c."metric", c."segment", c."cycle", true
      FROM "SlaClock" c
      WHERE ${inDepartments} AND c."stoppedAt" IS NULL AND c."breachedAt" IS NULL
        AND c."dueAt" >= ${ts(from)} AND c."dueAt" < ${ts(to)} AND c."dueAt" < ${ts(now)} AND ${counted}
    ),
    ranked AS (
      SELECT d.*, row_number() OVER (PARTITION BY d."requestId", d."departmentId", d."metric" ORDER BY d."segment" DESC, d."cycle" DESC) AS "rank"
      FROM decided d
    ),
    outcomes AS (
      SELECT k."departmentId", r."requesterDepartmentId", k."metric", k."breached"
      FROM ranked k JOIN "Request" r ON r."id" = k."requestId"
      WHERE k."metric" <> 'RESOLUTION' OR k."rank" = 1
    ),
    filed AS (
      SELECT r."requesterDepartmentId", r."departmentId", count(*)::int AS "filed"
      FROM "Request" r
      WHERE r."departmentId" = ANY(${departmentIds}::text[]) AND r."createdAt" >= ${ts(from)} AND r."createdAt" < ${ts(to)}
      GROUP BY 1, 2
    ),
    clocks AS (
      SELECT o."requesterDepartmentId", o."departmentId",
        (count(*) FILTER (WHERE o."metric" = 'FIRST_RESPONSE' AND NOT o."breached"))::int AS "frMet",
        (count(*) FILTER (WHERE o."metric" = 'FIRST_RESPONSE' AND o."breached"))::int AS "frBreached",
        (count(*) FILTER (WHERE o."metric" = 'RESOLUTION' AND NOT o."breached"))::int AS "resMet",
        (count(*) FILTER (WHERE o."metric" = 'RESOLUTION' AND o."breached"))::int AS "resBreached"
      FROM outcomes o GROUP BY 1, 2
    )
    SELECT COALESCE(f."requesterDepartmentId", c."requesterDepartmentId") AS "requesterDepartmentId",
      COALESCE(f."departmentId", c."departmentId") AS "providerId",
      COALESCE(f."filed", 0) AS "filed", COALESCE(c."frMet", 0) AS "frMet", COALESCE(c."frBreached", 0) AS "frBreached",
      COALESCE(c."resMet", 0) AS "resMet", COALESCE(c."resBreached", 0) AS "resBreached"
    FROM filed f FULL JOIN clocks c ON c."requesterDepartmentId" = f."requesterDepartmentId" AND c."departmentId" = f."departmentId"`;
}

/**
 * Requests of each department open at `at`: filed before it and neither resolved nor closed by
 * then. Read from the request's own timestamps (its last resolution and its closing), so a request
 * resolved, reopened and resolved again counts as open between its first resolution and its reopening
 * only if it was still unresolved at `at` by its last resolution: a cheap approximation, stated on the page.
 */
async function openAt(db: Db, departmentIds: string[], at: Date): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ departmentId: string; open: number }[]>`
    SELECT r."departmentId", count(*)::int AS "open" FROM "Request" r
    WHERE r."departmentId" = ANY(${departmentIds}::text[]) AND r."createdAt" < ${ts(at)}
      AND (r."resolvedAt" IS NULL OR r."resolvedAt" >= ${ts(at)}) AND (r."closedAt" IS NULL OR r."closedAt" >= ${ts(at)})
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.departmentId, r.open]));
}

/** Requests open now, by status: exact for the current month. */
async function openNow(db: Db, departmentIds: string[]): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ departmentId: string; open: number }[]>`
    SELECT r."departmentId", count(*)::int AS "open" FROM "Request" r
    WHERE r."departmentId" = ANY(${departmentIds}::text[]) AND r."status" IN (${Prisma.raw(openStatusesSql)})
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.departmentId, r.open]));
}

/**
 * The department's default calendar: its first one (calendars have no "default" flag; the first one
 * created is what a new policy starts from). A department without a valid calendar has no opening
 * hours to be outside of, so its replies are not counted as after hours.
 */
async function defaultCalendars(db: Db, departmentIds: string[]): Promise<Map<string, CompiledCalendar>> {
  const calendars = await db.slaCalendar.findMany({
    where: { departmentId: { in: departmentIds } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { departmentId: true, definition: true },
  });
  const out = new Map<string, CompiledCalendar>();
  for (const c of calendars) {
    if (out.has(c.departmentId)) continue;
    try {
      out.set(c.departmentId, compileCalendar(c.definition as never));
    } catch {
      // An invalid stored calendar is the SLA settings' problem; here it only means "no hours known".
    }
  }
  return out;
}

/**
 * Agents' public replies and internal notes in the month on requests of their department: the
 * author is an agent or head of the request's department (the department holding it now). Times
 * are read per minute, so a busy month is a few hundred thousand small rows, not every comment.
 * `departmentIds` is every department (refreshOrganisationMonths), so it holds every comment's and
 * every request's department: it is asked of the comment, not the request, so that a month is range
 * scans of Comment(departmentId, createdAt) and a primary-key probe per comment, not a scan of every
 * comment (or of every request, to hash them) per month (at 100,000 requests 460 ms → 160 ms).
 */
async function replyRows(db: Db, departmentIds: string[], from: Date, to: Date) {
  return db.$queryRaw<{ departmentId: string; minute: Date; n: number }[]>`
    SELECT r."departmentId", date_trunc('minute', c."createdAt") AS "minute", count(*)::int AS "n"
    FROM "Comment" c JOIN "Request" r ON r."id" = c."requestId"
    WHERE c."departmentId" = ANY(${departmentIds}::text[]) AND c."createdAt" >= ${ts(from)} AND c."createdAt" < ${ts(to)}
      AND EXISTS (SELECT 1 FROM "RoleGrant" g WHERE g."personId" = c."authorId" AND g."departmentId" = r."departmentId" AND g."role" IN ('AGENT', 'HEAD'))
    GROUP BY 1, 2`;
}

/** Recomputes the given months and stores them, each month in one transaction (readers see a month whole). */
export async function refreshOrganisationMonths(db: Db, options: { months: PeriodKey[]; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  const departments = await db.department.findMany({ select: { id: true } });
  const ids = departments.map((d) => d.id);
  const calendars = await defaultCalendars(db, ids);
  const timeZone = await readOrganisationTimeZone(db);
  const current = zonedMonthOf(now, timeZone);
  for (const month of options.months) {
    const { from, to } = zonedPeriodRange(month, timeZone);
    if (from.getTime() > now.getTime()) continue;
    const [pairs, open, replies] = await Promise.all([
      pairRows(db, ids, from, to, now),
      month >= current ? openNow(db, ids) : openAt(db, ids, to),
      replyRows(db, ids, from, to),
    ]);
    const work = new Map<string, { agentReplies: number; afterHoursReplies: number }>();
    for (const r of replies) {
      const w = work.get(r.departmentId) ?? { agentReplies: 0, afterHoursReplies: 0 };
      w.agentReplies += r.n;
      const calendar = calendars.get(r.departmentId);
      if (calendar && !isOpenAt(calendar, r.minute)) w.afterHoursReplies += r.n;
      work.set(r.departmentId, w);
    }
    await db.$transaction([
      db.orgPairMonth.deleteMany({ where: { month } }),
      db.orgDepartmentMonth.deleteMany({ where: { month } }),
      db.orgPairMonth.createMany({
        data: pairs.map((p) => ({
          month,
          requesterDepartmentId: p.requesterDepartmentId,
          providerId: p.providerId,
          filed: p.filed,
          firstResponseMet: p.frMet,
          firstResponseBreached: p.frBreached,
          resolutionMet: p.resMet,
          resolutionBreached: p.resBreached,
        })),
      }),
      db.orgDepartmentMonth.createMany({
        data: ids.map((departmentId) => ({
          month,
          departmentId,
          openAtEnd: open.get(departmentId) ?? 0,
          agentReplies: work.get(departmentId)?.agentReplies ?? 0,
          afterHoursReplies: work.get(departmentId)?.afterHoursReplies ?? 0,
        })),
      }),
      db.orgRollupMonth.upsert({ where: { month }, create: { month, computedAt: now }, update: { computedAt: now } }),
    ]);
  }
}

/** The months the job keeps, newest first: the current one and ROLLUP_MONTHS - 1 before it. */
export function rollupMonths(now: Date, timeZone = "UTC"): PeriodKey[] {
  const [y, m] = zonedMonthOf(now, timeZone).split("-").map(Number) as [number, number];
  return Array.from({ length: ROLLUP_MONTHS }, (_, i) => monthOf(new Date(Date.UTC(y, m - 1 - i, 1))));
}

/** Months never computed that one run fills in besides the current two, so a run stays short. */
const BACKFILL_PER_RUN = 4;

/**
 * One run of the job: the current and the previous month every time (late events, clocks breaching
 * as time passes), and up to BACKFILL_PER_RUN kept months never computed (a new desk, or the first
 * runs after deploying); `remaining` says how many are still missing, and the job runs again at once.
 */
export async function refreshOrganisationRollup(db: Db, options: { now?: Date; backfill?: number } = {}): Promise<{ months: PeriodKey[]; remaining: number }> {
  const now = options.now ?? new Date();
  const kept = rollupMonths(now, await readOrganisationTimeZone(db));
  const have = new Set((await db.orgRollupMonth.findMany({ where: { month: { in: kept } }, select: { month: true } })).map((m) => m.month));
  const missing = kept.slice(2).filter((m) => !have.has(m));
  const backfill = missing.slice(0, options.backfill ?? BACKFILL_PER_RUN);
  const months = [...kept.slice(0, 2), ...backfill];
  await refreshOrganisationMonths(db, { months, now });
  return { months, remaining: missing.length - backfill.length };
}
