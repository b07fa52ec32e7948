import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { forbidden } from "@/lib/errors";
import { listedThemes } from "./comment-themes";
import { type PeriodKey } from "./figure-periods";
import { publishesAt } from "./publish-satisfaction";
import { organisationTimeZone } from "./organisation-settings";
import { zoneField } from "./satisfaction-value";

export type DepartmentThemes =
  /** Terms each used by at least `minCommenters` different people (possibly none), as published when the period closed. */
  | { state: "shown"; themes: string[]; minCommenters: number }
  /** Too few people commented, or nobody: the two look the same on purpose. */
  | { state: "withheld" }
  /** The period is still open: its themes are published once, after it ends. */
  | { state: "pending"; publishesAt: Date; timeZone?: string };

/**
 * The comment themes of the rating comments a department received in a period, for HR: read from
 * what was published when the period closed (publish-comment-themes.ts), never computed from the
 * comments at read time, so they never change and no reload tells what a new comment said.
 */
export async function departmentCommentThemes(options: { actor: Actor; departmentId: string; period: PeriodKey; now?: Date }): Promise<DepartmentThemes> {
  if (!can(options.actor, "insights.organisation")) throw forbidden("Only HR and admins can see comment themes.");
  const { departmentId, period } = options;
  const [timeZone, [publication], [row]] = await Promise.all([
    organisationTimeZone(),
    sql().$queryRaw<{ minCommenters: number }[]>`SELECT "minCommenters" FROM "ThemePublication" WHERE "period" = ${period}`,
    sql().$queryRaw<{ terms: string[] }[]>`SELECT "terms" FROM "PublishedThemes" WHERE "period" = ${period} AND "departmentId" = ${departmentId}`,
  ]);
  const at = publishesAt(period, timeZone);
  if (!publication) return (options.now ?? new Date()) < at ? { state: "pending", publishesAt: at, ...zoneField(timeZone) } : { state: "withheld" };
  if (!row) return { state: "withheld" };
  return { state: "shown", themes: listedThemes(row.terms), minCommenters: publication.minCommenters };
}
