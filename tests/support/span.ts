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
 * Every group of atoms with 1..minRaters-1 distinct raters that lies in the span: what an observer
 * could isolate by adding and subtracting shown figures. All groups up to 12 atoms; beyond, every
 * group of up to 3 atoms (small groups are the dangerous ones) plus 4,096 pseudo-random ones.
 */
export function derivableSmallGroups(span: Span, raterSets: ReadonlySet<string>[], minRaters: number): number[][] {
  const n = raterSets.length;
  const found: number[][] = [];
  for (const subset of n <= 12 ? allSubsets(n) : sampleSubsets(n, 4096)) {
    const raters = new Set(subset.flatMap((i) => [...raterSets[i]!]));
    if (raters.size === 0 || raters.size >= minRaters) continue;
    if (span.contains(indicator(n, subset))) found.push(subset);
  }
  return found;
}

function allSubsets(n: number): number[][] {
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << n; mask++) out.push([...Array(n).keys()].filter((i) => mask & (1 << i)));
  return out;
}

function sampleSubsets(n: number, count: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    out.push([i]);
    for (let j = i + 1; j < n; j++) {
      out.push([i, j]);
      for (let k = j + 1; k < n; k++) out.push([i, j, k]);
    }
  }
  let seed = n * 7919;
  for (let c = 0; c < count; c++) {
    const subset: number[] = [];
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      if (seed % 3 === 0) subset.push(i);
    }
    if (subset.length) out.push(subset);
  }
  return out;
}
