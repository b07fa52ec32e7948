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

  contains(v: bigint[]): boolean {
    return this.reduce(v).every((x) => x === 0n);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}
