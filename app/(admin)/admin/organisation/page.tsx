import { organisationSettings } from "@/lib/org/organisation-time-zone";
import { periodLabel } from "@/lib/satisfaction/figure-periods";
import { formatTime } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../../_components/ui";
import { requireAdminPage } from "../require-admin";
import { OrganisationTimeZoneForm } from "./time-zone-form";

export const metadata = { title: "Organisation" };

export default async function OrganisationSettingsPage() {
  const actor = await requireAdminPage();
  const settings = await organisationSettings({ actor });
  const last = settings.lastPublished;
  return (
    <>
      <PageHeader
        title="Organisation"
        subtitle="Settings of the whole organisation. Every change is in the audit log."
      />
      <datalist id="time-zones">
        {Intl.supportedValuesOf("timeZone").map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold text-slate-900">Time zone</h2>
        <p className="max-w-3xl text-sm text-slate-600">
          HR&apos;s months, quarters and years, the satisfaction publication (&ldquo;Published on&rdquo;), comment themes and pulse survey periods follow this zone; each
          department&apos;s own reports follow the department&apos;s zone. A change applies from the first month not yet published: published months keep the zone and the
          instants they were published with, and the next month starts where the last one ended, so no rating moves or counts twice.
        </p>
        <p className="text-sm text-slate-700" data-testid="last-published">
          {last
            ? `Last published month: ${periodLabel(last.month)} (${last.timeZone}), up to ${formatTime(last.to, { timeZone: actor.timeZone })}.`
            : "No month has been published yet."}
        </p>
        <OrganisationTimeZoneForm timeZone={settings.timeZone} />
      </Card>
    </>
  );
}
