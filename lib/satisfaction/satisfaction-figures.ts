import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { z } from "zod";
import { periodKeySchema, type PeriodKey } from "./figure-periods";
import { publishedPeriods, publishesAt } from "./publish-satisfaction";
import { figureKey } from "./satisfaction-universe";
import { organisationSettings } from "./organisation-settings";
import { lookupFigure, zoneField, type SatisfactionValue, type StoredFigure } from "./satisfaction-value";

export type FigureRef =
  /** Every rating in the period (HR, admin). */
  | { kind: "org"; period: PeriodKey }
  /** Ratings received by a department (its head; HR, admin). */
  | { kind: "provider"; departmentId: string; period: PeriodKey }
  /** Ratings given by a department's people (HR, admin). */
  | { kind: "given"; departmentId: string; period: PeriodKey }
  /** A requesting department's ratings of a providing department: a heat-map cell (HR, admin). */
  | { kind: "pair"; requesterDepartmentId: string; providerId: string; period: PeriodKey }
  /** Ratings of requests an agent of the department had (its head only). */
  | { kind: "agent"; departmentId: string; agentId: string; period: PeriodKey }
  /** Ratings a department received for requests of one type (its head; HR, admin). */
  | { kind: "type"; departmentId: string; requestTypeId: string; period: PeriodKey };

const id = z.string().min(1).max(64);
const figureRefSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("org"), period: periodKeySchema }),
  z.object({ kind: z.literal("provider"), departmentId: id, period: periodKeySchema }),
  z.object({ kind: z.literal("given"), departmentId: id, period: periodKeySchema }),
  z.object({ kind: z.literal("pair"), requesterDepartmentId: id, providerId: id, period: periodKeySchema }),
  z.object({ kind: z.literal("agent"), departmentId: id, agentId: id, period: periodKeySchema }),
  z.object({ kind: z.literal("type"), departmentId: id, requestTypeId: id, period: periodKeySchema }),
]);
const readSchema = z.array(figureRefSchema).max(5_000);

type FigureRow = { key: string; shown: boolean; ratings: number | null; satisfied: number | null; scoreSum: number | null };

export function keyOf(ref: FigureRef): string {
  switch (ref.kind) {
    case "org":
      return figureKey.org(ref.period);
    case "provider":
      return figureKey.provider(ref.departmentId, ref.period);
    case "given":
      return figureKey.given(ref.departmentId, ref.period);
    case "pair":
      return figureKey.pair(ref.requesterDepartmentId, ref.providerId, ref.period);
    case "agent":
      return figureKey.agent(ref.departmentId, ref.agentId, ref.period);
    case "type":
      return figureKey.type(ref.departmentId, ref.requestTypeId, ref.period);
  }
}

/** Heads see their department's received figures (per request type too) and its agents'; HR and admins see every department's, never an agent's. */
export function mayReadFigure(actor: Actor, ref: FigureRef): boolean {
  if (ref.kind === "agent") return can(actor, "insights.department", { departmentId: ref.departmentId });
  if ((ref.kind === "provider" || ref.kind === "type") && can(actor, "insights.department", { departmentId: ref.departmentId })) return true;
  return can(actor, "insights.organisation");
}

/** What decides how any figure of the asked periods reads: which periods are published and when, the organisation's zone, the threshold. */
export type Publication = { published: Map<PeriodKey, Date>; timeZone: string; minRaters: number; now: Date };

export async function readPublication(periods: readonly PeriodKey[], now: Date = new Date()): Promise<Publication> {
  const [published, { thresholds, timeZone }] = await Promise.all([publishedPeriods(sql(), [...new Set(periods)]), organisationSettings()]);
  return { published, timeZone, minRaters: thresholds.minRaters, now };
}

/**
 * One figure as its period's publication released it: the stored figure of a published period
 * (shown, or withheld whatever the reason), "pending" for a period not yet over. Every read of a
 * figure goes through here, by key (readSatisfaction) or by a set-based query (time-lost-by-type.ts).
 */
export function figureValue(publication: Publication, period: PeriodKey, stored: ReadonlyMap<string, StoredFigure>, key: string): SatisfactionValue {
  if (publication.published.has(period)) return lookupFigure(stored, key);
  const at = pendingUntil(publication, period);
  // Closed but never published: no ratings in its year at all (or the job is a moment behind).
  return at > publication.now ? { state: "pending", publishesAt: at, ...zoneField(publication.timeZone) } : { state: "withheld" };
}

// When an unpublished period will be, worked out once per publication and period (the heat map asks for 2,500 figures of one period).
const publishingTimes = new WeakMap<Publication, Map<PeriodKey, Date>>();
function pendingUntil(publication: Publication, period: PeriodKey): Date {
  let times = publishingTimes.get(publication);
  if (!times) publishingTimes.set(publication, (times = new Map<PeriodKey, Date>()));
  let at = times.get(period);
  if (!at) times.set(period, (at = publishesAt(period, publication.timeZone)));
  return at;
}

/** When the newest of the asked periods was published (null: none of them is). */
export function publishedAsOf(publication: Publication): Date | null {
  const times = [...publication.published.values()].map((d) => d.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

export const storedFigure = (r: { shown: boolean; ratings: number | null; satisfied: number | null; scoreSum: number | null }): StoredFigure =>
  r.shown ? { shown: true, ratings: r.ratings ?? 0, satisfied: r.satisfied ?? 0, scoreSum: r.scoreSum ?? 0 } : { shown: false };

/**
 * Satisfaction figures as their period's publication released them (publish-satisfaction.ts): a
 * number only where the anonymity rules allow it, "withheld" where they do not or nobody rated, and
 * "pending" for a period not yet over. No page computes a rating aggregate itself: what can be shown
 * was decided once, when the period was published, and never changes.
 * asOf: when the newest of the asked periods was published (null: none of them is).
 */
export async function readSatisfaction(options: { actor: Actor; figures: FigureRef[]; now?: Date }): Promise<{ values: SatisfactionValue[]; asOf: Date | null; minRaters: number }> {
  const refs = parseInput(readSchema, options.figures) as FigureRef[];
  if (refs.some((ref) => !mayReadFigure(options.actor, ref))) throw forbidden("You cannot see these satisfaction figures.");
  const keys = refs.map(keyOf);
  const [rows, publication] = await Promise.all([
    // One array parameter, not one bind parameter per key: the heat map asks for 2,500 at once.
    keys.length
      ? sql().$queryRaw<FigureRow[]>`SELECT "key", "shown", "ratings", "satisfied", "scoreSum" FROM "SatisfactionFigure" WHERE "key" = ANY(${[...new Set(keys)]}::text[])`
      : [],
    readPublication(refs.map((r) => r.period), options.now),
  ]);
  const stored = new Map<string, StoredFigure>(rows.map((r) => [r.key, storedFigure(r)]));
  const values = refs.map((ref, i): SatisfactionValue => figureValue(publication, ref.period, stored, keys[i]!));
  return { values, asOf: publishedAsOf(publication), minRaters: publication.minRaters };
}
