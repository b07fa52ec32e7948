import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { monthsOf, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import { mayReadFigure, type FigureRef } from "@/lib/satisfaction/satisfaction-figures";
import { timeLostByTypeSchema } from "@/lib/validation/experience";
import { parseInput } from "@/lib/validation/parse";
import { readExperience, type ExperienceFigure } from "./read-experience";

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
 * like a type nobody rated.
 */
export async function timeLostByType(options: { actor: Actor; period: unknown; departmentId?: string; now?: Date }): Promise<{ periods: PeriodKey[]; rows: TypeTimeLostRow[]; minRaters: number }> {
  const { period, departmentId } = parseInput(timeLostByTypeSchema, { period: options.period, departmentId: options.departmentId });
  const may = departmentId
    ? mayReadFigure(options.actor, { kind: "provider", departmentId, period })
    : mayReadFigure(options.actor, { kind: "org", period });
  if (!may) throw forbidden("You cannot see these figures.");
  const months = monthsOf(period);
  const periods = departmentId && months.length > 1 ? [...months, period] : [period];
  const listed = await db().satisfactionFigure.findMany({
    where: { kind: "type", shown: true, period: { in: periods }, ...(departmentId ? { providerId: departmentId } : {}) },
    select: { providerId: true, requestTypeId: true },
    distinct: ["providerId", "requestTypeId"],
  });
  const pairs = listed.flatMap((f) => (f.providerId && f.requestTypeId ? [{ providerId: f.providerId, requestTypeId: f.requestTypeId }] : []));
  const [types, providers] = await Promise.all([
    db().requestType.findMany({ where: { id: { in: [...new Set(pairs.map((p) => p.requestTypeId))] } }, select: { id: true, name: true } }),
    db().department.findMany({ where: { id: { in: [...new Set(pairs.map((p) => p.providerId))] } }, select: { id: true, key: true, name: true } }),
  ]);
  const typeOf = new Map(types.map((t) => [t.id, t]));
  const providerOf = new Map(providers.map((d) => [d.id, d]));
  const kept = pairs
    .filter((p) => typeOf.has(p.requestTypeId) && providerOf.has(p.providerId))
    .sort((a, b) => providerOf.get(a.providerId)!.name.localeCompare(providerOf.get(b.providerId)!.name) || typeOf.get(a.requestTypeId)!.name.localeCompare(typeOf.get(b.requestTypeId)!.name));
  const refs: FigureRef[] = kept.flatMap((p) => periods.map((at) => ({ kind: "type" as const, departmentId: p.providerId, requestTypeId: p.requestTypeId, period: at })));
  const read = await readExperience({ actor: options.actor, figures: refs, now: options.now });
  const rows = kept.map((p, i) => ({
    provider: providerOf.get(p.providerId)!,
    type: typeOf.get(p.requestTypeId)!,
    values: read.values.slice(i * periods.length, (i + 1) * periods.length),
  }));
  return { periods, rows, minRaters: read.minRaters };
}
