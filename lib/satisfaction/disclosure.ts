/**
 * Which satisfaction figures may be shown without exposing a small group of raters, even to someone
 * who combines every figure every view, filter, period and export offers, over time (DESIGN:
 * anonymity, "suppress the complement"). Pure: no database, no clock.
 *
 * Ratings are grouped into atoms (the finest cells any figure is built from, e.g. one providing
 * department × requesting department × agent × month). A figure is a sum over a set of atoms. An
 * observer who sees figures F1..Fn can compute any linear combination of them.
 *
 * The guarantee: no nonzero combination of shown figures depends only on the ratings of fewer than
 * `minRaters` people. (So no group of 1..minRaters-1 raters can be isolated, nor a difference between
 * two such groups.)
 *
 * Why it holds. Let P be fewer than `minRaters` people and A(P) the atoms only they rated. A
 * combination u that lives on A(P) alone is orthogonal to every "witness": a change z of atom values
 * that leaves every shown figure as it is (for any shown figure F, the sum of z over F's atoms is 0).
 * If for an atom j in A(P) there is a witness with z_j = 1 that is zero on the rest of A(P), then
 * u_j = u·z = 0. So it suffices that every atom j in a shown figure is *protected*: for every such P
 * containing j's raters, it has a witness avoiding A(P) \ {j}. Two kinds of witness are used:
 * - twins: atoms in exactly the same shown figures (same block, below): z = e_j − e_i;
 * - structural witnesses the caller knows to leave every possible figure unchanged, whatever is
 *   shown (for satisfaction figures: moving one rating across a 2 × 2 square of requesting
 *   departments × agents of one provider in one month, satisfaction-universe.ts).
 * P blocks a witness when it contains every rater of one of the witness's other atoms. An atom is
 * protected when no set of at most minRaters − 1 − |raters(j)| people besides its own raters blocks
 * all its witnesses: decided by an exact search, at most that many steps deep. A block of atoms with
 * at least `minRaters` distinct raters protects all its atoms through twins alone (this was the whole
 * rule until 2026-12: every block in a shown figure had 0 or ≥ minRaters raters).
 *
 * `releaseFigures` considers candidate figures in the given order (coarse ones first) and shows a
 * figure only if, with it, every atom of every block it splits is still protected; otherwise the
 * figure is withheld, figure and counts. The release must be computed over the whole universe of
 * figures any view can show, never per query. Over time, figures already shown are `known`: they are
 * taken as seen before any candidate is considered and are never taken back, so a later release can
 * only add to what an observer holds. A publication uses it for its month's figures and adds the rest
 * one figure at a time (checked-release.ts, which proves the same guarantee another way).
 */

export type Atom = {
  /** Distinct people who gave the ratings in this atom (ids never leave lib/). */
  raters: readonly string[];
};

export type CandidateFigure = { key: string; atoms: readonly string[] };

/**
 * Structural witnesses of an atom: each is the list of the OTHER atoms of a change that, with +1 on
 * the atom itself, leaves every figure of the universe unchanged (whatever is shown). Only atoms that
 * exist (have ratings) may appear.
 */
export type WitnessesOf = (atom: string) => readonly (readonly string[])[];

/**
 * Whether at most `budget` people (besides those in `chosen`) can block every witness, a witness being
 * blocked when `chosen` holds every person of one of its entries: an exact search (to block the first
 * open witness, take all the people of one of its entries), at most `budget` deep since each step
 * takes someone new.
 */
export function canBlockAll(witnesses: readonly (readonly Int32Array[])[], budget: number, chosen: Set<number>): boolean {
  const open = witnesses.find((w) => !w.some((extra) => extra.every((r) => chosen.has(r))));
  if (!open) return true;
  for (const extra of open) {
    const added = extra.filter((r) => !chosen.has(r));
    if (chosen.size + added.length > budget) continue;
    for (const r of added) chosen.add(r);
    const blocked = canBlockAll(witnesses, budget, chosen);
    for (const r of added) chosen.delete(r);
    if (blocked) return true;
  }
  return false;
}

type Block = { raters: Map<number, number>; members: Set<number>; inShownFigure: boolean };

