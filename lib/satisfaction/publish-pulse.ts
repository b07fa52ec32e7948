import type { Db } from "@/lib/db/create-client";
import { publicationGraceMs, publicationLock } from "./publish-satisfaction";
import { releasePulse, type PulseAtomRow } from "./pulse-universe";
import { readAnonymityThresholds } from "./read-anonymity-thresholds";

/**
 * Pulse results are published once, when the round has closed (plus the same grace as satisfaction
 * figures), and never change: computed at every read, each new answer moved some figure by exactly
 * one answer. A round's figures never combine with another round's (pulse-universe.ts), so each
 * round is released on its own answers alone.
 */
export const pulsePublishesAt = (closesAt: Date) => new Date(closesAt.getTime() + publicationGraceMs);

export async function publishPulseRounds(client: Db, options: { now?: Date } = {}): Promise<{ published: string[] }> {
  const now = options.now ?? new Date();
  const due = await client.pulseRound.findMany({
    where: { publishedAt: null, closesAt: { lte: new Date(now.getTime() - publicationGraceMs) } },
    select: { id: true },
    orderBy: { closesAt: "asc" },
  });
  const published: string[] = [];
  for (const { id } of due) if (await publishRound(client, id, now)) published.push(id);
  return { published };
}

async function publishRound(client: Db, roundId: string, now: Date): Promise<boolean> {
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${publicationLock})`;
    const round = await tx.pulseRound.findUnique({ where: { id: roundId }, select: { publishedAt: true } });
    if (!round || round.publishedAt) return false;
    const { minRaters } = await readAnonymityThresholds(tx);
    const atoms = await tx.$queryRaw<PulseAtomRow[]>`
      SELECT "roundId", "respondentDepartmentId", "ratedDepartmentId",
             array_agg(DISTINCT "respondentId") AS raters,
             count(*)::int AS responses,
             count(*) FILTER (WHERE score >= 4)::int AS satisfied,
             sum(score)::int AS "scoreSum"
        FROM "PulseResponse" WHERE "roundId" = ${roundId}
       GROUP BY 1, 2, 3`;
    const figures = [...releasePulse(atoms, minRaters)];
    if (figures.length) {
      await tx.pulseFigure.createMany({
        data: figures.map(([key, figure]) => ({
          key,
          roundId,
          shown: figure.shown,
          ...(figure.shown ? { responses: figure.ratings, satisfied: figure.satisfied, scoreSum: figure.scoreSum } : {}),
          publishedAt: now,
        })),
      });
    }
    await tx.pulseRound.update({ where: { id: roundId }, data: { publishedAt: now } });
    return true;
  });
}
