import type { Db } from "@/lib/db/create-client";
import type { Tx } from "@/lib/db/create-client";
import type { Sql } from "@/lib/db/sql";
import { experienceValues, type ExperienceAtom, type ExperienceValues } from "@/lib/experience/experience-values";
import { timeLostOptions } from "@/lib/experience/time-lost";
import { publishCommentThemes } from "./publish-comment-themes";
import { Prisma } from "@/lib/generated/prisma/client";
import { monthsOf, publicationContext, publishingMonthOf, type PeriodKey } from "./figure-periods";
import { readOrganisationTimeZone } from "./read-organisation-time-zone";
import { monthBefore, monthRanges, zonedMonthOf, zonedPeriodRange, type MonthRange } from "./zoned-periods";
import { readAnonymityThresholds } from "./read-anonymity-thresholds";
import { releaseSatisfaction, type RatingAtomRow } from "./satisfaction-universe";

/**
 * Satisfaction figures are published per closed month, once, and never change afterwards (DESIGN:
 * anonymity "over time"). A figure recomputed from live data moves by exactly one rating when one
 * arrives, and a year figure at the end of April minus the same at the end of March is April: so the
 * open month shows nothing, and a month is published a little after it ends, with its quarter when
 * it ends one and its year in December. What an earlier publication showed is taken as known when
 * the next is decided (disclosure.ts), so nothing shown is ever taken back or contradicted.
 *
 * Comment themes are published in the same transaction (publish-comment-themes.ts), and so are the
 * experience values of every shown figure (time lost, complaints, reasons: experience-values.ts,
 * which says why they expose nothing the figure does not).
 *
 * A rating counts in the month it was given. Ratings and publication take the same advisory lock
 * (shared / exclusive): a rating still being written when its month is published is waited for, and
 * one written after is stamped after the publication began, so in a later month.
 */
export const publicationLock = 7300452;

/**
 * The database's clock, now (not the transaction's start): ratings are stamped and months are
 * published by it, so app instances whose clocks differ cannot put a rating into a published month.
 */
export async function databaseNow(client: Pick<Db, "$queryRaw">): Promise<Date> {
  const [row] = await client.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
  return row!.now;
}

/** How long after a month ends (in the organisation's zone) its figures are published: room for a rating still being written. */
export const publicationGraceMs = 10 * 60_000;

/** When a period not yet published will be: its last month's end in the organisation's zone, plus the grace. */
export const publishesAt = (period: PeriodKey, timeZone = "UTC"): Date => new Date(zonedPeriodRange(period, timeZone).to.getTime() + publicationGraceMs);

const batchSize = 5_000;

/** Joins each rating to its month of the publication's ranges (m.month): the months are instants, not UTC calendar months. */
function monthJoin(ranges: readonly MonthRange[]): Prisma.Sql {
  const iso = (pick: (r: MonthRange) => Date) => ranges.map((r) => pick(r).toISOString());
  return Prisma.sql`JOIN unnest(${ranges.map((r) => r.month)}::text[], ${iso((r) => r.from)}::timestamp[], ${iso((r) => r.to)}::timestamp[]) AS m(month, f, t)
    ON r."createdAt" >= m.f AND r."createdAt" < m.t`;
}

/**
 * Publishes every closed month not yet published, oldest first, each in its own transaction. Months
 * are those of this year, last year and every year that has ratings, from January up to the last
 * closed month (so a quarter or year is published even when its last month had no ratings). A
 * year's months are published in order: each is decided knowing everything the earlier ones showed.
 */
export async function publishSatisfaction(
  client: Db,
  /** years: only these (tests, which each rate in a year of their own); timeZone: instead of the organisation's (tests). */
  options: { now?: Date; years?: readonly string[]; timeZone?: string } = {},
): Promise<{ published: PeriodKey[] }> {
  const now = options.now ?? (await databaseNow(client));
  // One probe per year with ratings (a loose index scan on Rating.createdAt), not a scan of ratings.
  const years = await client.$queryRaw<{ year: string }[]>`
    WITH RECURSIVE y AS (
      SELECT min("createdAt") AS t FROM "Rating"
      UNION ALL
      SELECT (SELECT min("createdAt") FROM "Rating" WHERE "createdAt" >= date_trunc('year', y.t) + interval '1 year') FROM y WHERE y.t IS NOT NULL
    )
    SELECT to_char(t, 'YYYY') AS year FROM y WHERE t IS NOT NULL`;
  // This year and last are published whether or not anyone rated, as the calendar says: publishing
  // a quiet month only once a rating arrives would tell when the first one did.
  const timeZone = options.timeZone ?? (await readOrganisationTimeZone(client));
  const thisYear = Number(zonedMonthOf(now, timeZone).slice(0, 4));
  // A rating's year in the organisation's zone may be the one before or after its UTC year.
  const candidates = new Set([...years.flatMap((y) => [String(Number(y.year) - 1), y.year, String(Number(y.year) + 1)]), String(thisYear - 1), String(thisYear)]);
  const closed = [...candidates]
    .sort()
    .filter((year) => !options.years || options.years.includes(year))
    .flatMap((year) => monthsOf(year))
    .filter((month) => publishesAt(month, timeZone) <= now);
  if (closed.length === 0) return { published: [] };
  const done = new Set(
    (await client.satisfactionPublication.findMany({ where: { month: { in: closed } }, select: { month: true } })).map((p) => p.month),
  );
  const published: PeriodKey[] = [];
  for (const month of closed) {
    if (done.has(month)) continue;
    if (await publishMonth(client, month, now, timeZone)) published.push(month);
  }
  return { published };
}

