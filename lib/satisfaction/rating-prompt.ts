import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatReference } from "@/lib/requests/reference";
import { visibleRequests } from "@/lib/requests/request-policy";
import { parseInput } from "@/lib/validation/parse";
import { rateRequestSchema } from "@/lib/validation/ratings";
import { reasonsOf, type Reason } from "@/lib/experience/reasons";
import { rateRequest } from "./rate-request";
import { ratingLinkKey, verifyRatingLink } from "./rating-link";
import { inRatingWindow, resolutionCycle } from "./resolution-cycle";

export type OwnRating = { cycle: number; score: number; comment: string | null; createdAt: Date };

/** What the request page shows about rating: only ever to the requester; staff get null. */
export type RatingPrompt = { state: "ask"; cycle: number; reasons: readonly Reason[] } | { state: "rated"; rating: OwnRating } | null;

/**
 * The requester's side of rating a request: the form while the current resolution is unrated and
 * rateable, else their own latest rating. Anyone else, staff included, gets nothing: a score with
 * its requester's name on one request would single the requester out.
 */
export async function ratingPrompt(options: { actor: Actor; requestId: string; now?: Date }): Promise<RatingPrompt> {
  const { actor } = options;
  const request = await db().request.findFirst({
    where: { AND: [{ id: options.requestId, requesterId: actor.id }, visibleRequests(actor)] },
    select: { id: true, status: true, resolvedAt: true, department: { select: { ratingReasons: true } } },
  });
  if (!request) return null;
  const [cycle, latest] = await Promise.all([
    resolutionCycle(db(), request.id),
    db().rating.findFirst({
      where: { requestId: request.id, requesterId: actor.id },
      orderBy: { cycle: "desc" },
      select: { cycle: true, score: true, comment: true, createdAt: true },
    }),
  ]);
  if (cycle > 0 && latest?.cycle !== cycle && inRatingWindow(request, options.now)) return { state: "ask", cycle, reasons: reasonsOf(request.department.ratingReasons) };
  return latest ? { state: "rated", rating: latest } : null;
}

export type RatingLinkTarget =
  | { state: "invalid" }
  /** Signed for someone else: nothing about the request is told. */
  | { state: "wrong_person" }
  | { state: "expired"; reference: string | null }
  | { state: "other_cycle" | "not_rateable"; reference: string }
  | { state: "rated"; reference: string; rating: OwnRating }
  | { state: "ask"; reference: string; title: string; departmentName: string; cycle: number; reasons: readonly Reason[] };

/**
 * What an emailed survey link leads to for the signed-in person. The link alone is not enough: it
 * only works for the requester it was sent to, signed in, so a forwarded or leaked email cannot
 * rate in their name.
 */
export async function ratingLinkTarget(options: { actor: Actor; token: string; now?: Date }): Promise<RatingLinkTarget> {
  const { actor } = options;
  const check = verifyRatingLink(options.token, ratingLinkKey(), options.now);
  if (!("claims" in check)) return { state: "invalid" };
  const { claims } = check;
  if (claims.personId !== actor.id) return { state: "wrong_person" };
  const request = await db().request.findFirst({
    where: { AND: [{ id: claims.requestId, requesterId: actor.id }, visibleRequests(actor)] },
    select: { id: true, number: true, title: true, status: true, resolvedAt: true, department: { select: { key: true, name: true, ratingReasons: true } } },
  });
  if (!check.ok) return { state: "expired", reference: request ? formatReference(request.department.key, request.number) : null };
  if (!request) return { state: "invalid" };
  const reference = formatReference(request.department.key, request.number);
  const rating = await db().rating.findUnique({
    where: { requestId_cycle: { requestId: request.id, cycle: claims.cycle } },
    select: { cycle: true, score: true, comment: true, createdAt: true },
  });
  if (rating) return { state: "rated", reference, rating };
  if ((await resolutionCycle(db(), request.id)) !== claims.cycle) return { state: "other_cycle", reference };
  if (!inRatingWindow(request, options.now)) return { state: "not_rateable", reference };
  return { state: "ask", reference, title: request.title, departmentName: request.department.name, cycle: claims.cycle, reasons: reasonsOf(request.department.ratingReasons) };
}

/**
 * Rates from the survey link: the request and the cycle come from the verified link, never from the
 * form, and the signed-in person must be the one it was sent to.
 */
export async function rateWithLink(options: { actor: Actor; token: string; input: { score?: unknown; comment?: unknown; timeLost?: unknown; reasons?: unknown; followUp?: unknown }; now?: Date }) {
  const check = verifyRatingLink(options.token, ratingLinkKey(), options.now);
  if (!check.ok) {
    throw new AppError("CONFLICT", check.reason === "expired" ? "This rating link has expired." : "This rating link is not valid.");
  }
  if (check.claims.personId !== options.actor.id) throw new AppError("FORBIDDEN", "This rating link was sent to someone else.");
  // Validated before the use case so field errors name the form's fields.
  const input = parseInput(rateRequestSchema, { ...options.input, requestId: check.claims.requestId, cycle: check.claims.cycle });
  return rateRequest({ actor: options.actor, input, now: options.now });
}
