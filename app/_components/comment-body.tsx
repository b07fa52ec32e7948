import { splitMentions } from "@/lib/notifications/mentions";

/** A reply or note as written, with each @mention of a known person shown as their name. */
export function CommentBody({ body, mentions }: { body: string; mentions: Record<string, string> }) {
  return (
    <p className="whitespace-pre-wrap text-sm">
      {splitMentions(body).map((part, i) =>
        "handle" in part && mentions[part.handle] ? (
          <span key={i} className="rounded bg-brand-100 px-1 font-medium text-brand-800" title={part.raw}>
            @{mentions[part.handle]}
          </span>
        ) : (
          <span key={i}>{"handle" in part ? part.raw : part.text}</span>
        ),
      )}
    </p>
  );
}
