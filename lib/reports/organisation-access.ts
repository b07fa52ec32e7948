import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { AppError, forbidden } from "@/lib/errors";
import { monthOf, periodRange, periodsOfMonth, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import { organisationPeriodSchema } from "@/lib/validation/organisation";
import { parseInput } from "@/lib/validation/parse";

/** The current quarter (UTC): the organisation view's default period. */
export function currentQuarter(now = new Date()): PeriodKey {
  return periodsOfMonth(monthOf(now))[1];
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
