import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { AppError, forbidden } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { periodRange, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import { readOrganisationTimeZone } from "@/lib/satisfaction/read-organisation-time-zone";
import { zonedQuarterOf } from "@/lib/satisfaction/zoned-periods";
import { organisationPeriodSchema } from "@/lib/validation/organisation";
import { parseInput } from "@/lib/validation/parse";

/** The current quarter of the organisation's time zone: the organisation view's default period. */
export async function currentQuarter(now = new Date()): Promise<PeriodKey> {
  return zonedQuarterOf(now, await readOrganisationTimeZone(db()));
}

/**
 * HR's and admins' organisation view: checks the actor before reading any input, so someone who may
 * not see it learns nothing from validation messages; then the period key.
 */
export function organisationPeriod(options: { actor: Actor; period: unknown; now?: Date }): PeriodKey {
  if (!can(options.actor, "insights.organisation")) throw forbidden("Only HR and admins can see the organisation's indicators.");
  const { period } = parseInput(organisationPeriodSchema, { period: options.period });
  if (periodRange(period).from.getTime() > (options.now ?? new Date()).getTime()) {
    const message = "That period has not started yet: choose one up to the current month";
    throw new AppError("INVALID_INPUT", message, { period: [message] });
  }
  return period;
}
