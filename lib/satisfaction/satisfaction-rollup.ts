import type { Db } from "@/lib/db/create-client";
import { readAnonymityThresholds } from "./read-anonymity-thresholds";
import { releaseSatisfaction, type RatingAtomRow } from "./satisfaction-universe";

export const rollupStateKey = "satisfactionRollup";

type RollupState = { fingerprint: string; builtAt: string };

const batchSize = 5_000;

/**
 * Recomputes every satisfaction figure and which may be shown (satisfaction-universe.ts), and
 * replaces the SatisfactionFigure table with the result in one transaction, so readers see the old
 * release or the new one, never a mix of both (a mix could be subtracted). Ratings are append-only,
 * so their count and newest time, with the thresholds, say whether anything changed: an unchanged
 * fingerprint costs two small queries and writes nothing.
 */
export async function rebuildSatisfactionFigures(client: Db, options: { force?: boolean } = {}): Promise<{ rebuilt: boolean; figures: number }> {
  return client.$transaction(
    async (tx) => {
      // One rebuild at a time, across instances.
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(7300452)");
      const thresholds = await readAnonymityThresholds(tx);
      const [stamp] = await tx.$queryRaw<{ n: number; newest: Date | null }[]>`SELECT count(*)::int AS n, max("createdAt") AS newest FROM "Rating"`;
      const fingerprint = `${stamp?.n ?? 0}|${stamp?.newest?.toISOString() ?? "-"}|${thresholds.minRaters}`;
      const state = await tx.setting.findUnique({ where: { key: rollupStateKey } });
      if (!options.force && (state?.value as RollupState | undefined)?.fingerprint === fingerprint) return { rebuilt: false, figures: 0 };

      const atoms = await tx.$queryRaw<RatingAtomRow[]>`
        SELECT r."departmentId" AS "providerId", q."requesterDepartmentId", r."agentId",
               to_char(r."createdAt", 'YYYY-MM') AS month,
               array_agg(DISTINCT r."requesterId") AS raters,
               count(*)::int AS ratings,
               (count(*) FILTER (WHERE r."score" >= 4))::int AS satisfied,
               sum(r."score")::int AS "scoreSum"
        FROM "Rating" r JOIN "Request" q ON q."id" = r."requestId"
        GROUP BY 1, 2, 3, 4`;
      const figures = releaseSatisfaction(atoms, thresholds.minRaters);

      await tx.$executeRawUnsafe(`DELETE FROM "SatisfactionFigure"`);
      for (let i = 0; i < figures.length; i += batchSize) {
        const batch = figures.slice(i, i + batchSize);
        const column = <T>(pick: (f: (typeof figures)[number]) => T) => batch.map(pick);
        const shownOr = (f: (typeof figures)[number], pick: (s: Extract<(typeof figures)[number], { shown: true }>) => number) => (f.shown ? pick(f) : null);
        await tx.$executeRaw`
          INSERT INTO "SatisfactionFigure" ("key", "kind", "period", "providerId", "requesterDepartmentId", "agentId", "shown", "ratings", "satisfied", "scoreSum")
          SELECT * FROM unnest(
            ${column((f) => f.key)}::text[], ${column((f) => f.kind)}::text[], ${column((f) => f.period)}::text[],
            ${column((f) => f.providerId)}::text[], ${column((f) => f.requesterDepartmentId)}::text[], ${column((f) => f.agentId)}::text[],
            ${column((f) => f.shown)}::boolean[], ${column((f) => shownOr(f, (s) => s.ratings))}::int[],
            ${column((f) => shownOr(f, (s) => s.satisfied))}::int[], ${column((f) => shownOr(f, (s) => s.scoreSum))}::int[])`;
      }
      const value: RollupState = { fingerprint, builtAt: new Date().toISOString() };
      await tx.setting.upsert({ where: { key: rollupStateKey }, create: { key: rollupStateKey, value }, update: { value } });
      return { rebuilt: true, figures: figures.length };
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
