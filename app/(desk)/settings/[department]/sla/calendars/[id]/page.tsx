import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { Card, PageHeader } from "../../../../../../_components/ui";
import { CalendarForm, ImportHolidaysForm } from "../../calendar-forms";
import { calendarFormValues, loadSlaSettings, timeZoneChoices } from "../../load-settings";

export const metadata = { title: "Calendar" };

export default async function CalendarPage({ params }: { params: Promise<{ department: string; id: string }> }) {
  const { department: key, id } = await params;
  const { department, calendars, policies } = await loadSlaSettings(key);
  const calendar = calendars.find((c) => c.id === id);
  if (!calendar) notFound();
  const usedBy = policies.filter((p) => p.calendarId === calendar.id);
  // A stored definition that no longer validates opens with an empty week, to be filled in again.
  const values = calendar.definition
    ? calendarFormValues(calendar.name, calendar.definition, calendar.holidayNames)
    : { name: calendar.name, timeZone: department.timeZone, hours: { mon: "", tue: "", wed: "", thu: "", fri: "", sat: "", sun: "" }, holidays: [] };

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/settings/${department.key}/sla`} className="text-brand-700 hover:underline">← {department.name} service levels</Link>
      </p>
      <PageHeader
        title={calendar.name}
        subtitle={usedBy.length ? `Used by ${usedBy.map((p) => p.name).join(", ")}. Saving moves the due times of open requests at once.` : "No policy uses this calendar yet."}
      />
      {calendar.problem ? <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{calendar.problem}</p> : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <Card aria-labelledby="calendar-heading" className="min-w-0">
          <h2 id="calendar-heading" className="mb-3 text-lg font-semibold">Hours and holidays</h2>
          <CalendarForm
            department={department.key}
            target={{ calendarId: calendar.id, version: calendar.updatedAt.toISOString() }}
            values={values}
            timeZones={timeZoneChoices(values.timeZone)}
          />
        </Card>
        <aside>
          <Card aria-labelledby="ics-heading" className="lg:sticky lg:top-6">
            <h2 id="ics-heading" className="mb-3 text-lg font-semibold">Import holidays</h2>
            <ImportHolidaysForm department={department.key} calendarId={calendar.id} />
          </Card>
        </aside>
      </div>
    </>
  );
}
