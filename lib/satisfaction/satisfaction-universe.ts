import { releaseFigures, type Atom, type WitnessesOf } from "./disclosure";
import { monthsOf, periodGrain, periodsOfMonth, periodsPublishedWith, publicationContext, type PeriodKey } from "./figure-periods";

/**
 * Every satisfaction figure any dashboard, filter or export can show, and which of them may be
 * shown. Pure: lib/satisfaction/publish-satisfaction.ts feeds it the ratings grouped by atom and
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

const keyOf = (providerId: string, requesterDepartmentId: string, agent: string, month: PeriodKey) => `${providerId}|${requesterDepartmentId}|${agent}|${month}`;
const atomKey = (row: RatingAtomRow) => keyOf(row.providerId, row.requesterDepartmentId, row.agentId ?? "-", row.month);

/**
 * Structural witnesses (disclosure.ts): one rating more in (provider, requesting department r, agent
 * a) and one more in (r', a'), one fewer in (r, a') and in (r', a), all in the same month, leave every
 * figure of every kind and period as it is (each department pair, agent, provider, "given" and the
 * organisation gains and loses one). Unassigned counts as an agent with no figure. Up to 24 squares
 * an atom, over as many other agents and requesting departments as there are.
 */
function squareWitnesses(rows: readonly RatingAtomRow[]): WitnessesOf {
  // Per provider and month: the agents of each requesting department, the requesters of each agent.
  const agentsOf = new Map<string, Set<string>>();
  const requestersOf = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(value);
  };
  const existing = new Set<string>();
  for (const row of rows) {
    const agent = row.agentId ?? "-";
    add(agentsOf, `${row.providerId}|${row.requesterDepartmentId}|${row.month}`, agent);
    add(requestersOf, `${row.providerId}|${agent}|${row.month}`, row.requesterDepartmentId);
    existing.add(atomKey(row));
  }
  return (atom) => {
    const [p, r, a, m] = atom.split("|") as [string, string, string, string];
    const squares: string[][] = [];
    const others = [...(agentsOf.get(`${p}|${r}|${m}`) ?? [])].filter((other) => other !== a);
    // A few squares per other agent, so that they reach across as many atoms as there are.
    const perAgent = Math.max(2, Math.ceil(24 / Math.max(1, others.length)));
    for (const other of others) {
      let taken = 0;
      for (const r2 of requestersOf.get(`${p}|${a}|${m}`) ?? []) {
        if (r2 === r || !existing.has(keyOf(p, r2, other, m))) continue;
        squares.push([keyOf(p, r, other, m), keyOf(p, r2, a, m), keyOf(p, r2, other, m)]);
        if (++taken === perAgent || squares.length === 24) break;
      }
      if (squares.length === 24) break;
    }
    return squares;
  };
}

type UniverseFigure = FigureMeta & { atoms: string[]; rank: number };

function satisfactionUniverse(rows: readonly RatingAtomRow[]) {
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
 * A publication (publish-satisfaction.ts) passes the month it publishes and the keys of the figures
 * shown in earlier publications: only figures of the periods published with that month are
 * candidates, decided on the ratings of its context (figure-periods.ts) with everything already shown
 * there taken as known, and only they are returned.
 */
export function releaseSatisfaction(
  allRows: readonly RatingAtomRow[],
  minRaters: number,
  publication?: { month: PeriodKey; known: ReadonlySet<string> },
  rule: "witnesses" | "blocks" = "witnesses",
): ReleasedFigure[] {
  const context = publication ? new Set(monthsOf(publicationContext(publication.month))) : null;
  const rows = context ? allRows.filter((r) => context.has(r.month)) : allRows;
  const periods = publication ? new Set(periodsPublishedWith(publication.month)) : null;
  const universe = satisfactionUniverse(rows);
  const { atoms } = universe;
  const figures = periods ? universe.figures.filter((f) => periods.has(f.period)) : universe.figures;
  const known = publication ? universe.figures.filter((f) => publication.known.has(f.key)) : [];
  const released = releaseFigures({ atoms, figures: figures, known: known, minRaters, witnesses: rule === "witnesses" ? squareWitnesses(rows) : undefined });
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
