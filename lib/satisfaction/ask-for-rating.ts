import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/create-client";
import { env } from "@/lib/env";
import { notify, type NoticeSpec } from "@/lib/notifications/notify";
import { formatReference } from "@/lib/requests/reference";
import { ratingLinkDays, ratingLinkKey, signRatingLink } from "./rating-link";
import { resolutionCycle } from "./resolution-cycle";

/**
 * Asks the requester, and only the requester, to rate the resolution that was just recorded: in the
 * app, and by email with a signed link bound to them, this request and this cycle. Call it in the
 * resolving transaction, after its status_changed event is written (that event makes the cycle).
 * Someone who resolved their own request is not asked (the request notices never notify the actor).
 */
export async function askForRating(tx: Tx, options: { actor: Actor; requestId: string; now?: Date }) {
  const r = await tx.request.findUniqueOrThrow({
    where: { id: options.requestId },
    select: { id: true, number: true, title: true, requesterId: true, department: { select: { key: true, name: true } } },
  });
  if (r.requesterId === options.actor.id) return;
  const cycle = await resolutionCycle(tx, r.id);
  await notify(tx, ratingNotice({ ...r, reference: formatReference(r.department.key, r.number), departmentName: r.department.name, cycle, now: options.now }));
}

/** What askForRating tells the requester (also for changes that write the rows themselves, which check the actor first). */
export function ratingNotice(r: { id: string; reference: string; title: string; requesterId: string; departmentName: string; cycle: number; now?: Date }): NoticeSpec {
  const base = env().NEXTAUTH_URL.replace(/\/$/, "");
  const key = ratingLinkKey();
  // Without a secret no link can be signed; the request page asks for the rating too.
  const link = key
    ? `${base}/rate/${signRatingLink({ requestId: r.id, cycle: r.cycle, personId: r.requesterId, issuedAt: r.now }, key)}`
    : `${base}/requests/${r.reference}`;
  return {
    personIds: [r.requesterId],
    kind: "rating_request",
    requestId: r.id,
    title: `How did ${r.departmentName} do on ${r.reference}?`,
    body: `Your request “${r.title}” was resolved. Rate the service from 1 to 5: only you see your own rating; ${r.departmentName} sees only totals of many ratings. The link works for ${ratingLinkDays} days.`,
    link,
  };
}
