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
 * query, so that two views cannot be combined outside the set whose safety was checked. Over time,
 * figures already shown are `known`: they are taken as seen before any candidate is considered and
 * are never taken back, so a later release can only add to what an observer holds.
 */

export type Atom = {
  /** Distinct people who gave the ratings in this atom (ids never leave lib/). */
  raters: readonly string[];
};

export type CandidateFigure = { key: string; atoms: readonly string[] };

type Block = { raters: Map<number, number>; size: number; inShownFigure: boolean };

/** Whether a block's rater count may stand on its own. */
const passes = (block: Block, minRaters: number) => !block.inShownFigure || block.raters.size === 0 || block.raters.size >= minRaters;

function addRaters(block: Block, raters: Int32Array, sign: 1 | -1) {
  for (const r of raters) {
    const n = (block.raters.get(r) ?? 0) + sign;
    if (n === 0) block.raters.delete(r);
    else block.raters.set(r, n);
  }
  block.size += sign;
}

/**
 * Returns the keys of the candidate figures that may be shown. Atoms a figure names but `atoms` lacks
 * are empty (no ratings) and do not matter. `known` figures (shown in earlier releases) split the
 * blocks first, unconditionally: they are already in the observer's hands.
 */
export function releaseFigures(options: {
  atoms: ReadonlyMap<string, Atom>;
  figures: readonly CandidateFigure[];
  minRaters: number;
  known?: readonly CandidateFigure[];
}): Set<string> {
  const { minRaters } = options;
  // Atoms and raters as small integers: the release touches every atom once per figure it is in.
  const atomIndex = new Map<string, number>();
  const raterIndex = new Map<string, number>();
  const atomRaters: Int32Array[] = [];
  for (const [key, atom] of options.atoms) {
    atomIndex.set(key, atomRaters.length);
    atomRaters.push(Int32Array.from(atom.raters, (r) => raterIndex.get(r) ?? (raterIndex.set(r, raterIndex.size), raterIndex.size - 1)));
  }
  // Every atom starts in the block of atoms in no shown figure.
  const blocks: Block[] = [{ raters: new Map(), size: 0, inShownFigure: false }];
  const blockOf = new Int32Array(atomRaters.length);
  for (const raters of atomRaters) addRaters(blocks[0]!, raters, 1);
  const seenIn = new Int32Array(atomRaters.length).fill(-1);

  const known = options.known ?? [];
  const all = [...known, ...options.figures];
  const released = new Set<string>();
  for (let f = 0; f < all.length; f++) {
    const figure = all[f]!;
    // Split every block the figure touches into "inside the figure" and "outside it".
    const splitOf = new Map<number, number>();
    const moved: number[] = [];
    for (const key of figure.atoms) {
      const a = atomIndex.get(key);
      if (a === undefined || seenIn[a] === f) continue;
      seenIn[a] = f;
      const from = blockOf[a]!;
      let to = splitOf.get(from);
      if (to === undefined) {
        to = blocks.length;
        blocks.push({ raters: new Map(), size: 0, inShownFigure: true });
        splitOf.set(from, to);
      }
      addRaters(blocks[from]!, atomRaters[a]!, -1);
      addRaters(blocks[to]!, atomRaters[a]!, 1);
      blockOf[a] = to;
      moved.push(a, from);
    }
    if (f < known.length) continue;
    const ok = [...splitOf].every(([from, to]) => passes(blocks[to]!, minRaters) && (blocks[from]!.size === 0 || passes(blocks[from]!, minRaters)));
    if (ok) {
      released.add(figure.key);
      continue;
    }
    for (let i = 0; i < moved.length; i += 2) {
      const a = moved[i]!;
      const from = moved[i + 1]!;
      addRaters(blocks[blockOf[a]!]!, atomRaters[a]!, -1);
      addRaters(blocks[from]!, atomRaters[a]!, 1);
      blockOf[a] = from;
    }
    blocks.length -= splitOf.size;
  }
  return released;
}
