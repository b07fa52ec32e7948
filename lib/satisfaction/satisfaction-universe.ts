import { releaseFigures, type Atom, type CandidateFigure } from "./disclosure";
import { periodGrain, periodsOfMonth, type PeriodKey } from "./figure-periods";

/**
 * Every satisfaction figure any dashboard, filter or export can show, and which of them may be
 * shown. Pure: lib/satisfaction/satisfaction-rollup.ts feeds it the ratings grouped by atom and
 * stores the result; the property tests feed it generated organisations.
 *
 * An atom is one providing department × requesting department × agent × month. The figures:
 * - org: all ratings in a period (HR's organisation view);
 * - provider: ratings received by a department (its head's CSAT, HR's "received");
 * - given: ratings given by a requesting department's people (HR's "given");
 * - pair: a requesting department's ratings of a providing department (the heat map);
 * - agent: ratings of requests a department's agent had when rated (the head's agent table).
 * Periods are months, quarters and years; coarse figures are considered first, so when a figure has
 * to go to protect another, the finer one goes.
 */
export type FigureKind = "org" | "provider" | "given" | "pair" | "agent";

export type RatingAtomRow = {
  providerId: string;
  requesterDepartmentId: string;
  /** The assignee when the rating was given; null when nobody was assigned. */
  agentId: string | null;
  month: PeriodKey;
  raters: readonly string[];
  ratings: number;
  satisfied: number;
  scoreSum: number;
};

export const figureKey = {
  org: (period: PeriodKey) => `org|${period}`,
  provider: (providerId: string, period: PeriodKey) => `provider|${providerId}|${period}`,
  given: (requesterDepartmentId: string, period: PeriodKey) => `given|${requesterDepartmentId}|${period}`,
  pair: (requesterDepartmentId: string, providerId: string, period: PeriodKey) => `pair|${requesterDepartmentId}|${providerId}|${period}`,
  agent: (providerId: string, agentId: string, period: PeriodKey) => `agent|${providerId}|${agentId}|${period}`,
};

export type FigureMeta = {
  key: string;
  kind: FigureKind;
  period: PeriodKey;
  providerId: string | null;
  requesterDepartmentId: string | null;
  agentId: string | null;
};

export type ReleasedFigure = FigureMeta &
  ({ shown: true; ratings: number; satisfied: number; scoreSum: number } | { shown: false });

/**
 * Coarse before fine. Pairs come before "given": a department's ratings given are the sum of its
 * pairs, so where every pair can be shown, so can the sum; the other way round, a shown sum of
 * small pairs would take every pair with it.
 */
const kindOrder: Record<FigureKind, number> = { org: 0, provider: 1, pair: 2, given: 3, agent: 4 };
const grainOrder = { year: 0, quarter: 1, month: 2 } as const;

const atomKey = (row: RatingAtomRow) => `${row.providerId}|${row.requesterDepartmentId}|${row.agentId ?? "-"}|${row.month}`;

type UniverseFigure = FigureMeta & { atoms: string[]; rank: number };

export function satisfactionUniverse(rows: readonly RatingAtomRow[]) {
  const atoms = new Map<string, Atom & { row: RatingAtomRow }>();
  const figures = new Map<string, UniverseFigure>();
  const add = (atom: string, key: string, kind: FigureKind, period: PeriodKey, providerId: string | null, requesterDepartmentId: string | null, agentId: string | null) => {
    let figure = figures.get(key);
    if (!figure) {
      const rank = kindOrder[kind] * 3 + grainOrder[periodGrain(period)];
      figures.set(key, (figure = { key, kind, period, providerId, requesterDepartmentId, agentId, atoms: [], rank }));
    }
    figure.atoms.push(atom);
  };
  for (const row of rows) {
    const key = atomKey(row);
    if (atoms.has(key)) throw new Error(`duplicate rating atom ${key}`);
    atoms.set(key, { raters: row.raters, row });
    const { providerId: p, requesterDepartmentId: r, agentId: a } = row;
    for (const period of periodsOfMonth(row.month)) {
      add(key, figureKey.org(period), "org", period, null, null, null);
      add(key, figureKey.provider(p, period), "provider", period, p, null, null);
      add(key, figureKey.pair(r, p, period), "pair", period, p, r, null);
      add(key, figureKey.given(r, period), "given", period, null, r, null);
      if (a) add(key, figureKey.agent(p, a, period), "agent", period, p, null, a);
    }
  }
  const ordered = [...figures.values()].sort((x, y) => x.rank - y.rank || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { atoms, figures: ordered };
}

/**
 * Every figure of the universe with its numbers where it may be shown and nothing where it may not.
 * A publication (publish-satisfaction.ts) passes the periods it publishes and the keys of the figures
 * shown in earlier publications: only figures of those periods are candidates, decided with
 * everything already shown taken as known, and only they are returned.
 */
export function releaseSatisfaction(
  rows: readonly RatingAtomRow[],
  minRaters: number,
  publication?: { periods: ReadonlySet<PeriodKey>; known: ReadonlySet<string> },
): ReleasedFigure[] {
  const universe = satisfactionUniverse(rows);
  const { atoms } = universe;
  const figures = publication ? universe.figures.filter((f) => publication.periods.has(f.period)) : universe.figures;
  const known = publication ? universe.figures.filter((f) => publication.known.has(f.key)) : [];
  const released = releaseFigures({ atoms, figures: figures as CandidateFigure[], known: known as CandidateFigure[], minRaters });
  return figures.map(({ atoms: members, rank: _rank, ...meta }) => {
    if (!released.has(meta.key)) return { ...meta, shown: false };
    let ratings = 0;
    let satisfied = 0;
    let scoreSum = 0;
    for (const key of members) {
      const { row } = atoms.get(key)!;
      ratings += row.ratings;
      satisfied += row.satisfied;
      scoreSum += row.scoreSum;
    }
    return { ...meta, shown: true, ratings, satisfied, scoreSum };
  });
}
