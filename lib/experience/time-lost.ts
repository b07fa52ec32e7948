/**
 * "How much working time did this cost you while it was open?": the answers a rating may give, and
 * the hours each stands for when time lost is added up (a bucket's middle, a day = 8 hours). Tenths
 * of an hour keep the published sums whole numbers.
 */
export const timeLostOptions = [
  { key: "none", label: "None", tenths: 0 },
  { key: "under_1h", label: "Under 1 hour", tenths: 5 },
  { key: "1_4h", label: "1–4 hours", tenths: 25 },
  { key: "day", label: "About a day", tenths: 80 },
  { key: "more_day", label: "More than a day", tenths: 160 },
] as const;

export type TimeLost = (typeof timeLostOptions)[number]["key"];
export const timeLostKeys = timeLostOptions.map((o) => o.key) as [TimeLost, ...TimeLost[]];

export const timeLostTenths = (key: string | null | undefined): number | null => timeLostOptions.find((o) => o.key === key)?.tenths ?? null;
export const timeLostLabel = (key: string | null | undefined): string | null => timeLostOptions.find((o) => o.key === key)?.label ?? null;

/** Hours, one decimal, from published tenths. */
export const hoursOf = (tenths: number) => Math.round(tenths) / 10;
