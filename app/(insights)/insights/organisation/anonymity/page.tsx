import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/session";
import { anonymityThresholds } from "@/lib/satisfaction/anonymity-settings";
import { thresholdFloor } from "@/lib/validation/anonymity";
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
        subtitle="No satisfaction figure is shown for fewer different raters than this, and no comment themes for fewer comments. Raising them hides more; they can never go below 3. Every change is in the audit log."
      />
      <Card>
        <ThresholdsForm minRaters={thresholds.minRaters} minComments={thresholds.minComments} floor={thresholdFloor} />
      </Card>
    </>
  );
}
