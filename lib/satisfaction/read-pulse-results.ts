import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { anonymityThresholds } from "./anonymity-settings";
import { pulsePublishesAt } from "./publish-pulse";
import { pulseFigureKey } from "./pulse-universe";
import { lookupFigure, type SatisfactionValue, type StoredFigure } from "./satisfaction-value";

type Named = { id: string; name: string };

export type PulseRoundResults = {
  id: string;
  period: string;
  opensAt: Date;
  closesAt: Date;
  surveyId: string;
  /** The one department the survey rates; null: the whole organisation. */
  surveyDepartment: Named | null;
  /** Every answer of the round: HR and admins only. */
  total: SatisfactionValue | null;
  received: { department: Named; value: SatisfactionValue }[];
  /** HR and admins only. */
  given: { department: Named; value: SatisfactionValue }[];
  pairs: { respondentDepartment: Named; ratedDepartment: Named; value: SatisfactionValue }[];
};

/**
 * Pulse results as the anonymity rules allow: HR and admins see every round and every figure; a head
 * sees only figures about their own department as the rated one (what it received, and from whom by
 * department). The release is decided over the whole universe of pulse figures at once
 * (lib/satisfaction/pulse-universe.ts), never per query, so no two views can be subtracted.
 */
export async function readPulseResults(options: { actor: Actor; roundId?: string }): Promise<{ rounds: PulseRoundResults[]; minRaters: number }> {
  const { actor } = options;
  const hr = can(actor, "insights.organisation");
  const headOf = actor.headOf.filter((departmentId) => can(actor, "pulse.manage", { departmentId }));
  if (!hr && headOf.length === 0) throw forbidden("Only HR and department heads can see pulse results.");
  const { minRaters } = await anonymityThresholds();

  const scope: Prisma.PulseRoundWhereInput = hr
    ? {}
    : { OR: [{ survey: { departmentId: { in: headOf } } }, { invitations: { some: { ratedDepartmentId: { in: headOf } } } }] };
  const rounds = await db().pulseRound.findMany({
    where: { ...scope, ...(options.roundId ? { id: options.roundId } : {}) },
    orderBy: { opensAt: "desc" },
    select: { id: true, period: true, opensAt: true, closesAt: true, publishedAt: true, survey: { select: { id: true, department: { select: { id: true, name: true } } } } },
  });
  if (options.roundId && rounds.length === 0) throw notFound("This survey round");
  if (rounds.length === 0) return { rounds: [], minRaters };

  // As each round's publication released them (publish-pulse.ts): nothing is computed at read time.
  const stored = await db().pulseFigure.findMany({
    where: { roundId: { in: rounds.filter((r) => r.publishedAt).map((r) => r.id) } },
    select: { key: true, shown: true, responses: true, satisfied: true, scoreSum: true },
  });
  const figures = new Map<string, StoredFigure>(
    stored.map((f) => [f.key, f.shown ? { shown: true, ratings: f.responses ?? 0, satisfied: f.satisfied ?? 0, scoreSum: f.scoreSum ?? 0 } : { shown: false }]),
  );

  // Who was asked about whom (by the askee's department now): which rows each table lists.
  const asked = await db().$queryRaw<{ roundId: string; respondentDepartmentId: string; ratedDepartmentId: string }[]>`
    SELECT DISTINCT i."roundId", p."departmentId" AS "respondentDepartmentId", i."ratedDepartmentId"
      FROM "PulseInvitation" i JOIN "Person" p ON p.id = i."personId"
     WHERE i."roundId" = ANY(${rounds.map((r) => r.id)})`;
  const departments = new Map(
    (await db().department.findMany({ select: { id: true, name: true } })).map((d) => [d.id, d]),
  );
  const named = (id: string) => departments.get(id) ?? { id, name: "Unknown department" };
  const byName = (a: Named, b: Named) => a.name.localeCompare(b.name);

  return {
    minRaters,
    rounds: rounds.map((round) => {
      const value = (key: string): SatisfactionValue =>
        round.publishedAt ? lookupFigure(figures, key) : { state: "pending", publishesAt: pulsePublishesAt(round.closesAt) };
      // Rows come from who was asked only: a row that appeared because someone answered (say, after
      // moving department) would tell that they did.
      const cells = asked.filter((a) => a.roundId === round.id);
      const pairKeys = new Map<string, { respondent: string; rated: string }>();
      for (const c of cells) {
        if (c.respondentDepartmentId === c.ratedDepartmentId) continue;
        if (!hr && !headOf.includes(c.ratedDepartmentId)) continue;
        pairKeys.set(`${c.respondentDepartmentId}|${c.ratedDepartmentId}`, { respondent: c.respondentDepartmentId, rated: c.ratedDepartmentId });
      }
      const pairs = [...pairKeys.values()];
      const rated = [...new Set(pairs.map((p) => p.rated))].map(named).sort(byName);
      const giving = hr ? [...new Set(pairs.map((p) => p.respondent))].map(named).sort(byName) : [];
      return {
        id: round.id,
        period: round.period,
        opensAt: round.opensAt,
        closesAt: round.closesAt,
        surveyId: round.survey.id,
        surveyDepartment: round.survey.department,
        total: hr ? value(pulseFigureKey.round(round.id)) : null,
        received: rated.map((department) => ({ department, value: value(pulseFigureKey.received(department.id, round.id)) })),
        given: giving.map((department) => ({ department, value: value(pulseFigureKey.given(department.id, round.id)) })),
        pairs: pairs
          .map((p) => ({
            respondentDepartment: named(p.respondent),
            ratedDepartment: named(p.rated),
            value: value(pulseFigureKey.pair(p.respondent, p.rated, round.id)),
          }))
          .sort((a, b) => byName(a.ratedDepartment, b.ratedDepartment) || byName(a.respondentDepartment, b.respondentDepartment)),
      };
    }),
  };
}
