import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError, forbidden } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadForChange } from "@/lib/requests/load-for-change";
import { mayOn } from "@/lib/requests/request-policy";
import { isOpenStatus } from "@/lib/requests/statuses";
import { parseInput } from "@/lib/validation/parse";
import { rateRequestSchema, type RateRequestInput } from "@/lib/validation/ratings";
import { followUpDueAt } from "@/lib/complaints/complaint-calendar";
import { notifyHandlers } from "@/lib/complaints/notify-handlers";
import { bandOf, reasonsOf } from "@/lib/experience/reasons";
import { databaseNow, publicationLock } from "./publish-satisfaction";
import { inRatingWindow, resolutionCycle } from "./resolution-cycle";

/** Ratings at or below this score are complaints. */
export const complaintBelowOrAt = 2;

export const alreadyRated = () => new AppError("CONFLICT", "You have already rated this resolution. Thank you!");

/**
 * The requester rates the current resolution of their request, once. There is no use case to
 * change or delete a rating, and the database refuses both. No request event is written: agents
 * read the event log, and a "rated" entry would tell them who rated and when.
 */
export async function rateRequest(options: { actor: Actor; input: RateRequestInput; now?: Date }): Promise<{ ratingId: string }> {
  const { actor } = options;
  const input = parseInput(rateRequestSchema, options.input);
  const now = options.now ?? new Date();
  try {
    return await db().$transaction(async (tx) => {
      // Locks the request: a rating and a reopen of the same request do not interleave.
      const request = await loadForChange(tx, actor, input.requestId);
      if (!mayOn(actor, request, "request.rate")) {
        throw forbidden("Only the person who filed this request can rate it.");
      }
      const cycle = await resolutionCycle(tx, request.id);
      if (cycle === 0 || isOpenStatus(request.status) || !request.resolvedAt) {
        throw new AppError("CONFLICT", "This request is not resolved, so there is nothing to rate yet.");
      }
      if (input.cycle !== cycle) {
        throw new AppError("CONFLICT", "This request was reopened and resolved again since this form was shown. Reload to rate its latest resolution.");
      }
      if (await tx.rating.findUnique({ where: { requestId_cycle: { requestId: request.id, cycle } }, select: { id: true } })) throw alreadyRated();
      if (!inRatingWindow(request, now)) throw new AppError("CONFLICT", "This request was closed too long ago to be rated.");
      // After any publication of a closed month has finished (publish-satisfaction.ts), and stamped
      // after taking the lock, by the database's clock (the one publication goes by): a rating never
      // lands in a month already published. The database refuses one that would (a trigger).
      await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${publicationLock})`;
      // What mattered: only reasons the department offers for the score's band.
      const department = await tx.department.findUniqueOrThrow({ where: { id: request.departmentId }, select: { ratingReasons: true } });
      const offered = new Set(reasonsOf(department.ratingReasons).filter((r) => r.band === bandOf(input.score)).map((r) => r.key));
      if (input.reasons.some((key) => !offered.has(key))) {
        throw new AppError("INVALID_INPUT", "Choose reasons from the list", { reasons: ["Choose reasons from the list shown for your score"] });
      }
      const createdAt = options.now ?? (await databaseNow(tx));
      const rating = await tx.rating.create({
        data: {
          createdAt,
          requestId: request.id,
          cycle,
          requesterId: actor.id,
          departmentId: request.departmentId,
          agentId: request.assigneeId,
          score: input.score,
          comment: input.comment ?? null,
          timeLost: input.timeLost ?? null,
          reasons: [...new Set(input.reasons)],
        },
        select: { id: true },
      });
      // A complaint (1 or 2) is followed up only when its requester asks for it: then, and only
      // then, the department's head (or delegate) sees who it was (lib/complaints/).
      if (input.score <= complaintBelowOrAt && input.followUp) {
        const complaint = await tx.complaint.create({
          data: {
            departmentId: request.departmentId,
            requestId: request.id,
            ratingId: rating.id,
            complainantId: actor.id,
            source: "rating",
            summary: input.comment ?? "",
            createdAt,
            dueAt: await followUpDueAt(tx, request.departmentId, createdAt),
          },
          select: { id: true },
        });
        await notifyHandlers(tx, { departmentId: request.departmentId, complaintId: complaint.id, requestId: request.id });
      }
      return { ratingId: rating.id };
    });
  } catch (e) {
    // Two submits at once: the unique (request, cycle) lets one through, the other is told.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw alreadyRated();
    throw e;
  }
}
