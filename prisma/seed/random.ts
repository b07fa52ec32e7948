// The demo's randomness: a seeded generator, so that every machine gets the same organisation.

/** mulberry32: small, fast, and the same on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rand {
  constructor(readonly next: () => number) {}
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("demo seed: pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  /** Between min and max distinct items, in random order. */
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const pool = [...items];
    const n = Math.min(pool.length, this.int(min, max));
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
    return out;
  }
}

/** Ids in the shape of Prisma's cuid() default: "c" and 24 base-36 characters. */
export function idMaker(random: () => number) {
  const seen = new Set<string>();
  return () => {
    for (;;) {
      let id = "c";
      for (let i = 0; i < 24; i++) id += Math.floor(random() * 36).toString(36);
      if (!seen.has(id)) {
        seen.add(id);
        return id;
      }
    }
  };
}


/** A UUID in the shape of Postgres' gen_random_uuid() (PulseRound and SlaNotice ids), from the seeded generator. */
export function uuid(r: Rand): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(r.next() * 16).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(r.next() * 4)]}${hex(3)}-${hex(12)}`;
}
