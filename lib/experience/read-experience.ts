import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { keyOf, readSatisfaction, type FigureRef } from "@/lib/satisfaction/satisfaction-figures";
import type { SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import { defaultSatisfactionGoal, goalOutcome, type GoalOutcome } from "./goal";

export type ExperienceFigure = {
  satisfaction: SatisfactionValue;
  /** Present only where the satisfaction figure is shown: the same ratings' experience values. */
  experience: {
    goalPercent: number;
    goal: GoalOutcome;
    timeLostAnswers: number;
    /** Hours lost, one decimal. */
    timeLostHours: number;
    complaints: number;
    followedUpInTime: number;
    recovered: number;
    reasonCounts: Record<string, number>;
  } | null;
};

/** The experience columns of a figure's stored row (SatisfactionFigure). */
export type ExperienceColumns = { goalPercent: number | null; timeLostAnswers: number | null; timeLostTenths: number | null; complaints: number | null; followedUpInTime: number | null; recovered: number | null; reasonCounts: Record<string, number> | null };

/** A figure with its experience values: only a shown figure has any (its stored row's columns). */
export function experienceFigure(satisfaction: SatisfactionValue, row: ExperienceColumns | undefined): ExperienceFigure {
  if (satisfaction.state !== "shown" || !row) return { satisfaction, experience: null };
  const goalPercent = row.goalPercent ?? defaultSatisfactionGoal;
  return {
    satisfaction,
    experience: {
      goalPercent,
      goal: goalOutcome(satisfaction, goalPercent),
      timeLostAnswers: row.timeLostAnswers ?? 0,
      timeLostHours: (row.timeLostTenths ?? 0) / 10,
      complaints: row.complaints ?? 0,
      followedUpInTime: row.followedUpInTime ?? 0,
      recovered: row.recovered ?? 0,
      reasonCounts: row.reasonCounts ?? {},
    },
  };
}

/**
 * Satisfaction figures with their experience values, exactly as published: who may read which
 * figure, and whether it is shown, pending or withheld, is readSatisfaction's decision; experience
 * values come only with a shown figure (lib/experience/experience-values.ts).
 */
export async function readExperience(options: { actor: Actor; figures: FigureRef[]; now?: Date }): Promise<{ values: ExperienceFigure[]; asOf: Date | null; minRaters: number }> {
  const read = await readSatisfaction(options);
  const keys = [...new Set(options.figures.filter((_, i) => read.values[i]!.state === "shown").map(keyOf))];
  const rows = keys.length
    ? await sql().$queryRaw<({ key: string } & ExperienceColumns)[]>`
        SELECT "key", "goalPercent", "timeLostAnswers", "timeLostTenths", "complaints", "followedUpInTime", "recovered", "reasonCounts"
        FROM "SatisfactionFigure" WHERE "shown" AND "key" = ANY(${keys}::text[])`
    : [];
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const values = options.figures.map((ref, i): ExperienceFigure => experienceFigure(read.values[i]!, byKey.get(keyOf(ref))));
  return { ...read, values };
}
