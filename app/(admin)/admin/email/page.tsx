import Link from "next/link";
import { listInboundEmails, localOutbox } from "@/lib/email/admin-mailbox";
import { listEmailDeliveries, type DeliveryFilter } from "@/lib/notifications/email-deliveries";
import { Card, PageHeader, cx, formatWhen } from "../../../_components/ui";
import { requireAdminPage } from "../require-admin";
import { RetryButton } from "./retry-form";
import { UploadEmlForm } from "./upload-form";

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
  const local = localOutbox();
  const inbound = await listInboundEmails({ actor });
  return (
    <>
      <PageHeader
        title="Email delivery"
        subtitle={
          local
            ? "This demo desk has no mail server: every notification email is kept here in a local outbox; open a sent one to read it as its recipient would. Try inbound mail below."
            : "Every notification email, sent by a job that retries a failing mail server (6 retries over about half an hour). Failed ones can be sent again."
        }
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
                  <td className="px-4 py-2">
                    {d.status === "FAILED" ? <RetryButton deliveryId={d.id} label="Retry" /> : null}
                    {local && d.status === "SENT" ? (
                      <Link className="text-brand-700 underline" href={`/admin/email/${d.id}`}>
                        Read<span className="sr-only"> the email to {d.to}</span>
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <h2 className="mt-8 mb-3 text-lg font-semibold">Inbound mail</h2>
      {local ? (
        <Card aria-labelledby="try-inbound-heading" className="mb-4">
          <h3 id="try-inbound-heading" className="mb-1 font-semibold">Try inbound mail</h3>
          <p className="mb-3 text-sm text-slate-600">
            Received exactly as mail fetched from a mailbox: to a department&apos;s address (its head sets them under Settings → Email) it files a request; to the reply address of a mail above it answers on its request.
          </p>
          <UploadEmlForm />
        </Card>
      ) : null}
      <Card className="overflow-x-auto p-0">
        {inbound.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No mail received yet.</p>
        ) : (
          <table className="min-w-full text-sm">
            <caption className="sr-only">Received mail, newest first</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">Received</th>
                <th scope="col" className="px-4 py-2">From</th>
                <th scope="col" className="px-4 py-2">Via</th>
                <th scope="col" className="px-4 py-2">Became</th>
                <th scope="col" className="px-4 py-2">Request</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {inbound.map((m) => (
                <tr key={m.id} data-testid="inbound-email">
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatWhen(m.receivedAt, actor.timeZone)}</td>
                  <td className="break-all px-4 py-2">{m.fromAddress ?? "—"}</td>
                  <td className="px-4 py-2 text-slate-600">{m.source}</td>
                  <td className="px-4 py-2">
                    <span className="font-medium">{m.status.toLowerCase()}</span>
                    {m.outcome ? <span className="block text-xs text-slate-600">{m.outcome}</span> : null}
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{m.reference ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
