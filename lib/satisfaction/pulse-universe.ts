import { releaseFigures, type Atom } from "./disclosure";
import type { StoredFigure } from "./satisfaction-value";

/**
 * Every pulse-survey figure any view can show, and which of them may be shown (DESIGN: anonymity,
 * "suppress the complement"). Pure: lib/satisfaction/read-pulse-results.ts feeds it the answers
 * grouped by atom; the property tests feed it generated organisations. Pulse answers are a universe
 * of their own: no view combines them with request ratings.
 *
 * An atom is one round × respondent department × rated department. The figures, per round:
 * - round: every answer of the round (the survey's response count);
 * - received: answers about a rated department (its head, HR);
 * - given: answers by a respondent department's people (HR);
 * - pair: a respondent department's answers about a rated department (HR; the rated department's head).
 * Coarse figures are considered first, so when a figure has to go to protect another, the finer one goes.
 */
export type PulseFigureKind = "round" | "received" | "given" | "pair";

export type PulseAtomRow = {
  roundId: string;
  respondentDepartmentId: string;
  ratedDepartmentId: string;
  /** Distinct respondents (ids never leave lib/). */
  raters: readonly string[];
  responses: number;
  /** Answers of 4 or 5. */
  satisfied: number;
  scoreSum: number;
};

export const pulseFigureKey = {
  round: (roundId: string) => `round|${roundId}`,
  received: (ratedDepartmentId: string, roundId: string) => `received|${ratedDepartmentId}|${roundId}`,
  given: (respondentDepartmentId: string, roundId: string) => `given|${respondentDepartmentId}|${roundId}`,
  pair: (respondentDepartmentId: string, ratedDepartmentId: string, roundId: string) => `pair|${respondentDepartmentId}|${ratedDepartmentId}|${roundId}`,
};

const kindOrder: PulseFigureKind[] = ["round", "received", "given", "pair"];

const atomKey = (row: PulseAtomRow) => `${row.roundId}|${row.respondentDepartmentId}|${row.ratedDepartmentId}`;

function figuresOfAtom(row: PulseAtomRow): { key: string; kind: PulseFigureKind }[] {
  return [
    { kind: "round", key: pulseFigureKey.round(row.roundId) },
    { kind: "received", key: pulseFigureKey.received(row.ratedDepartmentId, row.roundId) },
    { kind: "given", key: pulseFigureKey.given(row.respondentDepartmentId, row.roundId) },
    { kind: "pair", key: pulseFigureKey.pair(row.respondentDepartmentId, row.ratedDepartmentId, row.roundId) },
  ];
}

export function pulseUniverse(rows: readonly PulseAtomRow[]) {
  const atoms = new Map<string, Atom & { row: PulseAtomRow }>();
  const figures = new Map<string, { key: string; kind: PulseFigureKind; atoms: string[] }>();
  for (const row of rows) {
    const key = atomKey(row);
    if (atoms.has(key)) throw new Error(`duplicate pulse atom ${key}`);
    atoms.set(key, { raters: row.raters, row });
    for (const meta of figuresOfAtom(row)) {
      let figure = figures.get(meta.key);
      if (!figure) figures.set(meta.key, (figure = { ...meta, atoms: [] }));
      figure.atoms.push(key);
    }
  }
  const ordered = [...figures.values()].sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { atoms, figures: ordered };
}

/** Every figure of the universe by key: its numbers where it may be shown, nothing where it may not. */
export function releasePulse(rows: readonly PulseAtomRow[], minRaters: number): Map<string, StoredFigure> {
  const { atoms, figures } = pulseUniverse(rows);
  const released = releaseFigures({ atoms, figures: figures, minRaters });
  const out = new Map<string, StoredFigure>();
  for (const figure of figures) {
    if (!released.has(figure.key)) {
      out.set(figure.key, { shown: false });
      continue;
    }
    let ratings = 0;
    let satisfied = 0;
    let scoreSum = 0;
    for (const key of figure.atoms) {
      const { row } = atoms.get(key)!;
      ratings += row.responses;
      satisfied += row.satisfied;
      scoreSum += row.scoreSum;
    }
    out.set(figure.key, { shown: true, ratings, satisfied, scoreSum });
  }
  return out;
}
