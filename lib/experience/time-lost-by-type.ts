import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { monthsOf, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import { figureValue, mayReadFigure, readPublication, storedFigure } from "@/lib/satisfaction/satisfaction-figures";
import { figureKey } from "@/lib/satisfaction/satisfaction-universe";
import { timeLostByTypeSchema } from "@/lib/validation/experience";
import { parseInput } from "@/lib/validation/parse";
import { experienceFigure, type ExperienceColumns, type ExperienceFigure } from "./read-experience";

export type TypeTimeLostRow = {
  provider: { id: string; key: string; name: string };
  type: { id: string; name: string };
  /** One per period asked, in order: the published figure with its hours lost, or why there is none. */
  values: ExperienceFigure[];
};

/**
 * Hours of internal customers' time lost per request type, per department served (issue 15): the
 * published "type" figures of the satisfaction release (satisfaction-universe.ts splits its atoms by
 * request type and decides these figures with the same rules as every other), never ratings.
 *
 * With a department: its types over each month of the period and the period itself (the trend), for
 * its head, HR or an admin. Without: every department's types for the period, for HR or an admin.
 * Only types with a figure shown in one of those periods are listed: a withheld type looks exactly
 * like a type nobody rated. One statement reads them all, however many types a department has.
 */
export async function timeLostByType(options: { actor: Actor; period: unknown; departmentId?: string; now?: Date }): Promise<{ periods: PeriodKey[]; rows: TypeTimeLostRow[]; minRaters: number }> {
  const { period, departmentId } = parseInput(timeLostByTypeSchema, { period: options.period, departmentId: options.departmentId });
  const may = departmentId
    ? mayReadFigure(options.actor, { kind: "provider", departmentId, period })
    : mayReadFigure(options.actor, { kind: "org", period });
  if (!may) throw forbidden("You cannot see these figures.");
  const months = monthsOf(period);
  const periods = departmentId && months.length > 1 ? [...months, period] : [period];
  // One statement whatever the number of types: the shown type figures of the periods, with their
  // type's and department's names. A figure not shown reads exactly as one never stored (withheld).
  const [figures, publication] = await Promise.all([
    db().$queryRaw<TypeFigureRow[]>`
      SELECT f."key", f."period", f."providerId", f."requestTypeId", f."shown", f."ratings", f."satisfied", f."scoreSum",
             f."goalPercent", f."timeLostAnswers", f."timeLostTenths", f."complaints", f."followedUpInTime", f."recovered", f."reasonCounts",
             t."name" AS "typeName", d."key" AS "providerKey", d."name" AS "providerName"
      FROM "SatisfactionFigure" f
      JOIN "RequestType" t ON t."id" = f."requestTypeId"
      JOIN "Department" d ON d."id" = f."providerId"
      WHERE f."kind" = 'type' AND f."shown" AND f."period" = ANY(${periods}::text[])
        ${departmentId ? Prisma.sql`AND f."providerId" = ${departmentId}` : Prisma.empty}`,
    readPublication(periods, options.now),
  ]);
  const stored = new Map(figures.map((f) => [f.key, storedFigure(f)]));
  const byKey = new Map(figures.map((f) => [f.key, f]));
  const pairs = new Map<string, TypeFigureRow>();
  for (const f of figures) pairs.set(`${f.providerId}|${f.requestTypeId}`, f);
  const kept = [...pairs.values()].sort((a, b) => a.providerName.localeCompare(b.providerName) || a.typeName.localeCompare(b.typeName));
  const rows = kept.map((p): TypeTimeLostRow => ({
    provider: { id: p.providerId, key: p.providerKey, name: p.providerName },
    type: { id: p.requestTypeId, name: p.typeName },
    values: periods.map((at) => {
      const key = figureKey.type(p.providerId, p.requestTypeId, at);
      return experienceFigure(figureValue(publication, at, stored, key), byKey.get(key));
    }),
  }));
  return { periods, rows, minRaters: publication.minRaters };
}

type TypeFigureRow = ExperienceColumns & {
  key: string;
  period: PeriodKey;
  providerId: string;
  requestTypeId: string;
  shown: boolean;
  ratings: number | null;
  satisfied: number | null;
  scoreSum: number | null;
  typeName: string;
  providerKey: string;
  providerName: string;
};
