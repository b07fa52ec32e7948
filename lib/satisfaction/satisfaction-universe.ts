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

const kindOrder: FigureKind[] = ["org", "provider", "given", "pair", "agent"];
const grainOrder = { year: 0, quarter: 1, month: 2 } as const;

const atomKey = (row: RatingAtomRow) => `${row.providerId}|${row.requesterDepartmentId}|${row.agentId ?? "-"}|${row.month}`;

/** The figures each atom belongs to. */
function figuresOfAtom(row: RatingAtomRow): FigureMeta[] {
  const out: FigureMeta[] = [];
  for (const period of periodsOfMonth(row.month)) {
    const base = { period, providerId: null, requesterDepartmentId: null, agentId: null };
    out.push({ ...base, kind: "org", key: figureKey.org(period) });
    out.push({ ...base, kind: "provider", key: figureKey.provider(row.providerId, period), providerId: row.providerId });
    out.push({ ...base, kind: "given", key: figureKey.given(row.requesterDepartmentId, period), requesterDepartmentId: row.requesterDepartmentId });
    out.push({
      ...base,
      kind: "pair",
      key: figureKey.pair(row.requesterDepartmentId, row.providerId, period),
      providerId: row.providerId,
      requesterDepartmentId: row.requesterDepartmentId,
    });
    if (row.agentId) out.push({ ...base, kind: "agent", key: figureKey.agent(row.providerId, row.agentId, period), providerId: row.providerId, agentId: row.agentId });
  }
  return out;
}

export function satisfactionUniverse(rows: readonly RatingAtomRow[]) {
  const atoms = new Map<string, Atom & { row: RatingAtomRow }>();
  const figures = new Map<string, FigureMeta & { atoms: string[] }>();
  for (const row of rows) {
    const key = atomKey(row);
    const existing = atoms.get(key);
    if (existing) throw new Error(`duplicate rating atom ${key}`);
    atoms.set(key, { raters: row.raters, row });
    for (const meta of figuresOfAtom(row)) {
      let figure = figures.get(meta.key);
      if (!figure) figures.set(meta.key, (figure = { ...meta, atoms: [] }));
      figure.atoms.push(key);
    }
  }
  const ordered = [...figures.values()].sort(
    (a, b) =>
      kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
      grainOrder[periodGrain(a.period)] - grainOrder[periodGrain(b.period)] ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return { atoms, figures: ordered };
}

/** Every figure of the universe with its numbers where it may be shown and nothing where it may not. */
export function releaseSatisfaction(rows: readonly RatingAtomRow[], minRaters: number): ReleasedFigure[] {
  const { atoms, figures } = satisfactionUniverse(rows);
  const released = releaseFigures({ atoms, figures: figures as CandidateFigure[], minRaters });
  return figures.map(({ atoms: members, ...meta }) => {
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
