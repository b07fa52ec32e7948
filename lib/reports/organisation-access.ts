import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { AppError, forbidden } from "@/lib/errors";
import { monthsOf, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import { organisationTimeZone } from "@/lib/satisfaction/organisation-settings";
import { zonedMonthOf, zonedQuarterOf } from "@/lib/satisfaction/zoned-periods";
import { organisationPeriodSchema } from "@/lib/validation/organisation";
import { parseInput } from "@/lib/validation/parse";

/** The current quarter of the organisation's time zone: the organisation view's default period. */
export async function currentQuarter(now = new Date()): Promise<PeriodKey> {
  return zonedQuarterOf(now, await organisationTimeZone());
}

/** The current month of the organisation's time zone: the roll-up's "now" row and the end of HR's trends. */
export async function currentMonth(now = new Date()): Promise<PeriodKey> {
  return zonedMonthOf(now, await organisationTimeZone());
}

/**
 * HR's and admins' organisation view: checks the actor before reading any input, so someone who may
 * not see it learns nothing from validation messages; then the period key, which may not start after
 * the current month of the organisation's zone.
 */
export async function organisationPeriod(options: { actor: Actor; period: unknown; now?: Date }): Promise<PeriodKey> {
  if (!can(options.actor, "insights.organisation")) throw forbidden("Only HR and admins can see the organisation's indicators.");
  const { period } = parseInput(organisationPeriodSchema, { period: options.period });
  if (monthsOf(period)[0]! > (await currentMonth(options.now))) {
    const message = "That period has not started yet: choose one up to the current month";
    throw new AppError("INVALID_INPUT", message, { period: [message] });
  }
  return period;
}
