import crypto from "node:crypto";
import { db } from "@/lib/db/client";
import { publishSatisfaction } from "@/lib/satisfaction/publish-satisfaction";
import { uid } from "./factories";

/**
 * A year no other test rates or publishes in: satisfaction figures are released over whole months,
 * quarters and years, and complement suppression links every figure of a period, so a test that
 * rates "now" would see its figures change with other files' ratings running beside it. Drawn at
 * random and then checked against the database (with two days' margin for time zones): a db worker's
 * database serves every file it runs, and a draw that met an earlier test's published year failed CI
 * once ("a rating dated 4490-03-10 falls in a month whose satisfaction figures are published").
 */
export async function isolatedYear(): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const year = 2200 + crypto.randomInt(0, 7000);
    const from = new Date(Date.UTC(year, 0, 1) - 2 * 86_400_000);
    const to = new Date(Date.UTC(year + 1, 0, 1) + 2 * 86_400_000);
    const [taken] = await db().$queryRaw<{ taken: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "SatisfactionPublication" WHERE "from" < ${to} AND "to" > ${from})
          OR EXISTS (SELECT 1 FROM "Rating" WHERE "createdAt" >= ${from} AND "createdAt" < ${to}) AS taken`;
    if (!taken?.taken) return String(year);
  }
  throw new Error("no free year for a satisfaction test in 50 draws");
}

/**
 * Ratings as report tests need them: a resolved request per rating, rated in a given month.
 * Inserted directly (the rating use case is tested in tests/db/ratings.test.ts); rows are
 * append-only, as the database insists.
 */
export async function seedRatings(
  ratings: { providerId: string; typeId: string; requesterId: string; requesterDepartmentId: string; agentId?: string | null; score: number; comment?: string; at: Date; timeLost?: string; reasons?: string[] }[],
) {
  for (const r of ratings) {
    const department = await db().department.update({ where: { id: r.providerId }, data: { requestSeq: { increment: 1 } }, select: { requestSeq: true } });
    const request = await db().request.create({
      data: {
        departmentId: r.providerId,
        number: department.requestSeq,
        typeId: r.typeId,
        title: "Rated request",
        description: "For a report test.",
        status: "RESOLVED",
        priority: "NORMAL",
        requesterId: r.requesterId,
        requesterDepartmentId: r.requesterDepartmentId,
        assigneeId: r.agentId ?? null,
        submissionKey: `rated-${uid()}`,
        resolvedAt: r.at,
        createdAt: r.at,
      },
    });
    await db().rating.create({
      data: { requestId: request.id, cycle: 1, requesterId: r.requesterId, departmentId: r.providerId, agentId: r.agentId ?? null, score: r.score, comment: r.comment ?? null, createdAt: r.at, timeLost: r.timeLost ?? null, reasons: r.reasons ?? [] },
    });
  }
}

/** Publishes a test's year as the job would once it has ended: every month, quarter and the year. */
export const publishYear = (year: string) => publishSatisfaction(db(), { now: new Date(`${Number(year) + 1}-01-02T00:00:00Z`), years: [year] });
