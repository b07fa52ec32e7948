import Link from "@/app/_components/link";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/session";
import { ratingLinkDays } from "@/lib/satisfaction/rating-link";
import { ratingLinkTarget } from "@/lib/satisfaction/rating-prompt";
import { RatingForm } from "../../../_components/rating-form";
import { Card, PageHeader } from "../../../_components/ui";
import { OwnRatingView } from "../../requests/[reference]/rating-card";
import { rateWithLinkAction } from "./actions";

export const metadata = { title: "Rate the service" };

/**
 * The survey link from the resolution email. It works only for the requester it was sent to, signed
 * in: the link alone would let anyone who sees the email (forwarded, shared mailbox) rate in their
 * name, so a signed-out visitor goes through sign-in and comes back here.
 */
export default async function RatePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/signin?${new URLSearchParams({ callbackUrl: `/rate/${token}` })}`);
  const target = await ratingLinkTarget({ actor, token });
  const requestLink = (reference: string) => (
    <Link className="text-brand-700 underline" href={`/requests/${reference}`}>{reference}</Link>
  );

  let body;
  switch (target.state) {
    case "ask":
      body = (
        <>
          <p className="mb-4 text-sm text-slate-600">
            {requestLink(target.reference)}: {target.title}
          </p>
          <RatingForm
            action={rateWithLinkAction}
            hidden={{ token }}
            subject={target.departmentName}
            reasons={target.reasons}
            afterSent={<p className="text-sm">Back to your request {requestLink(target.reference)}.</p>}
          />
        </>
      );
      break;
    case "rated":
      body = (
        <>
          <p className="mb-3 text-sm">You have already rated this resolution of {requestLink(target.reference)}. Thank you!</p>
          <OwnRatingView rating={target.rating} timeZone={actor.timeZone} />
        </>
      );
      break;
    case "expired":
      body = (
        <p className="text-sm">
          This rating link has expired: links work for {ratingLinkDays} days after the request is resolved.
          {target.reference ? <> You can still see the request at {requestLink(target.reference)}.</> : null}
        </p>
      );
      break;
    case "other_cycle":
      body = <p className="text-sm">This link was for an earlier resolution of {requestLink(target.reference)}, which was reopened since. Its page asks for a rating of the latest one.</p>;
      break;
    case "not_rateable":
      body = <p className="text-sm">{requestLink(target.reference)} can no longer be rated.</p>;
      break;
    case "wrong_person":
      body = <p className="text-sm">This rating link was sent to someone else. Only the person who filed the request can rate it; you are signed in as {actor.name}.</p>;
      break;
    default:
      body = <p className="text-sm">This rating link is not valid. Check that it was copied whole from the email.</p>;
  }
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Rate the service" />
      <Card>{body}</Card>
    </div>
  );
}
