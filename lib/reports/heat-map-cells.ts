import type { SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import type { HeatMeasure } from "@/lib/validation/organisation";
import { compliance, type Compliance } from "./compliance";

/**
 * One department pair as the heat map ships it to the browser, short because 50 departments make
 * 2,500 of them: 0 when nothing was filed or decided and satisfaction is withheld; otherwise
 * [filed, first-response met, breached, resolution met, breached, ...satisfaction], satisfaction
 * being nothing (withheld), [-1] (pending) or [ratings, satisfied, percent, mean] (shown).
 */
export type PackedCell = 0 | number[];

export type HeatMapData = {
  /** [key, name] of the requesting departments (rows) and the providing ones (columns). */
  rows: [string, string][];
  cols: [string, string][];
  /** Row by row: rows.length × cols.length cells. */
  cells: PackedCell[];
  /** When a pending figure will be published (ISO), null when no figure of the map is pending. */
  publishesAt: string | null;
};

export type HeatCell = { filed: number; firstResponse: Compliance; resolution: Compliance; satisfaction: SatisfactionValue };

export function unpackCell(cell: PackedCell, publishesAt: string | null): HeatCell {
  const [filed = 0, frMet = 0, frBreached = 0, resMet = 0, resBreached = 0, ratings, satisfied = 0, percent = 0, mean = 0] = cell === 0 ? [] : cell;
  const satisfaction: SatisfactionValue =
    ratings === undefined
      ? { state: "withheld" }
      : ratings === -1
        ? { state: "pending", publishesAt: new Date(publishesAt ?? 0) }
        : { state: "shown", ratings, satisfied, percent, mean };
  return { filed, firstResponse: compliance(frMet, frBreached), resolution: compliance(resMet, resBreached), satisfaction };
}

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
  }
}
