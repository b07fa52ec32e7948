import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { periodLabel } from "@/lib/satisfaction/figure-periods";
import { readPulseResults } from "@/lib/satisfaction/read-pulse-results";
import type { SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../../../_components/ui";
import { PulseValue } from "../pulse-value";

export const metadata = { title: "Pulse results" };

function FigureTable({ title, hint, head, rows }: { title: string; hint: string; head: string; rows: { key: string; label: ReactNode; value: SatisfactionValue }[] }) {
  if (rows.length === 0) return null;
  return (
    <Card className="mb-6 p-0">
      <h2 className="px-5 pt-4 text-lg font-semibold text-slate-900">{title}</h2>
      <p className="px-5 text-sm text-slate-600">{hint}</p>
      <table className="mt-2 w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium">{head}</th>
            <th scope="col" className="px-5 py-2 font-medium">Rated 4 or 5</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key} data-testid={`figure-${r.key}`}>
              <th scope="row" className="px-5 py-3 font-medium text-slate-900">{r.label}</th>
              <td className="px-5 py-3"><PulseValue value={r.value} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

export default async function PulseResultsPage({ params }: { params: Promise<{ round: string }> }) {
  const actor = await requireActor();
  const { round: roundId } = await params;
  // A round you may not see is as absent as one that does not exist.
  const results = await readPulseResults({ actor, roundId }).catch((e) => {
    if (e instanceof AppError) notFound();
    throw e;
  });
  const round = results.rounds[0]!;
  const scope = round.surveyDepartment ? round.surveyDepartment.name : "Whole organisation";
  return (
    <>
      <PageHeader
        title={`Pulse results: ${periodLabel(round.period)}`}
        subtitle={`${scope} · answers taken ${formatWhen(round.opensAt, actor.timeZone)} to ${formatWhen(round.closesAt, actor.timeZone)}. A figure is shown only when at least ${results.minRaters} different people stand behind it and no other figure would give a smaller group away.`}
        actions={<Link className="text-sm font-semibold text-brand-700 hover:underline" href="/insights/pulse">All surveys</Link>}
      />
      {round.total ? (
        <Card className="mb-6" data-testid="pulse-total">
          <h2 className="text-lg font-semibold text-slate-900">Every answer of the round</h2>
          <p className="mt-2 text-sm"><PulseValue value={round.total} /></p>
        </Card>
      ) : null}
      <FigureTable
        title="How each department is served, as its customers see it"
        hint="Answers about each rated department."
        head="Rated department"
        rows={round.received.map((r) => ({ key: `received-${r.department.id}`, label: r.department.name, value: r.value }))}
      />
      <FigureTable
        title="How each department feels served"
        hint="Answers given by each department's people, about every department they rated."
        head="Answering department"
        rows={round.given.map((g) => ({ key: `given-${g.department.id}`, label: g.department.name, value: g.value }))}
      />
      <FigureTable
        title="Between departments"
        hint="One department's answers about another."
        head="Answering → rated"
        rows={round.pairs.map((p) => ({
          key: `pair-${p.respondentDepartment.id}-${p.ratedDepartment.id}`,
          label: (
            <>
              {p.respondentDepartment.name} <span aria-hidden>→</span><span className="sr-only">about</span> {p.ratedDepartment.name}
            </>
          ),
          value: p.value,
        }))}
      />
    </>
  );
}
