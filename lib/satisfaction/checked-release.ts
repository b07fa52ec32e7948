import { canBlockAll } from "./disclosure";

/**
 * Adding one figure at a time to what is already shown, each checked on its own against everything
 * shown before it (DESIGN: anonymity). Pure: no database, no clock. satisfaction-universe.ts uses it
 * for a month's "given" and agents the block rule (disclosure.ts) withheld, after that rule has
 * decided the month on its own, and for every quarter and year figure.
 *
 * The guarantee is the one of disclosure.ts: no nonzero combination of shown figures depends only on
 * the atoms A(P) that fewer than `minRaters` people P alone rated. Suppose it holds for the shown set
 * M (nothing shown holds it trivially). A new figure F breaks it only through some u = F + v with v a
 * combination of M and u zero outside A(P). Take any change z of atom values that leaves every figure
 * of M as it is (v·z = 0), moves F (F·z ≠ 0) and is zero on A(P): then u·z = F·z ≠ 0, yet u·z = 0
 * because u lives on A(P) and z is zero there. So F may join M if, for every such P, one of its
 * witnesses z avoids A(P) altogether; P "blocks" z when it holds every rater of one of z's atoms,
 * and whether some P blocks them all is decided by the same exact search as disclosure.ts's. A
 * figure that is the sum of shown figures adds nothing and is shown without a witness.
 *
 * Unlike the block rule, nothing has to be re-checked when a later figure is shown: a witness is
 * only needed at the moment its figure joins M, and each later figure is checked against all of M.
 */
export type CheckUniverse = {
  /** Per atom, its raters as small integers. */
  atomRaters: readonly Int32Array[];
  /** Per atom, the figures it is in. */
  atomFigures: readonly Int32Array[];
};

/** A change of atom values: +1 or −1 on each of a few atoms. */
export type Change = readonly (readonly [atom: number, sign: 1 | -1])[];

export function checkFigures(options: {
  universe: CheckUniverse;
  /** Shown figures (earlier publications and this one so far); figures accepted here are added. */
  shown: Uint8Array;
  /** In the order they are decided. */
  candidates: readonly number[];
  minRaters: number;
  /** Whether the figure is a sum of shown figures. */
  isSumOfShown: (figure: number) => boolean;
  /** The figure's raters (distinct) reach the threshold. */
  hasEnoughRaters: (figure: number) => boolean;
  /** Changes that may move the figure: each is kept only if it really leaves every shown figure as it is. */
  changes: (figure: number) => Iterable<Change>;
  /** Witnesses gathered per figure before the search (more only cost time). */
  maxWitnesses?: number;
}): number[] {
  const { universe, shown, minRaters } = options;
  const maxWitnesses = options.maxWitnesses ?? 48;
  const net = new Int32Array(options.shown.length);
  const touched: number[] = [];

  /** Whether z leaves every shown figure unchanged and moves `figure`. */
  const isWitness = (z: Change, figure: number): boolean => {
    for (const [atom, sign] of z) {
      for (const f of universe.atomFigures[atom]!) {
        if (net[f] === 0) touched.push(f);
        net[f] = net[f]! + sign;
      }
    }
    let ok = net[figure] !== 0;
    for (const f of touched) {
      if (net[f] !== 0 && shown[f]) ok = false;
      net[f] = 0;
    }
    touched.length = 0;
    return ok;
  };

  const accepted: number[] = [];
  for (const figure of options.candidates) {
    if (shown[figure]) continue;
    let show = options.isSumOfShown(figure);
    if (!show && options.hasEnoughRaters(figure)) {
      // What blocking each witness takes: all the raters of one of its small atoms.
      const witnesses: Int32Array[][] = [];
      for (const z of options.changes(figure)) {
        if (!isWitness(z, figure)) continue;
        const small = z.map(([atom]) => universe.atomRaters[atom]!).filter((raters) => raters.length < minRaters);
        if (small.length === 0) {
          witnesses.length = 0;
          show = true;
          break;
        }
        witnesses.push(small);
        if (witnesses.length >= maxWitnesses) break;
      }
      if (!show && witnesses.length > 0) show = !canBlockAll(witnesses, minRaters - 1, new Set());
    }
    if (show) {
      shown[figure] = 1;
      accepted.push(figure);
    }
  }
  return accepted;
}
