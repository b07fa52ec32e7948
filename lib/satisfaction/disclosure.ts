/**
 * Which satisfaction figures may be shown without exposing a small group of raters, even to someone
 * who combines every figure every view, filter, period and export offers (DESIGN: anonymity,
 * "suppress the complement"). Pure: no database, no clock.
 *
 * Ratings are grouped into atoms (the finest cells any figure is built from, e.g. one providing
 * department × requesting department × agent × month). A figure is a sum over a set of atoms. An
 * observer who sees figures F1..Fn can compute any linear combination of them, and so the aggregate of
 * any set of atoms whose indicator lies in their span.
 *
 * The rule: group the atoms by signature, the set of shown figures that contain them. Every
 * linear combination of shown figures is constant on each such block, so every group an observer can
 * isolate is a union of whole blocks (an atom outside every shown figure is in no combination at all).
 * If every block that belongs to at least one shown figure has zero raters or at least `minRaters`
 * distinct raters, no group of 1..minRaters-1 raters can be isolated. `releaseFigures` keeps that
 * invariant: it considers candidate figures in the given order (coarse ones first) and shows a figure
 * only if, with it, every block still passes; otherwise the figure is suppressed — figure and counts.
 *
 * The release must be computed once over the whole universe of figures any view can show, never per
 * query, so that two views cannot be combined outside the set whose safety was checked.
 */

export type Atom = {
  /** Distinct people who gave the ratings in this atom (ids never leave lib/). */
  raters: readonly string[];
};

export type CandidateFigure = { key: string; atoms: readonly string[] };

type Block = { id: number; raters: Map<string, number>; size: number; inShownFigure: boolean };

/** Whether a block's rater count may stand on its own. */
const passes = (block: Block, minRaters: number) => !block.inShownFigure || block.raters.size === 0 || block.raters.size >= minRaters;

function addRaters(block: Block, raters: readonly string[], sign: 1 | -1) {
  for (const r of raters) {
    const n = (block.raters.get(r) ?? 0) + sign;
    if (n === 0) block.raters.delete(r);
    else block.raters.set(r, n);
  }
  block.size += sign;
}

/**
 * Returns the keys of the figures that may be shown. Atoms a figure names but `atoms` lacks are
 * empty (no ratings) and do not matter. A figure with no ratings at all is always released: that
 * nobody rated reveals no one's rating.
 */
export function releaseFigures(options: { atoms: ReadonlyMap<string, Atom>; figures: readonly CandidateFigure[]; minRaters: number }): Set<string> {
  const { atoms, minRaters } = options;
  let nextId = 0;
  const newBlock = (inShownFigure: boolean): Block => ({ id: nextId++, raters: new Map(), size: 0, inShownFigure });
  // Every atom starts in the block of atoms in no shown figure.
  const unseen = newBlock(false);
  const blockOf = new Map<string, Block>();
  for (const [key, atom] of atoms) {
    blockOf.set(key, unseen);
    addRaters(unseen, atom.raters, 1);
  }

  const released = new Set<string>();
  for (const figure of options.figures) {
    const present = [...new Set(figure.atoms)].filter((a) => atoms.has(a));
    if (present.length === 0) {
      released.add(figure.key);
      continue;
    }
    // Split every block the figure touches into "inside the figure" and "outside it".
    const splitOf = new Map<Block, Block>();
    const moves: { atom: string; from: Block; to: Block }[] = [];
    for (const key of present) {
      const from = blockOf.get(key)!;
      let to = splitOf.get(from);
      if (!to) splitOf.set(from, (to = newBlock(true)));
      const raters = atoms.get(key)!.raters;
      addRaters(from, raters, -1);
      addRaters(to, raters, 1);
      blockOf.set(key, to);
      moves.push({ atom: key, from, to });
    }
    const ok = [...splitOf].every(([from, to]) => passes(to, minRaters) && (from.size === 0 || passes(from, minRaters)));
    if (ok) {
      released.add(figure.key);
      continue;
    }
    for (const { atom, from, to } of moves) {
      const raters = atoms.get(atom)!.raters;
      addRaters(to, raters, -1);
      addRaters(from, raters, 1);
      blockOf.set(atom, from);
    }
  }
  return released;
}
