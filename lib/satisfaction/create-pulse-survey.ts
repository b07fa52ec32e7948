import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { createPulseSurveySchema, type CreatePulseSurveyInput } from "@/lib/validation/pulse";
import { readOrganisationTimeZone } from "./read-organisation-time-zone";
import { zonedPeriodRange } from "./zoned-periods";
import { openDuePulseRounds } from "./open-pulse-rounds";

/**
 * Creates a pulse survey and opens its first round at once, about the chosen served period (which
 * must have begun). HR and admins may rate the whole organisation or one department; a head only
 * their own department. Later rounds open by job when each following period is over.
 */
export async function createPulseSurvey(options: { actor: Actor; input: CreatePulseSurveyInput; now?: Date }) {
  const { actor } = options;
  const input = parseInput(createPulseSurveySchema, options.input);
  const now = options.now ?? new Date();
  const departmentId = input.scope === "organisation" ? null : input.scope;
  if (departmentId === null) {
    if (!can(actor, "insights.organisation")) throw forbidden("Only HR can survey the whole organisation. Heads can survey how their own department serves others.");
  } else if (!can(actor, "pulse.manage", { departmentId })) {
    throw forbidden(actor.headOf.length ? "A head can survey only how their own department serves others." : "Only HR and department heads can run pulse surveys.");
  }
  if (departmentId && !(await db().department.findUnique({ where: { id: departmentId }, select: { id: true } }))) throw notFound("This department");
  if (zonedPeriodRange(input.period, await readOrganisationTimeZone(db())).from > now) {
    throw new AppError("INVALID_INPUT", "Choose a period that has begun: a survey asks about service already given", { period: ["Choose a period that has begun"] });
  }
  const survey = await db().pulseSurvey.create({
    data: { createdById: actor.id, departmentId, cadence: input.cadence, openDays: input.openDays, nextPeriod: input.period, nextRunAt: now },
    select: { id: true },
  });
  const { opened } = await openDuePulseRounds(db(), { now, baseUrl: env().NEXTAUTH_URL, surveyId: survey.id });
  return { surveyId: survey.id, roundId: opened[0]?.roundId ?? null, asked: opened[0]?.asked ?? 0 };
}
