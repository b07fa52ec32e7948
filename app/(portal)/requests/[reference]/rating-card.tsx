import type { Actor } from "@/lib/auth/permissions";
import { ratingPrompt, type OwnRating } from "@/lib/satisfaction/rating-prompt";
import { scoreLabel } from "@/lib/validation/ratings";
import { RatingForm } from "../../../_components/rating-form";
import { formatWhen } from "@/lib/time/format-time";
import { Card } from "../../../_components/ui";
import { rateAction } from "./rating-actions";

/** The requester's rating prompt or their own rating; nothing at all for anyone else. */
export async function RatingCard({ actor, timeZone, requestId, reference, departmentName }: { actor: Actor; timeZone: string; requestId: string; reference: string; departmentName: string }) {
  const prompt = await ratingPrompt({ actor, requestId });
  if (!prompt) return null;
  return (
    <Card data-testid="rating">
      {prompt.state === "ask" ? (
        <RatingForm action={rateAction} hidden={{ requestId, reference, cycle: String(prompt.cycle) }} subject={departmentName} reasons={prompt.reasons} />
      ) : (
        <OwnRatingView rating={prompt.rating} timeZone={timeZone} />
      )}
    </Card>
  );
}

export function OwnRatingView({ rating, timeZone }: { rating: OwnRating; timeZone: string }) {
  return (
    <div className="text-sm">
      <h2 className="font-semibold">Your rating</h2>
      <p className="mt-1">
        <span className="font-semibold">{rating.score} of 5</span> ({scoreLabel[rating.score as keyof typeof scoreLabel]}), {formatWhen(rating.createdAt, timeZone)}
      </p>
      {rating.comment ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{rating.comment}</p> : null}
      <p className="mt-1 text-xs text-slate-500">Only you see this. A rating cannot be changed.</p>
    </div>
  );
}
