import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { departmentPairDetail, type PairFigures } from "@/lib/reports/department-pair-detail";
import { currentQuarter } from "@/lib/reports/organisation-access";
import { periodLabel } from "@/lib/satisfaction/figure-periods";
import { organisationSearchSchema } from "@/lib/validation/organisation";
import { Card, PageHeader } from "../../../../../../_components/ui";
import { ComplianceText, SatisfactionText } from "../../../figures";

export const metadata = { title: "Internal customer" };

type Search = Record<string, string | string[] | undefined>;

export default async function PairPage({ params, searchParams }: { params: Promise<{ requester: string; provider: string }>; searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const { requester, provider } = await params;
  const search = await searchParams;
  const form = organisationSearchSchema.parse(search);
  const period = form.period ?? (await currentQuarter());
  const detail = await departmentPairDetail({ actor, period, requesterKey: requester, providerKey: provider }).catch((e: unknown) => {
    // Not HR or admin, a department that does not exist, or a bad period: nothing to show here.
    if (e instanceof AppError) notFound();
    throw e;
  });
  const row = (f: PairFigures, label: string, total = false) => (
    <tr key={f.period} className={total ? "bg-slate-50" : undefined}>
      <th scope="row" className="px-4 py-2 text-left font-medium">{label}</th>
      <td className="px-4 py-2 text-right tabular-nums">{f.filed}</td>
      <td className="px-4 py-2"><ComplianceText c={f.firstResponse} /></td>
      <td className="px-4 py-2"><ComplianceText c={f.resolution} /></td>
      <td className="px-4 py-2"><SatisfactionText value={f.satisfaction} /></td>
    </tr>
  );
  return (
    <>
      <PageHeader
        title={`${detail.requester.name} served by ${detail.provider.name}`}
        subtitle={`${periodLabel(detail.period)}, month by month: requests filed by ${detail.requester.name}'s people, SLA compliance of the clocks decided (met of met + breached), and their satisfaction.`}
      />
      <Card className="mb-4 overflow-x-auto p-0">
        <table className="min-w-full text-sm" data-testid="pair-months">
          <caption className="sr-only">{detail.requester.name} served by {detail.provider.name}, per month</caption>
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">Month</th>
              <th scope="col" className="px-4 py-2 text-right">Requests filed</th>
              <th scope="col" className="px-4 py-2">First response</th>
              <th scope="col" className="px-4 py-2">Resolution</th>
              <th scope="col" className="px-4 py-2">Satisfaction</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {detail.months.map((m) => row(m, periodLabel(m.period)))}
            {detail.months.length > 1 ? row(detail.total, `All of ${periodLabel(detail.period)}`, true) : null}
          </tbody>
        </table>
      </Card>
      <p className="text-sm">
        <Link className="text-brand-700 hover:underline" href={`/insights/organisation?${new URLSearchParams({ period: detail.period, measure: form.measure })}`}>Back to the organisation</Link>
      </p>
    </>
  );
}
