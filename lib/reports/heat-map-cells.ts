import type { ExperienceFlag } from "@/lib/experience/watermelon";
import type { SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import type { HeatMeasure } from "@/lib/validation/organisation";
import { compliance, type Compliance } from "./compliance";

/**
 * One department pair as the heat map ships it to the browser, short because 50 departments make
 * 2,500 of them: 0 when nothing was filed or decided and satisfaction is withheld; otherwise
 * [filed, first-response met, breached, resolution met, breached, ...satisfaction], satisfaction
 * being nothing (withheld), [-1] (pending) or [ratings, satisfied, percent, mean, flag] (shown; flag
 * is the experience-vs-SLA flag's index in `flagCodes`).
 */
export type PackedCell = 0 | number[];

export type HeatMapData = {
  /** [key, name] of the requesting departments (rows) and the providing ones (columns). */
  rows: [string, string][];
  cols: [string, string][];
  /** Row by row: rows.length × cols.length cells. */
  cells: PackedCell[];
  /** When a pending figure will be published (ISO), null when no figure of the map is pending; the organisation's zone it is a date of. */
  publishesAt: string | null;
  timeZone?: string;
};

export type HeatCell = { filed: number; firstResponse: Compliance; resolution: Compliance; satisfaction: SatisfactionValue; flag: ExperienceFlag };

export const flagCodes: readonly ExperienceFlag[] = ["unknown", "aligned", "watermelon", "hidden_gem"];

// Every pending cell of a map has the same publication instant: one Date for all of them, not one per cell.
let lastPublishesAt: { iso: string | null; date: Date } | null = null;
const publicationDate = (iso: string | null): Date => {
  if (lastPublishesAt?.iso !== iso) lastPublishesAt = { iso, date: new Date(iso ?? 0) };
  return lastPublishesAt.date;
};

export function unpackCell(cell: PackedCell, publishesAt: string | null, timeZone?: string): HeatCell {
  const [filed = 0, frMet = 0, frBreached = 0, resMet = 0, resBreached = 0, ratings, satisfied = 0, percent = 0, mean = 0, flag = 0] = cell === 0 ? [] : cell;
  const satisfaction: SatisfactionValue =
    ratings === undefined
      ? { state: "withheld" }
      : ratings === -1
        ? { state: "pending", publishesAt: publicationDate(publishesAt), ...(timeZone ? { timeZone } : {}) }
        : { state: "shown", ratings, satisfied, percent, mean };
  return { filed, firstResponse: compliance(frMet, frBreached), resolution: compliance(resMet, resBreached), satisfaction, flag: satisfaction.state === "shown" ? (flagCodes[flag] ?? "unknown") : "unknown" };
}

/**
 * What a cell shows for a measure: its number, "w" (satisfaction withheld), "p" (satisfaction not
 * published yet), or null (nothing filed or decided).
 */
export type ShownValue = number | "w" | "p" | null;

export function shownOf(cell: HeatCell, measure: HeatMeasure): ShownValue {
  if (measure === "csat" || measure === "experience") {
    if (cell.satisfaction.state === "withheld") return "w";
    if (cell.satisfaction.state === "pending") return "p";
  }
  return measureOf(cell, measure);
}

/**
 * The heat map as the page first sends it: the departments and, per cell, only what the chosen
 * measure shows, one string (values joined by ","; "" for none): at 50 departments a few kB where the
 * packed figures of every measure are 50–90 kB. The browser asks for the figures (`HeatMapData`,
 * from /insights/organisation/heat) when someone reaches for the map: a cell's details, another measure.
 */
export type HeatMapFirstView = Omit<HeatMapData, "cells"> & { measure: HeatMeasure; shown: string; maxVolume: number };

export function firstView(data: HeatMapData, measure: HeatMeasure): HeatMapFirstView {
  const cells = data.cells.map((c) => unpackCell(c, data.publishesAt, data.timeZone));
  const { cells: _, ...rest } = data;
  return { ...rest, measure, shown: cells.map((c) => shownOf(c, measure) ?? "").join(","), maxVolume: maxVolumeOf(cells) };
}

export function parseShown(shown: string): ShownValue[] {
  return shown.split(",").map((v) => (v === "" ? null : v === "w" || v === "p" ? v : Number(v)));
}

export const maxVolumeOf = (cells: HeatCell[]): number => cells.reduce((m, c) => Math.max(m, c.filed), 0);

/** Experience vs SLA as a number to colour by: watermelon 0, agreeing 1, hidden gem 2; none without both. */
const flagValue: Record<ExperienceFlag, number | null> = { watermelon: 0, aligned: 1, hidden_gem: 2, unknown: null };

/** The one number a cell shows for a measure; null when there is none (nothing decided, withheld, pending). */
export function measureOf(cell: HeatCell, measure: HeatMeasure): number | null {
  switch (measure) {
    case "volume":
      return cell.filed === 0 ? null : cell.filed;
    case "firstResponse":
      return cell.firstResponse.percent;
    case "resolution":
      return cell.resolution.percent;
    case "csat":
      return cell.satisfaction.state === "shown" ? cell.satisfaction.percent : null;
    case "experience":
      return flagValue[cell.flag];
  }
}
