import Link from "@/app/_components/link";
import { redirect } from "next/navigation";
import { approvalLinkDays } from "@/lib/approvals/approval-link";
import { approvalLinkTarget } from "@/lib/approvals/read-approvals";
import { currentActor } from "@/lib/auth/session";
import { Card, PageHeader } from "../../../_components/ui";
import { DecisionForm } from "../../approvals/approval-forms";

export const metadata = { title: "Approve a request" };

/**
 * The emailed approval link. Like the rating link it works only for the person it was sent to,
 * signed in (a forwarded email must not decide in their name), once, for 30 days.
 */
export default async function ApprovePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = await currentActor();
  if (!actor) redirect(`/signin?${new URLSearchParams({ callbackUrl: `/approve/${token}` })}`);
  const target = await approvalLinkTarget({ actor, token });
  const approvals = <Link className="text-brand-700 underline" href="/approvals">Approvals</Link>;
  let body;
  switch (target.state) {
    case "ask":
      body = (
        <div className="space-y-4">
          <p className="text-sm">
            <Link className="font-mono text-brand-700 underline" href={`/requests/${target.request.reference}`}>{target.request.reference}</Link>{" "}
            <span className="font-medium">{target.request.title}</span>
          </p>
          <p className="text-sm text-slate-600">
            {target.request.requesterName} asks {target.request.departmentName}. Step: {target.stepName}
            {target.onBehalfOf ? ` (you decide for ${target.onBehalfOf}, who is away)` : ""}.
          </p>
          <DecisionForm token={target.token} idPrefix="link" />
        </div>
      );
      break;
    case "used":
      body = <p className="text-sm">This approval link has been used already, or the step no longer waits on you. {approvals} shows what does.</p>;
      break;
    case "expired":
      body = <p className="text-sm">This approval link has expired: links work for {approvalLinkDays} days. {approvals} shows what waits on you.</p>;
      break;
    case "wrong_person":
      body = <p className="text-sm">This approval link was sent to someone else; you are signed in as {actor.name}.</p>;
      break;
    default:
      body = <p className="text-sm">This approval link is not valid. Check that it was copied whole from the email.</p>;
  }
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Approve a request" />
      <Card>{body}</Card>
    </div>
  );
}