/** Publishes one closed month (and its quarter and year where it ends them); false if it already was. */
async function publishMonth(client: Db, month: PeriodKey, now: Date, timeZone: string): Promise<boolean> {
  return client.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${publicationLock})`;
      if (await tx.satisfactionPublication.findUnique({ where: { month }, select: { month: true } })) return false;
      const year = month.slice(0, 4);
      // The instants of each month of the context: as published for the earlier ones, this one
      // from where the month before it ended to its end in the organisation's zone of today.
      const contextMonths = monthsOf(publicationContext(month));
      const before = monthBefore(contextMonths[0]!);
      const recordedRows = await tx.satisfactionPublication.findMany({ where: { month: { in: [before, ...contextMonths] } }, select: { month: true, from: true, to: true } });
      const recorded = new Map(recordedRows.map((r) => [r.month, r]));
      const ranges = monthRanges({ months: contextMonths, timeZone, recorded, before: recorded.get(before) ?? null });
      const own = ranges.at(-1)!;
      if (own.to > now) return false;
      const from = ranges[0]!.from;
      const to = own.to;
      const monthOfRating = monthJoin(ranges);
      const { minRaters } = await readAnonymityThresholds(tx);
      // The ratings the new figures can touch (the month; its quarter, or the year in December, when
      // it publishes them), with what the year already showed taken as known.
      const atoms = await tx.$queryRaw<RatingAtomRow[]>`
        SELECT r."departmentId" AS "providerId", q."requesterDepartmentId", r."agentId", q."typeId" AS "requestTypeId",
               m.month,
               array_agg(DISTINCT r."requesterId") AS raters,
               count(*)::int AS ratings,
               (count(*) FILTER (WHERE r."score" >= 4))::int AS satisfied,
               sum(r."score")::int AS "scoreSum"
        FROM "Rating" r JOIN "Request" q ON q."id" = r."requestId" ${monthOfRating}
        WHERE r."createdAt" >= ${from} AND r."createdAt" < ${to}
        GROUP BY 1, 2, 3, 4, 5`;
      const known = await tx.$queryRaw<{ key: string }[]>`
        SELECT "key" FROM "SatisfactionFigure" WHERE "shown" AND ("period" = ${year} OR "period" LIKE ${`${year}-%`})`;
      const figures = releaseSatisfaction(atoms, minRaters, { month, known: new Set(known.map((k) => k.key)) });
      const experience = experienceValues(figures, await experienceAtoms(tx, { from, to, monthOfRating }, now));
      const goals = new Map((await tx.department.findMany({ select: { id: true, satisfactionGoal: true } })).map((d) => [d.id, d.satisfactionGoal]));
      await insertFigures(tx, figures, now, experience, goals);
      await publishCommentThemes(tx, { month, publishedAt: now, ranges });
      await tx.satisfactionPublication.create({ data: { month, publishedAt: now, timeZone, from: own.from, to: own.to } });
      return true;
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

/**
 * The experience values of the ratings of [from, to), grouped by the atoms of the release (request type included): time lost
 * and complaints per atom and time-lost answer, reasons per atom and reason key. Follow-ups count as
 * they stand at publication.
 */
async function experienceAtoms(tx: Tx, { from, to, monthOfRating }: { from: Date; to: Date; monthOfRating: Prisma.Sql }, now: Date): Promise<ExperienceAtom[]> {
  const tenths = timeLostOptions.map((o) => o.key);
  const tenthsOf = timeLostOptions.map((o) => o.tenths);
  const [rows, reasons] = await Promise.all([
    tx.$queryRaw<(Omit<ExperienceAtom, "reasons">)[]>`
      SELECT r."departmentId" AS "providerId", q."requesterDepartmentId", r."agentId", q."typeId" AS "requestTypeId", m.month,
             count(r."timeLost")::int AS "timeLostAnswers",
             coalesce(sum(t.tenths), 0)::int AS "timeLostTenths",
             (count(*) FILTER (WHERE r."score" <= 2))::int AS complaints,
             (count(c."id") FILTER (WHERE c."contactedAt" <= c."dueAt" AND c."contactedAt" <= ${now}))::int AS "followedUpInTime",
             (count(c."id") FILTER (WHERE c."feelsHeard"))::int AS recovered
      FROM "Rating" r JOIN "Request" q ON q."id" = r."requestId" ${monthOfRating}
      LEFT JOIN unnest(${tenths}::text[], ${tenthsOf}::int[]) AS t(key, tenths) ON t.key = r."timeLost"
      LEFT JOIN "Complaint" c ON c."ratingId" = r."id"
      WHERE r."createdAt" >= ${from} AND r."createdAt" < ${to}
      GROUP BY 1, 2, 3, 4, 5`,
    tx.$queryRaw<{ providerId: string; requesterDepartmentId: string; agentId: string | null; requestTypeId: string; month: string; reason: string; n: number }[]>`
      SELECT r."departmentId" AS "providerId", q."requesterDepartmentId", r."agentId", q."typeId" AS "requestTypeId", m.month, reason, count(*)::int AS n
      FROM "Rating" r JOIN "Request" q ON q."id" = r."requestId" ${monthOfRating} CROSS JOIN unnest(r."reasons") AS reason
      WHERE r."createdAt" >= ${from} AND r."createdAt" < ${to}
      GROUP BY 1, 2, 3, 4, 5, 6`,
  ]);
  const key = (a: { providerId: string; requesterDepartmentId: string; agentId: string | null; requestTypeId?: string | null; month: string }) => `${a.providerId}|${a.requesterDepartmentId}|${a.agentId ?? "-"}|${a.requestTypeId ?? "-"}|${a.month}`;
  const atoms = new Map<string, Omit<ExperienceAtom, "reasons"> & { reasons: Record<string, number> }>(rows.map((row) => [key(row), { ...row, reasons: {} }]));
  for (const r of reasons) {
    const atom = atoms.get(key(r));
    if (atom) atom.reasons[r.reason] = r.n;
  }
  return [...atoms.values()];
}

async function insertFigures(tx: Tx, figures: ReturnType<typeof releaseSatisfaction>, publishedAt: Date, experience: ReadonlyMap<string, ExperienceValues>, goals: ReadonlyMap<string, number>) {
  for (let i = 0; i < figures.length; i += batchSize) {
    const batch = figures.slice(i, i + batchSize);
    const column = <T>(pick: (f: (typeof figures)[number]) => T) => batch.map(pick);
    const shownOr = (f: (typeof figures)[number], pick: (s: Extract<(typeof figures)[number], { shown: true }>) => number) => (f.shown ? pick(f) : null);
    // Experience values exist only for shown figures (experience-values.ts): withheld ones get null.
    const exp = <T>(f: (typeof figures)[number], pick: (v: ExperienceValues) => T) => {
      const values = experience.get(f.key);
      return values ? pick(values) : null;
    };
    await tx.$executeRaw`
      INSERT INTO "SatisfactionFigure" ("key", "kind", "period", "providerId", "requesterDepartmentId", "agentId", "requestTypeId", "shown", "ratings", "satisfied", "scoreSum",
        "timeLostAnswers", "timeLostTenths", "complaints", "followedUpInTime", "recovered", "reasonCounts", "goalPercent", "publishedAt")
      SELECT *, ${publishedAt}::timestamp FROM unnest(
        ${column((f) => f.key)}::text[], ${column((f) => f.kind)}::text[], ${column((f) => f.period)}::text[],
        ${column((f) => f.providerId)}::text[], ${column((f) => f.requesterDepartmentId)}::text[], ${column((f) => f.agentId)}::text[], ${column((f) => f.requestTypeId)}::text[],
        ${column((f) => f.shown)}::boolean[], ${column((f) => shownOr(f, (s) => s.ratings))}::int[],
        ${column((f) => shownOr(f, (s) => s.satisfied))}::int[], ${column((f) => shownOr(f, (s) => s.scoreSum))}::int[],
        ${column((f) => exp(f, (v) => v.timeLostAnswers))}::int[], ${column((f) => exp(f, (v) => v.timeLostTenths))}::int[],
        ${column((f) => exp(f, (v) => v.complaints))}::int[], ${column((f) => exp(f, (v) => v.followedUpInTime))}::int[],
        ${column((f) => exp(f, (v) => v.recovered))}::int[], ${column((f) => exp(f, (v) => JSON.stringify(v.reasonCounts)))}::jsonb[],
        ${column((f) => (f.shown && f.providerId ? (goals.get(f.providerId) ?? null) : null))}::int[])`;
  }
}

/** Which of these periods are published: their last month's publication exists. */
export async function publishedPeriods(client: Pick<Sql, "$queryRaw">, periods: readonly PeriodKey[]): Promise<Map<PeriodKey, Date>> {
  const months = [...new Set(periods.map(publishingMonthOf))];
  const rows = months.length
    ? await client.$queryRaw<{ month: string; publishedAt: Date }[]>`SELECT "month", "publishedAt" FROM "SatisfactionPublication" WHERE "month" = ANY(${months}::text[])`
    : [];
  const byMonth = new Map(rows.map((r) => [r.month, r.publishedAt]));
  const out = new Map<PeriodKey, Date>();
  for (const period of periods) {
    const at = byMonth.get(publishingMonthOf(period));
    if (at) out.set(period, at);
  }
  return out;
}
