import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { anonymityThresholds } from "./anonymity-settings";
import { commentThemes, type Theme } from "./comment-themes";
import { periodRange, type PeriodKey } from "./figure-periods";
import { readSatisfaction } from "./satisfaction-figures";

/** "shown": the themes (possibly none frequent enough); "withheld": too few comments or raters to say anything. */
export type DepartmentThemes = { state: "shown"; themes: Theme[] } | { state: "withheld" };

/**
 * Themes of the rating comments a department received in a period, for HR. Only where the
 * department's "received" satisfaction figure for that period is shown (so the comments come from
 * at least as many raters as a shown figure) and at least `minComments` comments exist; the comments
 * never leave this function, only terms that at least 3 different comments use.
 */
export async function departmentCommentThemes(options: { actor: Actor; departmentId: string; period: PeriodKey }): Promise<DepartmentThemes> {
  if (!can(options.actor, "insights.organisation")) throw forbidden("Only HR and admins can see comment themes.");
  const { departmentId, period } = options;
  const [{ minComments }, received] = await Promise.all([
    anonymityThresholds(),
    readSatisfaction({ actor: options.actor, figures: [{ kind: "provider", departmentId, period }] }),
  ]);
  if (received.values[0]?.state !== "shown") return { state: "withheld" };
  const { from, to } = periodRange(period);
  const rows = await db().rating.findMany({
    where: { departmentId, createdAt: { gte: from, lt: to }, comment: { not: null }, NOT: { comment: "" } },
    select: { comment: true },
  });
  const comments = rows.flatMap((r) => (r.comment?.trim() ? [r.comment] : []));
  if (comments.length < minComments) return { state: "withheld" };
  return { state: "shown", themes: commentThemes({ comments }) };
}
