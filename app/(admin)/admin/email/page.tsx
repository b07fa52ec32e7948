import Link from "@/app/_components/link";
import { listInboundEmails, mailSetup, type MailSetup } from "@/lib/email/admin-mailbox";
import { listEmailDeliveries, type DeliveryFilter } from "@/lib/notifications/email-deliveries";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader, cx } from "../../../_components/ui";
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
  const setup = await mailSetup({ actor });
  const local = setup.outbound.kind === "local-outbox";
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
      {setup.outbound.kind === "none" ? (
        <p role="note" className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="no-mail-server">
          <strong>No mail server is configured</strong> (<code>SMTP_URL</code> is not set): no email leaves this desk, so every notification email fails and shows below as failed. Set <code>SMTP_URL</code> (see the README, Configuration) and retry them.
        </p>
      ) : null}
      <MailFlow setup={setup} />
      <InboundAddresses setup={setup} />
      <h2 className="mb-3 text-lg font-semibold">Outgoing mail</h2>
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
      <Card className="p-0">
        {deliveries.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">{filter === "PROBLEMS" ? "No delivery problems." : "No emails here."}</p>
        ) : (
          <MailTable label="Email deliveries" caption="Email deliveries, newest first" columns={["Queued", "To", "Kind", "Request", "State", { label: "Attempts", right: true }, "Last error", { label: "Actions", hidden: true }]}>
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
          </MailTable>
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
      <Card className="p-0">
        {inbound.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No mail received yet.</p>
        ) : (
          <MailTable label="Received mail" caption="Received mail, newest first" columns={["Received", "From", "Via", "Became", "Request"]}>
              {inbound.map((m) => (
                <tr key={m.id} data-testid="inbound-email">
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatWhen(m.receivedAt, actor.timeZone)}</td>
                  <td className="whitespace-nowrap px-4 py-2">{m.fromAddress ?? "—"}</td>
                  <td className="px-4 py-2 text-slate-600">{m.source}</td>
                  <td className="px-4 py-2">
                    <span className="font-medium">{m.status.toLowerCase()}</span>
                    {m.outcome ? <span className="block text-xs text-slate-600">{m.outcome}</span> : null}
                  </td>
                  <td className="px-4 py-2 font-mono text-xs">{m.reference ?? "—"}</td>
                </tr>
              ))}
          </MailTable>
        )}
      </Card>
    </>
  );
}

type Column = string | { label: string; right?: boolean; hidden?: boolean };

/**
 * The page's tables: each scrolls sideways inside its own labelled box, which takes keyboard focus on
 * a phone so it scrolls with the arrow keys too; a caption for screen readers, a header row, the rows.
 */
function MailTable({ label, caption, columns, children }: { label: string; caption: string; columns: Column[]; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={`${label} (scrolls sideways)`} tabIndex={0} className="overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((c) => {
              const { label: name, right, hidden } = typeof c === "string" ? { label: c } : c;
              return (
                <th key={name} scope="col" className={cx("px-4 py-2", right && "text-right")}>
                  {hidden ? <span className="sr-only">{name}</span> : name}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

function MailFlow({ setup }: { setup: MailSetup }) {
  const { outbound } = setup;
  return (
    <Card aria-labelledby="mail-flow-heading" className="mb-6">
      <h2 id="mail-flow-heading" className="mb-2 text-lg font-semibold">How mail flows</h2>
      <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]" data-testid="mail-flow">
        <dt className="font-medium text-slate-700">Out</dt>
        <dd>
          {outbound.kind === "smtp" ? (
            <>Sent through the mail server <code className="break-all">{outbound.server}</code> by a job that retries; the table below shows each email.</>
          ) : outbound.kind === "local-outbox" ? (
            <>No mail server: this embedded demo keeps every email in a local outbox on this page, where it counts as sent and can be read as its recipient would.</>
          ) : (
            <>Nowhere: no mail server is configured, so every email fails.</>
          )}{" "}
          From <code className="break-all">{setup.from}</code>. Each email about a request has its own reply address, <code className="break-all">{setup.replyAddress.replace("@", "+<signed token>@")}</code>, and threading headers.
        </dd>
        <dt className="font-medium text-slate-700">In, from mailboxes</dt>
        <dd>
          {setup.mailboxes.length ? (
            <>
              Read over IMAP every {setup.pollSeconds} s, and at once where the server offers IDLE:{" "}
              <span className="break-all">{setup.mailboxes.map((m) => <code key={m} className="mr-2">{m}</code>)}</span>
            </>
          ) : (
            <>No mailbox is read (<code>INBOUND_IMAP_URLS</code> is not set).</>
          )}
        </dd>
        <dt className="font-medium text-slate-700">In, from a provider</dt>
        <dd>{setup.webhook ? <>The webhook <code>POST /api/inbound-email</code> takes raw MIME with the bearer secret.</> : <>No webhook (<code>INBOUND_WEBHOOK_SECRET</code> is not set).</>}</dd>
        <dt className="font-medium text-slate-700">What comes in</dt>
        <dd>
          Each mail is stored first, then processed: to a department&apos;s address it files a request; to a reply address it becomes that person&apos;s public reply. Auto-replies and bulk mail are ignored, a bounce marks its delivery failed, the same mail twice counts once. Mail from an address not in the directory is{" "}
          {setup.unknownSender === "refuse" ? "refused with a polite answer" : "filed by a new employee created for it"}; mail over {setup.maxMb} MB is refused.
        </dd>
      </dl>
    </Card>
  );
}

function InboundAddresses({ setup }: { setup: MailSetup }) {
  return (
    <Card aria-labelledby="addresses-heading" className="mb-6 p-0">
      <h2 id="addresses-heading" className="px-4 pt-3 text-lg font-semibold">Department addresses</h2>
      <p className="px-4 pb-2 text-sm text-slate-600">Each department&apos;s head sets them under Settings → Email; route each of them into a mailbox the desk reads.</p>
      {setup.addresses.length === 0 ? (
        <p className="px-4 pb-4 text-sm text-slate-600">No department has an inbound address yet.</p>
      ) : (
        <MailTable label="Department addresses" caption="Inbound addresses by department" columns={["Address", "Department", "Files as", "State"]}>
              {setup.addresses.map((a) => (
                <tr key={a.id} data-testid="inbound-address">
                  <td className="px-4 py-2 font-mono text-xs">{a.address}</td>
                  <td className="whitespace-nowrap px-4 py-2">
                    <Link className="text-brand-700 underline" href={`/settings/${a.department.key}/email`}>{a.department.name}</Link>
                  </td>
                  <td className="px-4 py-2">{a.type.name}</td>
                  <td className="px-4 py-2">{a.active ? "On" : "Off: mail to it is refused"}</td>
                </tr>
              ))}
          </MailTable>
      )}
    </Card>
  );
}
