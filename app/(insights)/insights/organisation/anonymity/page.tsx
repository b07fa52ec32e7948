import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { anonymityThresholds } from "@/lib/satisfaction/anonymity-settings";
import { agentsFloor, thresholdFloor } from "@/lib/validation/anonymity";
import { Card, PageHeader } from "../../../../_components/ui";
import { ThresholdsForm } from "./thresholds-form";

export const metadata = { title: "Anonymity thresholds" };

export default async function AnonymityPage() {
  const actor = await requireActor();
  if (!can(actor, "anonymity.configure")) notFound();
  const thresholds = await anonymityThresholds();
  return (
    <>
      <PageHeader
        title="Anonymity thresholds"
        subtitle="No satisfaction figure is shown for fewer different raters than this, no comment theme used by fewer different people, and no workload figure of a department with fewer agents. Raising them hides more; raters and commenters can never go below 3, agents below 2. Every change is in the audit log."
      />
      <Card>
        <ThresholdsForm minRaters={thresholds.minRaters} minComments={thresholds.minComments} minAgents={thresholds.minAgents} floor={thresholdFloor} agentsFloor={agentsFloor} />
      </Card>
    </>
  );
}
