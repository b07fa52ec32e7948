import Link from "@/app/_components/link";
import { priorityLabel, statusLabel } from "@/lib/validation/requests";
import { formatDayHours, formatMinutes, targetLabel, targetMetrics, weekdayLabel, weekdays } from "@/lib/validation/sla-settings";
import { Card, PageHeader } from "../../../../_components/ui";
import { effectivePolicies, policyPriorities, unreachablePolicies } from "@/lib/sla/policy-matching";
import { CalendarForm } from "./calendar-forms";
import { loadSlaSettings, timeZoneChoices } from "./load-settings";
import { PolicyForm, PolicyRowControls } from "./policy-forms";

export const metadata = { title: "Service levels" };

const newCalendarHours = { mon: "09:00-17:00", tue: "09:00-17:00", wed: "09:00-17:00", thu: "09:00-17:00", fri: "09:00-17:00", sat: "", sun: "" };

export default async function SlaSettingsPage({ params }: { params: Promise<{ department: string }> }) {
  const { department: key } = await params;
  const { department, calendars, policies, requestTypes } = await loadSlaSettings(key);
  const base = `/settings/${department.key}/sla`;
  const calendarName = new Map(calendars.map((c) => [c.id, c.name]));
  const typeName = new Map(requestTypes.map((t) => [t.id, t.name]));
  const unreachable = new Map(unreachablePolicies(policies, requestTypes.map((t) => t.id)).map((u) => [u.policy.id, u.shadowedBy]));
  const effective = effectivePolicies(policies, requestTypes);

  return (
    <>
      <PageHeader
        title={`${department.name} service levels`}
        subtitle="Each request gets the first active policy below that matches its type and priority. Changes apply at once to open requests; resolved ones keep their results."
      />

      <div className="space-y-6">
        <Card aria-labelledby="policies-heading">
          <h2 id="policies-heading" className="mb-3 text-lg font-semibold">Policies, in the order they are tried</h2>
          {policies.length === 0 ? (
            <p className="text-sm text-slate-600">No policies yet: requests to {department.name} have no targets.</p>
          ) : (
            <ol className="divide-y divide-slate-100">
              {policies.map((p, index) => (
                <li key={p.id} className="grid gap-3 py-3 md:grid-cols-[2rem_1fr_auto]">
                  <span className="text-sm font-semibold text-slate-500">{index + 1}.</span>
                  <div className="min-w-0 space-y-1">
                    <p className="flex flex-wrap items-center gap-2">
                      <Link href={`${base}/policies/${p.id}`} className="font-medium text-brand-700 hover:underline">{p.name}</Link>
                      {p.active ? null : <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">Off</span>}
                      {unreachable.has(p.id) ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Never applies</span> : null}
                    </p>
                    {unreachable.has(p.id) ? (
                      <p className="text-xs text-amber-900" data-testid="policy-unreachable">
                        {unreachable.get(p.id) ? `"${unreachable.get(p.id)!.name}" comes first and takes every request this policy names.` : "Earlier policies take every request this policy names."} Move it up or narrow the earlier one.
                      </p>
                    ) : null}
                    <p className="text-xs text-slate-600">
                      {p.requestTypeIds.length ? p.requestTypeIds.map((id) => typeName.get(id) ?? "(removed type)").join(", ") : "All request types"} ·{" "}
                      {p.priorities.length ? p.priorities.map((x) => priorityLabel[x]).join(", ") : "all priorities"} · {calendarName.get(p.calendarId)}
                    </p>
                    <dl className="flex flex-wrap gap-x-4 text-xs text-slate-700">
                      {targetMetrics.map((m) => (
                        <div key={m} className="flex gap-1">
                          <dt className="text-slate-500">{targetLabel[m]}</dt>
                          <dd className="font-medium">{formatMinutes(p[m])}</dd>
                        </div>
                      ))}
                      <div className="flex gap-1">
                        <dt className="text-slate-500">Paused when</dt>
                        <dd className="font-medium">{p.pauseStatuses.length ? p.pauseStatuses.map((s) => statusLabel[s]).join(", ") : "never"}</dd>
                      </div>
                    </dl>
                  </div>
                  <PolicyRowControls department={department.key} policyId={p.id} name={p.name} active={p.active} first={index === 0} last={index === policies.length - 1} />
                </li>
              ))}
            </ol>
          )}
          {requestTypes.length > 0 && policies.length > 0 ? (
            <details className="mt-4 rounded-md border border-slate-200 p-3" data-testid="effective-policies">
              <summary className="cursor-pointer text-sm font-semibold text-slate-800">Which policy each request type gets</summary>
              <div className="mt-3 max-w-full overflow-x-auto">
                <table className="min-w-full text-left text-xs">
                  <caption className="sr-only">The policy a request gets, by request type and priority</caption>
                  <thead>
                    <tr className="border-b border-slate-200 text-slate-600">
                      <th scope="col" className="py-1 pr-3 font-medium">Request type</th>
                      {policyPriorities.map((x) => (
                        <th key={x} scope="col" className="py-1 pr-3 font-medium">{priorityLabel[x]}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {effective.map(({ type, byPriority }) => (
                      <tr key={type.id} className="border-b border-slate-100">
                        <th scope="row" className="py-1 pr-3 font-medium text-slate-800">{type.name}</th>
                        {byPriority.map(({ priority, policy }) => (
                          <td key={priority} className="py-1 pr-3 text-slate-700">{policy ? policy.name : <span className="text-amber-900">no targets</span>}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          ) : null}
          <details className="mt-4 rounded-md bg-slate-50 p-3" open={policies.length === 0 && calendars.length > 0}>
            <summary className="cursor-pointer text-sm font-semibold text-slate-800">New policy</summary>
            <div className="mt-3">
              {calendars.length === 0 ? (
                <p className="text-sm text-slate-600">Create a calendar first: every policy counts time in business hours.</p>
              ) : (
                <PolicyForm
                  department={department.key}
                  target={{ departmentId: department.id }}
                  values={{ name: "", requestTypeIds: [], priorities: [], calendarId: calendars[0]!.id, firstResponseMinutes: null, resolutionMinutes: null, nextReplyMinutes: null, pauseStatuses: ["WAITING_ON_REQUESTER"], active: true }}
                  calendars={calendars.map((c) => ({ id: c.id, name: c.name }))}
                  requestTypes={requestTypes}
                />
              )}
            </div>
          </details>
        </Card>

        <Card aria-labelledby="calendars-heading">
          <h2 id="calendars-heading" className="mb-3 text-lg font-semibold">Business-hours calendars</h2>
          {calendars.length === 0 ? <p className="text-sm text-slate-600">No calendars yet.</p> : null}
          <ul className="grid gap-3 md:grid-cols-2">
            {calendars.map((c) => (
              <li key={c.id} className="rounded-md border border-slate-200 p-3">
                <p className="flex flex-wrap items-baseline gap-x-2">
                  <Link href={`${base}/calendars/${c.id}`} className="font-medium text-brand-700 hover:underline">{c.name}</Link>
                  <span className="text-xs text-slate-600">{c.definition?.timeZone}</span>
                  <span className="ml-auto text-xs text-slate-500">
                    {c.policyCount ? `used by ${c.policyCount} polic${c.policyCount === 1 ? "y" : "ies"}` : "not used"}
                  </span>
                </p>
                {c.definition ? (
                  <>
                    <dl className="mt-2 grid grid-cols-[5.5rem_1fr] gap-x-2 text-xs">
                      {weekdays.map((d) => (
                        <div key={d} className="contents">
                          <dt className="text-slate-500">{weekdayLabel[d]}</dt>
                          <dd className="font-mono text-slate-800">{formatDayHours(c.definition!.hours[d]) || "closed"}</dd>
                        </div>
                      ))}
                    </dl>
                    <p className="mt-2 text-xs text-slate-600">
                      {c.definition.holidays.length} holiday{c.definition.holidays.length === 1 ? "" : "s"}
                    </p>
                  </>
                ) : (
                  <p role="alert" className="mt-2 text-xs text-red-700">{c.problem} Open it to fix it.</p>
                )}
              </li>
            ))}
          </ul>
          <details className="mt-4 rounded-md bg-slate-50 p-3" open={calendars.length === 0}>
            <summary className="cursor-pointer text-sm font-semibold text-slate-800">New calendar</summary>
            <div className="mt-3">
              <CalendarForm
                department={department.key}
                target={{ departmentId: department.id }}
                values={{ name: calendars.length ? "" : "Office hours", timeZone: department.timeZone, hours: newCalendarHours, holidays: [] }}
                timeZones={timeZoneChoices(department.timeZone)}
              />
            </div>
          </details>
        </Card>
      </div>
    </>
  );
}