function addAtom(block: Block, atom: number, raters: Int32Array, sign: 1 | -1) {
  for (const r of raters) {
    const n = (block.raters.get(r) ?? 0) + sign;
    if (n === 0) block.raters.delete(r);
    else block.raters.set(r, n);
  }
  if (sign === 1) block.members.add(atom);
  else block.members.delete(atom);
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
  witnesses?: WitnessesOf;
}): Set<string> {
  const { minRaters } = options;
  // Atoms and raters as small integers: the release touches every atom once per figure it is in.
  const atomIndex = new Map<string, number>();
  const atomKeys: string[] = [];
  const raterIndex = new Map<string, number>();
  const atomRaters: Int32Array[] = [];
  for (const [key, atom] of options.atoms) {
    atomIndex.set(key, atomRaters.length);
    atomKeys.push(key);
    atomRaters.push(Int32Array.from(atom.raters, (r) => raterIndex.get(r) ?? (raterIndex.set(r, raterIndex.size), raterIndex.size - 1)));
  }

  // A witness of atom j, as what blocking it takes: for each of its other atoms, the people of that
  // atom besides j's own raters (P blocks the witness by containing all of them for one atom). A
  // witness with an atom rated only by j's raters can always be blocked: dropped.
  const extraOf = (i: number, own: Int32Array) => atomRaters[i]!.filter((r) => !own.includes(r));
  const structural = new Map<number, Int32Array[][]>();
  const structuralOf = (j: number): Int32Array[][] => {
    let list = structural.get(j);
    if (list) return list;
    list = [];
    const own = atomRaters[j]!;
    for (const others of options.witnesses?.(atomKeys[j]!) ?? []) {
      const witness: Int32Array[] = [];
      for (const key of others) {
        const i = atomIndex.get(key);
        const extra = i === undefined ? null : extraOf(i, own);
        if (!extra || extra.length === 0) break;
        witness.push(extra);
      }
      if (witness.length === others.length) list.push(witness);
    }
    structural.set(j, list);
    return list;
  };

  /** Whether atom j, in a block of fewer than minRaters raters, is protected (see the module comment). */
  const alwaysProtected = new Map<number, boolean>();
  const isProtected = (j: number, block: Block): boolean => {
    const own = atomRaters[j]!;
    const budget = minRaters - 1 - own.length;
    if (budget < 0) return true;
    // Structural witnesses do not depend on what is shown: protected by them once, protected always.
    let always = alwaysProtected.get(j);
    if (always === undefined) alwaysProtected.set(j, (always = !canBlockAll(structuralOf(j), budget, new Set())));
    if (always) return true;
    const twins: Int32Array[][] = [];
    for (const i of block.members) {
      if (i === j) continue;
      const extra = extraOf(i, own);
      if (extra.length > 0) twins.push([extra]);
    }
    return !canBlockAll([...twins, ...structuralOf(j)], budget, new Set());
  };

  /** A block may stand: in no shown figure, empty, large enough, or every atom of it protected. */
  const passes = (block: Block) => {
    if (!block.inShownFigure || block.members.size === 0 || block.raters.size >= minRaters) return true;
    for (const j of block.members) if (!isProtected(j, block)) return false;
    return true;
  };

  // Every atom starts in the block of atoms in no shown figure.
  const blocks: Block[] = [{ raters: new Map(), members: new Set(), inShownFigure: false }];
  const blockOf = new Int32Array(atomRaters.length);
  atomRaters.forEach((raters, a) => addAtom(blocks[0]!, a, raters, 1));
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
        blocks.push({ raters: new Map(), members: new Set(), inShownFigure: true });
        splitOf.set(from, to);
      }
      addAtom(blocks[from]!, a, atomRaters[a]!, -1);
      addAtom(blocks[to]!, a, atomRaters[a]!, 1);
      blockOf[a] = to;
      moved.push(a, from);
    }
    if (f < known.length) continue;
    const ok = [...splitOf].every(([from, to]) => passes(blocks[to]!) && passes(blocks[from]!));
    if (ok) {
      released.add(figure.key);
      continue;
    }
    for (let i = 0; i < moved.length; i += 2) {
      const a = moved[i]!;
      const from = moved[i + 1]!;
      addAtom(blocks[blockOf[a]!]!, a, atomRaters[a]!, -1);
      addAtom(blocks[from]!, a, atomRaters[a]!, 1);
      blockOf[a] = from;
    }
    blocks.length -= splitOf.size;
  }
  return released;
}
