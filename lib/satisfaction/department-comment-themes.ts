import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { listedThemes } from "./comment-themes";
import { type PeriodKey } from "./figure-periods";
import { publishesAt } from "./publish-satisfaction";
import { readOrganisationTimeZone } from "./read-organisation-time-zone";
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
  const timeZone = await readOrganisationTimeZone(db());
  const at = publishesAt(period, timeZone);
  const [publication, row] = await Promise.all([
    db().themePublication.findUnique({ where: { period } }),
    db().publishedThemes.findUnique({ where: { period_departmentId: { period, departmentId } } }),
  ]);
  if (!publication) return (options.now ?? new Date()) < at ? { state: "pending", publishesAt: at, ...zoneField(timeZone) } : { state: "withheld" };
  if (!row) return { state: "withheld" };
  return { state: "shown", themes: listedThemes(row.terms), minCommenters: publication.minCommenters };
}
