import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { periodLabel, recentPeriods } from "@/lib/satisfaction/figure-periods";
import { readOrganisationTimeZone } from "@/lib/satisfaction/read-organisation-time-zone";
import { canRunPulse, listPulseSurveys, pulseScopes } from "@/lib/satisfaction/manage-pulse-surveys";
import { readPulseResults } from "@/lib/satisfaction/read-pulse-results";
import { cadenceLabel } from "@/lib/validation/pulse";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../../_components/ui";
import { CloseRoundButton, CreatePulseSurveyForm, StopSurveyButton } from "./pulse-forms";
import { ResponseCount } from "./pulse-value";

export const metadata = { title: "Pulse surveys" };

export default async function PulseSurveysPage() {
  const actor = await requireActor();
  if (!canRunPulse(actor)) notFound();
  const now = new Date();
  const [surveys, scopes, results] = await Promise.all([listPulseSurveys({ actor }), pulseScopes({ actor }), readPulseResults({ actor })]);
  const mine = new Set(surveys.map((s) => s.id));
  const periods = recentPeriods(now, 6, await readOrganisationTimeZone(db()));
  const scopeOptions = [
    ...(scopes.organisation ? [{ value: "organisation", label: "Every department (whole organisation)" }] : []),
    ...scopes.departments.map((d) => ({ value: d.id, label: d.name })),
  ];
  const scopeName = (department: { name: string } | null) => (department ? department.name : "Whole organisation");

  return (
    <>
      <PageHeader
        title="Pulse surveys"
        subtitle={`"How well does this department serve your team?" Everyone whose department filed a request to a rated department in the period is asked. Results appear only where at least ${results.minRaters} different people answered; nobody sees who answered what.`}
      />
      <Card className="mb-6">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">New survey</h2>
        <CreatePulseSurveyForm
          scopes={scopeOptions}
          months={periods.months.map((m) => ({ value: m, label: periodLabel(m) }))}
          quarters={periods.quarters.map((q) => ({ value: q, label: periodLabel(q) }))}
        />
      </Card>

      <Card className="mb-6 p-0">
        <h2 className="px-5 pt-4 text-lg font-semibold text-slate-900">Rounds</h2>
        {results.rounds.length === 0 ? (
          <p className="px-5 pb-5 pt-2 text-sm text-slate-600">No round has opened yet.</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="mt-2 w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">Served period</th>
                  <th scope="col" className="px-5 py-2 font-medium">Departments rated</th>
                  <th scope="col" className="px-5 py-2 font-medium">Answers</th>
                  <th scope="col" className="px-5 py-2 font-medium">Responses</th>
                  <th scope="col" className="px-5 py-2 font-medium"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {results.rounds.map((round) => {
                  const open = round.closesAt > now;
                  return (
                    <tr key={round.id} data-testid={`round-${round.id}`}>
                      <td className="px-5 py-3 font-medium text-slate-900">{periodLabel(round.period)}</td>
                      <td className="px-5 py-3">{scopeName(round.surveyDepartment)}</td>
                      <td className="px-5 py-3 text-slate-600">
                        {open ? "Open until " : "Closed "}
                        <time dateTime={round.closesAt.toISOString()}>{formatWhen(round.closesAt, actor.timeZone)}</time>
                      </td>
                      <td className="px-5 py-3">
                        <ResponseCount value={round.total ?? round.received[0]?.value ?? { state: "withheld" }} />
                      </td>
                      <td className="px-5 py-3">
                        <div className="flex flex-wrap items-center justify-end gap-3">
                          <Link className="font-semibold text-brand-700 hover:underline" href={`/insights/pulse/${round.id}`}>
                            Results<span className="sr-only"> for {periodLabel(round.period)}, {scopeName(round.surveyDepartment)}</span>
                          </Link>
                          {open && mine.has(round.surveyId) ? <CloseRoundButton roundId={round.id} label="Close now" /> : null}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <Card className="p-0">
        <h2 className="px-5 pt-4 text-lg font-semibold text-slate-900">Surveys</h2>
        {surveys.length === 0 ? (
          <p className="px-5 pb-5 pt-2 text-sm text-slate-600">No survey yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {surveys.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm">
                <div>
                  <p className="font-medium text-slate-900">
                    {scopeName(s.department)} · {cadenceLabel[s.cadence]}
                  </p>
                  <p className="text-slate-600">
                    Created by {s.createdBy.name} on {formatWhen(s.createdAt, actor.timeZone)} · {s.rounds.length} {s.rounds.length === 1 ? "round" : "rounds"} · open {s.openDays} days each ·{" "}
                    {!s.active ? "stopped" : s.nextRunAt ? `next round about ${periodLabel(s.nextPeriod)} opens ${formatWhen(s.nextRunAt, actor.timeZone)}` : "no more rounds"}
                  </p>
                </div>
                {s.active && s.nextRunAt ? <StopSurveyButton surveyId={s.id} label="Stop survey" /> : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
