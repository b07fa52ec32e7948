"use client";
import { useActionForm } from "../../../../_components/action-form";
import { Button, FormMessage } from "../../../../_components/ui";
import { followKnownIssueAction } from "./knowledge-actions";

export type KnownIssueView = { id: string; title: string; body: string; followerCount: number; following: boolean };

/** Known issues of the department that affect this form: follow one instead of filing. */
export function KnownIssues({ issues }: { issues: KnownIssueView[] }) {
  if (issues.length === 0) return null;
  return (
    <section aria-label="Known issues" className="mb-4 space-y-2">
      {issues.map((issue) => (
        <KnownIssueItem key={issue.id} issue={issue} />
      ))}
    </section>
  );
}

function KnownIssueItem({ issue }: { issue: KnownIssueView }) {
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-semibold">Known issue: {issue.title}</p>
      {issue.body ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{issue.body}</p> : null}
      <p className="mt-1 text-slate-600">We are on it. If this is why you are here, follow it instead of filing: you will hear when it is fixed.</p>
      <FollowKnownIssue issue={issue} />
    </div>
  );
}

/** "Follow this" instead of filing (on the form, the catalogue and the department's answers), or that the person does. */
export function FollowKnownIssue({ issue }: { issue: Pick<KnownIssueView, "id" | "title" | "following"> }) {
  const { state, pending, formProps } = useActionForm(followKnownIssueAction);
  if (issue.following || state?.ok === true) return <p className="mt-2 font-medium text-emerald-800">You follow this issue. No need to file a request for it.</p>;
  return (
    <form {...formProps} className="mt-2">
      <input type="hidden" name="knownIssueId" value={issue.id} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Follow this: ${issue.title}`}>Follow this</Button>
      <FormMessage state={state && !state.ok ? state : null} />
    </form>
  );
}
