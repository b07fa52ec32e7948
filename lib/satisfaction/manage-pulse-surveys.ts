import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { pulseRoundIdSchema, pulseSurveyIdSchema } from "@/lib/validation/pulse";

/** May run pulse surveys at all: HR, an admin, or the head of some department. */
export function canRunPulse(actor: Actor) {
  return can(actor, "insights.organisation") || actor.headOf.some((departmentId) => can(actor, "pulse.manage", { departmentId }));
}

/**
 * The surveys an actor manages: every one for HR and admins; for a head, those they started about
 * their own department. HR's survey of a department is not its head's to close or stop: the
 * evaluated party does not end its own evaluation.
 */
export function pulseSurveyScope(actor: Actor): Prisma.PulseSurveyWhereInput {
  if (can(actor, "insights.organisation")) return {};
  if (!canRunPulse(actor)) throw forbidden("Only HR and department heads can run pulse surveys.");
  return { departmentId: { in: actor.headOf }, createdById: actor.id };
}

/** The actor's surveys, newest first, with their rounds (no answers: results come from readPulseResults). */
export async function listPulseSurveys(options: { actor: Actor }) {
  return db().pulseSurvey.findMany({
    where: pulseSurveyScope(options.actor),
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      cadence: true,
      openDays: true,
      nextPeriod: true,
      nextRunAt: true,
      active: true,
      createdAt: true,
      department: { select: { id: true, name: true } },
      createdBy: { select: { name: true } },
      rounds: { orderBy: { opensAt: "desc" }, select: { id: true, period: true, opensAt: true, closesAt: true } },
    },
  });
}

/** Ends a round's answering now. A round of a survey the actor does not manage is NOT_FOUND. */
export async function closePulseRound(options: { actor: Actor; input: { roundId: string }; now?: Date }) {
  const { roundId } = parseInput(pulseRoundIdSchema, options.input);
  const now = options.now ?? new Date();
  const round = await db().pulseRound.findFirst({ where: { id: roundId, survey: pulseSurveyScope(options.actor) }, select: { id: true, closesAt: true } });
  if (!round) throw notFound("This survey round");
  if (round.closesAt <= now) throw new AppError("CONFLICT", "This round is already closed.");
  await db().pulseRound.update({ where: { id: round.id }, data: { closesAt: now } });
  return { roundId: round.id };
}

/** Stops a survey: no more rounds open. Rounds already open stay open until they close. */
export async function deactivatePulseSurvey(options: { actor: Actor; input: { surveyId: string } }) {
  const { surveyId } = parseInput(pulseSurveyIdSchema, options.input);
  const { count } = await db().pulseSurvey.updateMany({ where: { id: surveyId, active: true, ...pulseSurveyScope(options.actor) }, data: { active: false, nextRunAt: null } });
  if (count === 0) {
    if (await db().pulseSurvey.findFirst({ where: { id: surveyId, ...pulseSurveyScope(options.actor) }, select: { id: true } })) {
      throw new AppError("CONFLICT", "This survey is already stopped.");
    }
    throw notFound("This survey");
  }
  return { surveyId };
}

/** What the actor may survey: the whole organisation (HR, admins) and which departments. */
export async function pulseScopes(options: { actor: Actor }) {
  const organisation = can(options.actor, "insights.organisation");
  const where = organisation ? {} : { id: { in: options.actor.headOf } };
  if (!canRunPulse(options.actor)) throw forbidden("Only HR and department heads can run pulse surveys.");
  const departments = await db().department.findMany({ where, orderBy: { name: "asc" }, select: { id: true, name: true } });
  return { organisation, departments };
}
