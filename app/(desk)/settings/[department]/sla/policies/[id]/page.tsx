import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "../../../../../../_components/ui";
import { loadSlaSettings } from "../../load-settings";
import { PolicyForm } from "../../policy-forms";

export const metadata = { title: "SLA policy" };

export default async function PolicyPage({ params }: { params: Promise<{ department: string; id: string }> }) {
  const { department: key, id } = await params;
  const { department, calendars, policies, requestTypes } = await loadSlaSettings(key);
  const index = policies.findIndex((p) => p.id === id);
  const policy = policies[index];
  if (!policy) notFound();

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/settings/${department.key}/sla`} className="text-brand-700 hover:underline">← {department.name} service levels</Link>
      </p>
      <PageHeader title={policy.name} subtitle={`Tried ${index + 1} of ${policies.length}. Saving re-targets open requests at once; resolved ones keep their results.`} />
      <Card aria-labelledby="policy-heading" className="max-w-3xl">
        <h2 id="policy-heading" className="sr-only">Policy</h2>
        <PolicyForm
          department={department.key}
          target={{ policyId: policy.id }}
          version={policy.updatedAt.toISOString()}
          values={{
            name: policy.name,
            requestTypeIds: policy.requestTypeIds,
            priorities: policy.priorities,
            calendarId: policy.calendarId,
            firstResponseMinutes: policy.firstResponseMinutes,
            resolutionMinutes: policy.resolutionMinutes,
            nextReplyMinutes: policy.nextReplyMinutes,
            pauseStatuses: policy.pauseStatuses,
            active: policy.active,
          }}
          calendars={calendars.map((c) => ({ id: c.id, name: c.name }))}
          requestTypes={requestTypes}
        />
      </Card>
    </>
  );
}
