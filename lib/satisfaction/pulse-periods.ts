import { periodGrain, type PeriodKey } from "./figure-periods";

const pad = (n: number) => String(n).padStart(2, "0");

/** The period after a month or a quarter: the served period of a recurring survey's next round. */
export function followingPeriod(key: PeriodKey): PeriodKey {
  const grain = periodGrain(key);
  if (grain === "month") {
    const [y, m] = key.split("-").map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
  }
  if (grain === "quarter") {
    const [y, q] = key.split("-Q").map(Number) as [number, number];
    return q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}`;
  }
  throw new Error(`a pulse survey runs per month or quarter, not ${key}`);
}
