import { daysFromCivil, MS_PER_DAY, MS_PER_SECOND } from "./civil-date";

/** An offset change: from `at` (UTC ms) on, local time = UTC + `after` instead of UTC + `before`. */
export type Transition = { readonly at: number; readonly before: number; readonly after: number };

type Bucket = { readonly offset: number; readonly transitions: readonly Transition[] };

const BUCKET_MS = 64 * MS_PER_DAY;
// Transitions less than a day apart do not occur in the tz database for modern dates; sampling daily keeps
// the one-off Intl cost at ~64 calls per zone per 64 days.
const SAMPLE_MS = MS_PER_DAY;

/**
 * UTC offsets of one IANA zone, read from Intl once per 64-day bucket and then answered from memory:
 * Intl.DateTimeFormat costs microseconds per call, far too slow for the per-request hot path.
 */
export class ZoneOffsets {
  readonly timeZone: string;
  private readonly format: Intl.DateTimeFormat;
  private readonly buckets = new Map<number, Bucket>();
  private lastKey = Number.NaN;
  private lastBucket: Bucket | undefined;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  }

  /** Local time minus UTC, in ms, at instant `t`. */
  offsetAt(t: number): number {
    const bucket = this.bucket(Math.floor(t / BUCKET_MS));
    let offset = bucket.offset;
    for (const transition of bucket.transitions) {
      if (t < transition.at) break;
      offset = transition.after;
    }
    return offset;
  }

  /** Transitions with `from <= at < to`, in order. */
  transitionsBetween(from: number, to: number): Transition[] {
    const found: Transition[] = [];
    // A bucket lists transitions in (start, start + BUCKET_MS], so one at a bucket start sits in the previous one.
    const last = Math.floor(to / BUCKET_MS);
    for (let key = Math.floor(from / BUCKET_MS) - 1; key <= last; key++) {
      for (const transition of this.bucket(key).transitions) {
        if (transition.at >= from && transition.at < to) found.push(transition);
      }
    }
    return found;
  }

  private bucket(key: number): Bucket {
    if (key === this.lastKey && this.lastBucket) return this.lastBucket;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = this.scanBucket(key);
      this.buckets.set(key, bucket);
    }
    this.lastKey = key;
    this.lastBucket = bucket;
    return bucket;
  }

  private scanBucket(key: number): Bucket {
    const start = key * BUCKET_MS;
    const offset = this.intlOffset(start);
    const transitions: Transition[] = [];
    let previousTime = start;
    let previousOffset = offset;
    for (let time = start + SAMPLE_MS; time <= start + BUCKET_MS; time += SAMPLE_MS) {
      const current = this.intlOffset(time);
      if (current !== previousOffset) {
        transitions.push({ at: this.findTransition(previousTime, time, previousOffset), before: previousOffset, after: current });
      }
      previousTime = time;
      previousOffset = current;
    }
    return { offset, transitions };
  }

  /** First whole second in (low, high] whose offset differs from `lowOffset` (tz transitions fall on whole seconds). */
  private findTransition(low: number, high: number, lowOffset: number): number {
    let lo = low;
    let hi = high;
    while (hi - lo > MS_PER_SECOND) {
      const mid = lo + Math.floor((hi - lo) / (2 * MS_PER_SECOND)) * MS_PER_SECOND;
      if (this.intlOffset(mid) === lowOffset) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  private intlOffset(t: number): number {
    const wholeSeconds = Math.floor(t / MS_PER_SECOND) * MS_PER_SECOND;
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let beforeCommonEra = false;
    for (const part of this.format.formatToParts(wholeSeconds)) {
      switch (part.type) {
        case "era":
          beforeCommonEra = part.value === "BC" || part.value === "B";
          break;
        case "year":
          year = Number(part.value);
          break;
        case "month":
          month = Number(part.value);
          break;
        case "day":
          day = Number(part.value);
          break;
        case "hour":
          hour = Number(part.value) % 24;
          break;
        case "minute":
          minute = Number(part.value);
          break;
        case "second":
          second = Number(part.value);
          break;
      }
    }
    if (beforeCommonEra) year = 1 - year;
    const local = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * MS_PER_SECOND;
    return local - wholeSeconds;
  }
}

const zones = new Map<string, ZoneOffsets>();

/** Shared per zone name so that every calendar in the same zone reuses the same offset cache. */
export function zoneOffsets(timeZone: string): ZoneOffsets {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = new ZoneOffsets(timeZone);
    zones.set(timeZone, zone);
  }
  return zone;
}

const knownTimeZones = new Set<string>();

/** True when Intl knows the zone. Constructing an Intl.DateTimeFormat costs ~100 µs, so answers are remembered. */
export function isKnownTimeZone(timeZone: string): boolean {
  if (knownTimeZones.has(timeZone)) return true;
  if (timeZone.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    return false;
  }
  knownTimeZones.add(timeZone);
  return true;
}
