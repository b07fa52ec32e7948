import type { Tx } from "@/lib/db/create-client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { monthOf, periodsPublishedWith, type PeriodKey } from "./figure-periods";
import { rangeOfPeriod, type MonthRange } from "./zoned-periods";
import { readAnonymityThresholds } from "./read-anonymity-thresholds";
import { releasePeriodThemes, subPeriods, type MonthComment, type ThemeRelease } from "./theme-release";


/**
 * Publishes the comment themes of a closed month, and of its quarter and year when it ends them,
 * for every providing department (theme-release.ts decides what may be shown). Each period is
 * published once: one already published is left as it is, and the tables refuse changes. A quarter
 * or year is decided from its months and quarters as they were published, so call this for the
 * months in order; the satisfaction publication job does, in its transaction.
 */
export async function publishCommentThemes(
  tx: Tx,
  /** ranges: the instants of each month of the publication's context (the satisfaction publication's, so both cut months alike). */
  options: { month: PeriodKey; publishedAt: Date; ranges: readonly MonthRange[] },
): Promise<{ published: PeriodKey[] }> {
  const periods = periodsPublishedWith(options.month);
  if (options.publishedAt < rangeOfPeriod(options.month, options.ranges).to) throw new Error(`${options.month} has not ended: its comment themes cannot be published yet`);
  const monthAt = (at: Date) => options.ranges.find((r) => r.from <= at && at < r.to)?.month ?? monthOf(at);
  const { minComments } = await readAnonymityThresholds(tx);
  const done = new Set((await tx.themePublication.findMany({ where: { period: { in: periods } }, select: { period: true } })).map((p) => p.period));
  const published: PeriodKey[] = [];
  for (const period of periods) {
    if (done.has(period)) continue;
    const { from, to } = rangeOfPeriod(period, options.ranges);
    // One query at a time: queries of one transaction share its connection.
    const ratings = await tx.rating.findMany({
      where: { createdAt: { gte: from, lt: to }, comment: { not: null } },
      select: { departmentId: true, requesterId: true, createdAt: true, comment: true },
    });
    const subs = await tx.publishedThemes.findMany({ where: { period: { in: subPeriods(period) } }, select: { period: true, departmentId: true, terms: true } });
    const byDepartment = new Map<string, MonthComment[]>();
    for (const r of ratings) {
      if (!r.comment?.trim()) continue;
      const list = byDepartment.get(r.departmentId) ?? byDepartment.set(r.departmentId, []).get(r.departmentId)!;
      list.push({ authorId: r.requesterId, text: r.comment, month: monthAt(r.createdAt) });
    }
    const subReleases = new Map<string, ThemeRelease>(subs.map((s) => [`${s.departmentId}|${s.period}`, { shown: true, terms: s.terms }]));
    const rows: Prisma.PublishedThemesCreateManyInput[] = [];
    for (const [departmentId, comments] of byDepartment) {
      const release = releasePeriodThemes({ period, comments, minCommenters: minComments, published: (sub) => subReleases.get(`${departmentId}|${sub}`) });
      if (release.shown) rows.push({ period, departmentId, terms: release.terms, publishedAt: options.publishedAt });
    }
    if (rows.length) await tx.publishedThemes.createMany({ data: rows });
    await tx.themePublication.create({ data: { period, minCommenters: minComments, publishedAt: options.publishedAt } });
    published.push(period);
  }
  return { published };
}
