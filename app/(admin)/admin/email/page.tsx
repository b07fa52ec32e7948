import Link from "next/link";
import { listEmailDeliveries, type DeliveryFilter } from "@/lib/notifications/email-deliveries";
import { Card, PageHeader, cx, formatWhen } from "../../../_components/ui";
import { requireAdminPage } from "../require-admin";
import { RetryButton } from "./retry-form";

export const metadata = { title: "Email delivery" };

const tabs: { filter: DeliveryFilter; label: string }[] = [
  { filter: "PROBLEMS", label: "Problems" },
  { filter: "FAILED", label: "Failed" },
  { filter: "QUEUED", label: "Queued" },
  { filter: "SENT", label: "Sent" },
  { filter: "ALL", label: "All" },
];

const statusStyle = { QUEUED: "bg-sky-100 text-sky-800", SENT: "bg-emerald-100 text-emerald-800", FAILED: "bg-red-100 text-red-800" } as const;

export default async function EmailDeliveryPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const actor = await requireAdminPage();
  const requested = (await searchParams).status;
  const known = tabs.some((t) => t.filter === requested);
  const { filter, counts, deliveries } = await listEmailDeliveries({ actor, status: known ? requested : undefined });
  return (
    <>
      <PageHeader
        title="Email delivery"
        subtitle="Every notification email, sent by a job that retries a failing mail server (6 retries over about half an hour). Failed ones can be sent again."
        actions={counts.FAILED ? <RetryButton label={`Retry all ${counts.FAILED} failed`} /> : null}
      />
      <ul className="mb-4 grid grid-cols-3 gap-3 sm:max-w-lg">
        {(["QUEUED", "SENT", "FAILED"] as const).map((s) => (
          <li key={s} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
            <span className="block text-xs font-medium text-slate-600">{s === "QUEUED" ? "Queued" : s === "SENT" ? "Sent" : "Failed"}</span>
            <span className="block text-xl font-semibold tabular-nums" data-testid={`email-count-${s.toLowerCase()}`}>{counts[s]}</span>
          </li>
        ))}
      </ul>
      <nav aria-label="Filter deliveries" className="mb-3 flex flex-wrap gap-2 text-sm">
        {tabs.map((t) => (
          <Link
            key={t.filter}
            href={t.filter === "PROBLEMS" ? "/admin/email" : `/admin/email?status=${t.filter}`}
            aria-current={filter === t.filter ? "page" : undefined}
            className="rounded-full px-3 py-1 text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 aria-[current=page]:bg-brand-600 aria-[current=page]:text-white aria-[current=page]:ring-brand-600"
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <Card className="overflow-x-auto p-0">
        {deliveries.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">{filter === "PROBLEMS" ? "No delivery problems." : "No emails here."}</p>
        ) : (
          <table className="min-w-full text-sm">
            <caption className="sr-only">Email deliveries, newest first</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">Queued</th>
                <th scope="col" className="px-4 py-2">To</th>
                <th scope="col" className="px-4 py-2">Kind</th>
                <th scope="col" className="px-4 py-2">Request</th>
                <th scope="col" className="px-4 py-2">State</th>
                <th scope="col" className="px-4 py-2 text-right">Attempts</th>
                <th scope="col" className="px-4 py-2">Last error</th>
                <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {deliveries.map((d) => (
                <tr key={d.id} data-testid="email-delivery">
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatWhen(d.createdAt, actor.timeZone)}</td>
                  <td className="px-4 py-2">{d.to}</td>
                  <td className="px-4 py-2 text-slate-600">{d.kind.replace(/_/g, " ")}</td>
                  <td className="px-4 py-2 font-mono text-xs">{d.reference ?? "—"}</td>
                  <td className="px-4 py-2">
                    <span className={cx("rounded-full px-2 py-0.5 text-xs font-medium", statusStyle[d.status])}>
                      {d.status === "QUEUED" && d.lastError ? "Retrying" : d.status === "QUEUED" ? "Queued" : d.status === "SENT" ? "Sent" : "Failed"}
                    </span>
                    {d.sentAt ? <span className="block text-xs text-slate-500">{formatWhen(d.sentAt, actor.timeZone)}</span> : null}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{d.attempts}</td>
                  <td className="max-w-xs break-words px-4 py-2 text-xs text-red-800">{d.lastError ?? ""}</td>
                  <td className="px-4 py-2">{d.status === "FAILED" ? <RetryButton deliveryId={d.id} label="Retry" /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
