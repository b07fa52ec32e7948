import { checkFigures, type Change } from "./checked-release";
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
 * - agent: ratings of requests a department's agent had when rated (the head's agent table);
 * - type: ratings a department received for requests of one request type (time lost per type).
 * Where the rows carry a request type, the atom is also split by it (provider × requesting
 * department × agent × request type × month): every other figure is a union of such atoms, so
 * nothing about the others changes but the finer atoms the rules must protect.
 * Periods are months, quarters and years. Released all at once (no publication), coarse figures are
 * considered first, so when a figure has to go to protect another, the finer one goes; a publication
 * decides its month first, then its quarter and year (checkedRelease below).
 */
export type FigureKind = "org" | "provider" | "given" | "pair" | "agent" | "type";

export type RatingAtomRow = {
  providerId: string;
  requesterDepartmentId: string;
  /** The assignee when the rating was given; null when nobody was assigned. */
  agentId: string | null;
  /** The request's type; absent or null: atoms not split by type, and no type figures. */
  requestTypeId?: string | null;
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
  type: (providerId: string, requestTypeId: string, period: PeriodKey) => `type|${providerId}|${requestTypeId}|${period}`,
};

export type FigureMeta = {
  key: string;
  kind: FigureKind;
  period: PeriodKey;
  providerId: string | null;
  requesterDepartmentId: string | null;
  agentId: string | null;
  requestTypeId: string | null;
};

export type ReleasedFigure = FigureMeta &
  ({ shown: true; ratings: number; satisfied: number; scoreSum: number } | { shown: false });

/**
 * Coarse before fine. Pairs come before "given": a department's ratings given are the sum of its
 * pairs, so where every pair can be shown, so can the sum; the other way round, a shown sum of
 * small pairs would take every pair with it.
 */
const kindOrder: Record<FigureKind, number> = { org: 0, provider: 1, pair: 2, given: 3, agent: 4, type: 5 };
const grainOrder = { year: 0, quarter: 1, month: 2 } as const;

