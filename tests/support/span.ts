/**
 * Row echelon form over the integers (exact): "is this group of atoms a combination of the shown
 * figures?", for the anonymity property tests.
 */
export class Span {
  private pivots: { col: number; row: bigint[] }[] = [];

  private reduce(v: bigint[]): bigint[] {
    let out = v.slice();
    for (const { col, row } of this.pivots) {
      const f = out[col]!;
      if (f === 0n) continue;
      const p = row[col]!;
      out = out.map((x, i) => x * p - row[i]! * f);
      const g = out.reduce((a, b) => gcd(a, b < 0n ? -b : b), 0n);
      if (g > 1n) out = out.map((x) => x / g);
    }
    return out;
  }

  add(v: bigint[]) {
    const r = this.reduce(v);
    const col = r.findIndex((x) => x !== 0n);
    if (col >= 0) this.pivots.push({ col, row: r });
  }

  /** The dimension of the span. */
  rank(): number {
    return this.pivots.length;
  }

  contains(v: bigint[]): boolean {
    return this.reduce(v).every((x) => x === 0n);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The 0/1 vector of a set of atoms. */
export const indicator = (width: number, atoms: Iterable<number>): bigint[] => {
  const v = Array.from({ length: width }, () => 0n);
  for (const i of atoms) v[i] = 1n;
  return v;
};

/**
 * Sets of fewer than `minRaters` of `people` whose ratings alone some combination of the shown
 * figures depends on: P such that a nonzero vector of the span is zero outside the atoms only P rated
 * (`raterSets[i]`: the raters of atom i). Exhaustive over every such P. A group of atoms isolated by
 * adding and subtracting figures is one such vector; so is a difference of two small groups.
 */
export function smallDependencies(shown: readonly bigint[][], raterSets: readonly ReadonlySet<string>[], people: readonly string[], minRaters: number): string[][] {
  const full = new Span();
  for (const v of shown) full.add(v);
  const rank = full.rank();
  const found: string[][] = [];
  for (const group of subsetsUpTo(people, minRaters - 1)) {
    const inside = raterSets.map((raters) => raters.size > 0 && [...raters].every((r) => group.includes(r)));
    if (!inside.some(Boolean)) continue;
    // Zero the group's atoms: if the rank drops, some combination lives on them alone.
    const outside = new Span();
    for (const v of shown) outside.add(v.map((x, i) => (inside[i] ? 0n : x)));
    if (outside.rank() < rank) found.push(group);
  }
  return found;
}

function subsetsUpTo<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  const walk = (start: number, current: T[]) => {
    if (current.length) out.push(current);
    if (current.length === size) return;
    for (let i = start; i < items.length; i++) walk(i + 1, [...current, items[i]!]);
  };
  walk(0, []);
  return out;
}
