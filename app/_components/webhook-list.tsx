import type { WebhookListItem } from "@/lib/webhooks/manage-webhooks";
import { formatWhen } from "@/lib/time/format-time";
import { Card, cx } from "./ui";
import { WebhookActions, WebhookForm } from "./webhook-forms";

const statusStyle: Record<string, string> = {
  SUCCEEDED: "bg-emerald-100 text-emerald-800",
  PENDING: "bg-slate-200 text-slate-700",
  RETRYING: "bg-amber-100 text-amber-900",
  FAILED: "bg-red-100 text-red-800",
  SKIPPED: "bg-slate-200 text-slate-700",
};

/** The webhooks of one owner, each with its settings, actions and delivery log (latest first). */
export function WebhookList({ webhooks, back, departmentId, timeZone }: { webhooks: WebhookListItem[]; back: string; departmentId?: string; timeZone: string }) {
  if (webhooks.length === 0) return <p className="text-sm text-slate-600">No webhooks yet.</p>;
  return (
    <ul className="space-y-4" data-testid="webhooks">
      {webhooks.map((w) => (
        <li key={w.id}>
          <Card aria-labelledby={`webhook-${w.id}-name`}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <h3 id={`webhook-${w.id}-name`} className="font-semibold">
                  {w.name}{" "}
                  <span className={cx("ml-1 rounded-full px-2 py-0.5 text-xs font-medium", w.active ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800")}>{w.active ? "active" : "disabled"}</span>
                </h3>
                <p className="break-all font-mono text-xs text-slate-600">{w.url}</p>
                <p className="text-xs text-slate-600">
                  {w.format === "JSON" ? "Signed JSON" : w.format === "SLACK" ? "Slack" : "Microsoft Teams"} · {w.events.join(", ")}
                  {w.includeInternal ? " · with internal notes" : ""} · secret {w.secretPrefix}…
                </p>
                {w.disabledReason ? <p className="mt-1 text-sm text-red-800">{w.disabledReason}</p> : null}
              </div>
              <WebhookActions back={back} id={w.id} name={w.name} active={w.active} />
            </div>
            <details className="mt-3 rounded-md bg-slate-50 p-3">
              <summary className="cursor-pointer text-sm font-semibold text-slate-800">Edit {w.name}</summary>
              <div className="mt-3">
                <WebhookForm back={back} departmentId={departmentId} id={w.id} values={{ name: w.name, url: w.url, format: w.format, events: w.events, includeInternal: w.includeInternal }} />
              </div>
            </details>
            {/* Focusable, so that keyboard users can scroll a log wider than a phone. */}
            <div className="mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={`Deliveries of ${w.name}`}>
              {w.deliveries.length === 0 ? (
                <p className="text-sm text-slate-600">No deliveries yet.</p>
              ) : (
                <table className="w-full text-left text-sm">
                  <caption className="mb-1 text-left text-xs font-semibold text-slate-700">Latest deliveries of {w.name}</caption>
                  <thead className="border-b border-slate-200 text-xs text-slate-600">
                    <tr>
                      <th scope="col" className="py-1 pr-3 font-medium">When</th>
                      <th scope="col" className="py-1 pr-3 font-medium">Event</th>
                      <th scope="col" className="py-1 pr-3 font-medium">Request</th>
                      <th scope="col" className="py-1 pr-3 font-medium">Status</th>
                      <th scope="col" className="py-1 pr-3 font-medium">Answer</th>
                      <th scope="col" className="py-1 pr-3 font-medium">Time</th>
                      <th scope="col" className="py-1 font-medium">Attempts</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {w.deliveries.map((d) => (
                      <tr key={d.id}>
                        <td className="py-1 pr-3 whitespace-nowrap">{formatWhen(d.lastAttemptAt ?? d.createdAt, timeZone)}</td>
                        <td className="py-1 pr-3">{d.event}</td>
                        <td className="py-1 pr-3 whitespace-nowrap">{d.reference}</td>
                        <td className="py-1 pr-3">
                          <span className={cx("rounded-full px-2 py-0.5 text-xs font-medium", statusStyle[d.status])}>{d.status.toLowerCase()}</span>
                        </td>
                        <td className="py-1 pr-3" title={d.error ?? undefined}>{d.responseStatus ?? (d.error ? "no answer" : "–")}</td>
                        <td className="py-1 pr-3 whitespace-nowrap">{d.durationMs === null ? "–" : `${d.durationMs} ms`}</td>
                        <td className="py-1">{d.attempts}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </Card>
        </li>
      ))}
    </ul>
  );
}