/** An atom's key; "provider" here is the provider and the request type ("P~T"), which every witness keeps. */
const keyOf = (providerId: string, requesterDepartmentId: string, agent: string, month: PeriodKey) => `${providerId}|${requesterDepartmentId}|${agent}|${month}`;
const typedProvider = (row: Pick<RatingAtomRow, "providerId" | "requestTypeId">) => (row.requestTypeId ? `${row.providerId}~${row.requestTypeId}` : row.providerId);
const atomKey = (row: RatingAtomRow) => keyOf(typedProvider(row), row.requesterDepartmentId, row.agentId ?? "-", row.month);

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
    // Squares stay inside one request type, so that they leave every type figure as it is too.
    const p = typedProvider(row);
    add(agentsOf, `${p}|${row.requesterDepartmentId}|${row.month}`, agent);
    add(requestersOf, `${p}|${agent}|${row.month}`, row.requesterDepartmentId);
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
  const add = (atom: string, key: string, kind: FigureKind, period: PeriodKey, providerId: string | null, requesterDepartmentId: string | null, agentId: string | null, requestTypeId: string | null = null) => {
    let figure = figures.get(key);
    if (!figure) {
      const rank = kindOrder[kind] * 3 + grainOrder[periodGrain(period)];
      figures.set(key, (figure = { key, kind, period, providerId, requesterDepartmentId, agentId, requestTypeId, atoms: [], rank }));
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
      if (row.requestTypeId) add(key, figureKey.type(p, row.requestTypeId, period), "type", period, p, null, null, row.requestTypeId);
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
  rule: "checked" | "witnesses" | "blocks" = "checked",
): ReleasedFigure[] {
  const context = publication ? new Set(monthsOf(publicationContext(publication.month))) : null;
  const rows = context ? allRows.filter((r) => context.has(r.month)) : allRows;
  const periods = publication ? new Set(periodsPublishedWith(publication.month)) : null;
  const universe = satisfactionUniverse(rows);
  const { atoms } = universe;
  const figures = periods ? universe.figures.filter((f) => periods.has(f.period)) : universe.figures;
  const known = publication ? universe.figures.filter((f) => publication.known.has(f.key)) : [];
  const released =
    publication && rule === "checked"
      ? checkedRelease(rows, universe, minRaters, publication)
      : releaseFigures({ atoms, figures: figures, known: known, minRaters, witnesses: rule === "blocks" ? undefined : squareWitnesses(rows) });
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

/**
 * A publication's release (the "checked" rule). The month's own figures first, by the block rule on
 * the month alone (no figure of another month shares an atom with them, so nothing earlier can
 * matter): that keeps nearly every department pair. Then each month "given" and agent the block rule
 * withheld, and every figure of the quarter and year the month publishes, one at a time by checked-release.ts,
 * against everything the year has shown. A "given" is a row of the requesting × providing table, so
 * its witnesses move a rating between two requesting departments of one provider (and agent) where
 * the two pairs and the other "given" are not shown; a quarter or year pair's also run round a
 * cycle of two requesting departments × two providers, which leaves every "given" as it is; an
 * agent's move a rating between two agents of the same pair; a request type's move a rating to
 * another type of the same provider, requesting department, agent and month. All but the last keep
 * the request type, and every change is kept only if it leaves every shown figure as it is.
 */
function checkedRelease(
  rows: readonly RatingAtomRow[],
  universe: ReturnType<typeof satisfactionUniverse>,
  minRaters: number,
  publication: { month: PeriodKey; known: ReadonlySet<string> },
): Set<string> {
  const { month } = publication;
  const monthRows = rows.filter((r) => r.month === month);
  const ofMonth = satisfactionUniverse(monthRows);
  const released = releaseFigures({
    atoms: ofMonth.atoms,
    figures: ofMonth.figures.filter((f) => f.period === month),
    minRaters,
    witnesses: squareWitnesses(monthRows),
  });

  // The context as small integers: atoms, their raters and figures.
  const figures = universe.figures;
  const figureIndex = new Map(figures.map((f, i) => [f.key, i]));
  const atomKeys = [...universe.atoms.keys()];
  const atomIndex = new Map(atomKeys.map((k, i) => [k, i]));
  const rowsOf = atomKeys.map((k) => universe.atoms.get(k)!.row);
  const raterIndex = new Map<string, number>();
  const atomRaters = rowsOf.map((row) => Int32Array.from(row.raters, (r) => raterIndex.get(r) ?? (raterIndex.set(r, raterIndex.size), raterIndex.size - 1)));
  const figureAtoms = figures.map((f) => Int32Array.from(f.atoms, (k) => atomIndex.get(k)!));
  const atomFigureLists: number[][] = atomKeys.map(() => []);
  figureAtoms.forEach((members, f) => members.forEach((a) => atomFigureLists[a]!.push(f)));
  const atomFigures = atomFigureLists.map((list) => Int32Array.from(list));
  const shown = new Uint8Array(figures.length);
  for (const [key, i] of figureIndex) if (publication.known.has(key) || released.has(key)) shown[i] = 1;

  // Neighbours of an atom, largest first (a witness through atoms of ≥ minRaters raters cannot be blocked).
  const bySize = (list: number[]) => list.sort((x, y) => atomRaters[y]!.length - atomRaters[x]!.length);
  const groups = (keyOf: (row: RatingAtomRow) => string) => {
    const map = new Map<string, number[]>();
    rowsOf.forEach((row, a) => {
      const key = keyOf(row);
      const list = map.get(key);
      if (list) list.push(a);
      else map.set(key, [a]);
    });
    for (const list of map.values()) bySize(list);
    return map;
  };
  // Moves between requesting departments or agents keep the request type (typedProvider), so they
  // leave type figures as they are; only a type figure's own moves change the type.
  const ofProvider = groups((row) => `${typedProvider(row)}|${row.month}`);
  const ofRequester = groups((row) => `${row.requesterDepartmentId}|${row.month}`);
  const ofPair = groups((row) => `${typedProvider(row)}|${row.requesterDepartmentId}|${row.month}`);
  const ofCell = groups((row) => `${row.providerId}|${row.requesterDepartmentId}|${row.agentId ?? "-"}|${row.month}`);

  const keyIn = (f: UniverseFigure, period: PeriodKey): string => {
    switch (f.kind) {
      case "org":
        return figureKey.org(period);
      case "provider":
        return figureKey.provider(f.providerId!, period);
      case "given":
        return figureKey.given(f.requesterDepartmentId!, period);
      case "pair":
        return figureKey.pair(f.requesterDepartmentId!, f.providerId!, period);
      case "agent":
        return figureKey.agent(f.providerId!, f.agentId!, period);
      case "type":
        return figureKey.type(f.providerId!, f.requestTypeId!, period);
    }
  };
  /** Shown, or empty (no ratings in the context: the figure is zero). */
  const shownOrEmpty = (key: string) => {
    const i = figureIndex.get(key);
    return i === undefined || shown[i] === 1;
  };
  /** The type figures of each provider and period. */
  const typesOf = new Map<string, number[]>();
  figures.forEach((f, i) => {
    if (f.kind !== "type") return;
    const list = typesOf.get(`${f.providerId}|${f.period}`);
    if (list) list.push(i);
    else typesOf.set(`${f.providerId}|${f.period}`, [i]);
  });
  // A figure is the sum of its months, of its quarters, and a "given" or provider of its pairs.
  const isSumOfShown = (i: number): boolean => {
    const f = figures[i]!;
    const grain = periodGrain(f.period);
    if (grain !== "month" && monthsOf(f.period).every((m) => shownOrEmpty(keyIn(f, m)))) return true;
    if (grain === "year" && [1, 2, 3, 4].every((q) => shownOrEmpty(keyIn(f, `${f.period}-Q${q}`)))) return true;
    // A type's figure is its provider's less every other type's.
    if (f.kind === "type") return shownOrEmpty(figureKey.provider(f.providerId!, f.period)) && (typesOf.get(`${f.providerId}|${f.period}`) ?? []).every((t) => t === i || shown[t] === 1);
    if (f.kind !== "given" && f.kind !== "provider") return false;
    for (const a of figureAtoms[i]!) {
      const row = rowsOf[a]!;
      if (!shownOrEmpty(figureKey.pair(row.requesterDepartmentId, row.providerId, f.period))) return false;
    }
    return true;
  };
  const hasEnoughRaters = (i: number): boolean => {
    const seen = new Set<number>();
    for (const a of figureAtoms[i]!)
      for (const r of atomRaters[a]!) if (seen.add(r).size >= minRaters) return true;
    return false;
  };
  // Each atom's month figures that a change of it moves besides the provider's and the organisation's.
  const monthFigure = (pick: (row: RatingAtomRow) => string | null) =>
    Int32Array.from(rowsOf, (row) => {
      const key = pick(row);
      return key === null ? -1 : (figureIndex.get(key) ?? -1);
    });
  const pairOf = monthFigure((row) => figureKey.pair(row.requesterDepartmentId, row.providerId, row.month));
  const givenOf = monthFigure((row) => figureKey.given(row.requesterDepartmentId, row.month));
  const agentOf = monthFigure((row) => (row.agentId ? figureKey.agent(row.providerId, row.agentId, row.month) : null));
  const hidden = (figure: number) => figure < 0 || shown[figure] === 0;
  const limit = 48;
  /** The changes that move figure f through its atom j of month m. */
  function* changesThrough(f: UniverseFigure, j: number, m: PeriodKey): Generator<Change> {
    const row = rowsOf[j]!;
    let taken = 0;
    if (f.kind === "type") {
      // Another request type of the same provider, requesting department, agent and month: only the type moves.
      for (const k of ofCell.get(`${row.providerId}|${row.requesterDepartmentId}|${row.agentId ?? "-"}|${m}`)!) {
        if (k === j) continue;
        yield [[j, 1], [k, -1]];
        if (++taken === limit) break;
      }
      return;
    }
    if (f.kind === "agent") {
      // Another agent (or nobody) of the same pair: only agents move.
      for (const k of ofPair.get(`${typedProvider(row)}|${row.requesterDepartmentId}|${m}`)!) {
        if (k === j || !hidden(agentOf[k]!)) continue;
        yield [[j, 1], [k, -1]];
        if (++taken === limit) break;
      }
      return;
    }
    // Another requesting department of the same provider whose pair (and "given") is hidden.
    for (const k of ofProvider.get(`${typedProvider(row)}|${m}`)!) {
      if (k === j || rowsOf[k]!.requesterDepartmentId === row.requesterDepartmentId || !hidden(pairOf[k]!) || !hidden(givenOf[k]!)) continue;
      if (rowsOf[k]!.agentId !== row.agentId && !(hidden(agentOf[k]!) && hidden(agentOf[j]!))) continue;
      yield [[j, 1], [k, -1]];
      if (++taken === limit) break;
    }
    if (f.kind !== "pair") return;
    // Round two requesting departments × two providers: every "given", provider and agent stays.
    const agent = row.agentId ?? "-";
    let cycles = 0;
    for (const k of ofProvider.get(`${typedProvider(row)}|${m}`)!) {
      const other = rowsOf[k]!;
      if (other.requesterDepartmentId === row.requesterDepartmentId || (other.agentId ?? "-") !== agent || !hidden(pairOf[k]!)) continue;
      for (const l of ofRequester.get(`${row.requesterDepartmentId}|${m}`)!) {
        const across = rowsOf[l]!;
        if (across.providerId === row.providerId || !hidden(pairOf[l]!)) continue;
        const corner = atomIndex.get(keyOf(typedProvider(across), other.requesterDepartmentId, across.agentId ?? "-", m));
        if (corner === undefined || !hidden(pairOf[corner]!)) continue;
        yield [[j, 1], [k, -1], [corner, 1], [l, -1]];
        if (++cycles === limit) break;
      }
      if (cycles === limit) break;
    }
  }
  /** Every atom's changes in turn, so that the witnesses gathered reach across as many atoms as there are. */
  function* changes(i: number): Generator<Change> {
    const f = figures[i]!;
    const through: Generator<Change>[] = [];
    for (const m of monthsOf(f.period)) {
      // A change inside month m moves the figure only through its month (and quarter) there.
      if (m !== f.period && shownOrEmpty(keyIn(f, m))) continue;
      if (periodGrain(f.period) === "year" && shownOrEmpty(keyIn(f, periodsOfMonth(m)[1]))) continue;
      // Only atoms whose own row of the table is hidden can move a "given".
      const inMonth = bySize([...figureAtoms[i]!].filter((a) => rowsOf[a]!.month === m && (f.kind !== "given" || hidden(pairOf[a]!)))).slice(0, 12);
      for (const j of inMonth) through.push(changesThrough(f, j, m));
    }
    while (through.length > 0) {
      for (let k = through.length - 1; k >= 0; k--) {
        const next = through[k]!.next();
        if (next.done) through.splice(k, 1);
        else yield next.value;
      }
    }
  }

  const periods = periodsPublishedWith(month);
  const candidates = figures
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => (f.period === month ? f.kind === "given" || f.kind === "agent" || f.kind === "type" : periods.includes(f.period)))
    .sort((x, y) => grainOrder[periodGrain(y.f.period)] - grainOrder[periodGrain(x.f.period)] || x.f.rank - y.f.rank)
    .map(({ i }) => i);
  for (const i of checkFigures({ universe: { atomRaters, atomFigures }, shown, candidates, minRaters, isSumOfShown, hasEnoughRaters, changes })) released.add(figures[i]!.key);
  return released;
}
