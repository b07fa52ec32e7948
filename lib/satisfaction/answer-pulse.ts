import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { answerPulseSchema, type AnswerPulseInput } from "@/lib/validation/pulse";
import { publicationLock } from "./publish-satisfaction";

export const alreadyAnswered = () => new AppError("CONFLICT", "You have already answered about this department in this survey. Thank you!");

/**
 * The actor answers one question of an open round they were asked: how well one department served
 * their team. Once per department; there is no use case to change or delete an answer, and the
 * database refuses both.
 */
export async function answerPulse(options: { actor: Actor; input: AnswerPulseInput; now?: Date }): Promise<{ responseId: string }> {
  const { actor } = options;
  const input = parseInput(answerPulseSchema, options.input);
  const now = options.now ?? new Date();
  if (input.departmentId === actor.departmentId) {
    throw new AppError("INVALID_INPUT", "You cannot rate your own department.", { departmentId: ["You cannot rate your own department"] });
  }
  const invitation = await db().pulseInvitation.findUnique({
    where: { roundId_personId_ratedDepartmentId: { roundId: input.roundId, personId: actor.id, ratedDepartmentId: input.departmentId } },
    select: { round: { select: { opensAt: true, closesAt: true } } },
  });
  if (!invitation) throw notFound("This survey question");
  if (now < invitation.round.opensAt || now >= invitation.round.closesAt) throw new AppError("CONFLICT", "This survey is closed: answers are no longer taken.");
  const where = { roundId_respondentId_ratedDepartmentId: { roundId: input.roundId, respondentId: actor.id, ratedDepartmentId: input.departmentId } };
  if (await db().pulseResponse.findUnique({ where, select: { id: true } })) throw alreadyAnswered();
  try {
    const response = await db().$transaction(async (tx) => {
      // Waits for a publication of this round in progress (publish-pulse.ts); once it is published,
      // nothing more is taken, so published results never change.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${publicationLock})`;
      const round = await tx.pulseRound.findUnique({ where: { id: input.roundId }, select: { publishedAt: true } });
      if (round?.publishedAt) throw new AppError("CONFLICT", "This survey is closed: answers are no longer taken.");
      return tx.pulseResponse.create({
      data: {
        roundId: input.roundId,
        respondentId: actor.id,
        respondentDepartmentId: actor.departmentId,
        ratedDepartmentId: input.departmentId,
        score: input.score,
        comment: input.comment ?? null,
        createdAt: now,
      },
      select: { id: true },
      });
    });
    return { responseId: response.id };
  } catch (e) {
    // Answered before, or two submits at once: the unique (round, respondent, department) keeps one.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw alreadyAnswered();
    throw e;
  }
}
