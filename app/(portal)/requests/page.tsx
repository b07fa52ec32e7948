import Link from "@/app/_components/link";
import { requireActor } from "@/lib/auth/session";
import { listMyRequests } from "@/lib/requests/list-my-requests";
import { SlaExpectationText } from "../../_components/sla-expectation";
import { formatWhen } from "@/lib/time/format-time";
import { ButtonLink, Card, PageHeader, StatusBadge } from "../../_components/ui";

export const metadata = { title: "My requests" };

export default async function MyRequestsPage({ searchParams }: { searchParams: Promise<{ show?: string; after?: string }> }) {
  const actor = await requireActor();
  const params = await searchParams;
  const show = params.show === "all" ? "all" : "open";
  const after = typeof params.after === "string" ? params.after : undefined;
  const { rows, nextCursor } = await listMyRequests({ actor, show, after, timeZone: actor.timeZone });
  const base = show === "all" ? "/requests?show=all" : "/requests";
  return (
    <>
      <PageHeader
        title="My requests"
        subtitle="Requests you filed and requests you follow."
        actions={<ButtonLink href="/catalog">New request</ButtonLink>}
      />
      <div className="mb-3 flex gap-2 text-sm" role="group" aria-label="Show">
        <Link href="/requests" aria-current={show === "open" ? "page" : undefined} className="rounded-md px-2 py-1 aria-[current=page]:bg-brand-100 aria-[current=page]:font-semibold">
          In progress
        </Link>
        <Link href="/requests?show=all" aria-current={show === "all" ? "page" : undefined} className="rounded-md px-2 py-1 aria-[current=page]:bg-brand-100 aria-[current=page]:font-semibold">
          All, including closed
        </Link>
      </div>
      <Card className="p-0">
        {rows.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">
            {after ? (
              <>
                No more requests. <Link className="text-brand-700 underline" href={base}>Back to the newest</Link>.
              </>
            ) : (
              <>
                Nothing here yet. <Link className="text-brand-700 underline" href="/catalog">Ask a department for help</Link>.
              </>
            )}
          </p>
        ) : (
          // Short classes of globals.css (mine-*): a row repeats 50 times, in the HTML and in the RSC payload.
          <ul className="divide-y divide-slate-100">
            {rows.map((r) => (
              <li key={r.reference}>
                <Link href={`/requests/${r.reference}`} className="mine-row">
                  <span className="mine-ref">{r.reference}</span>
                  <span className="min-w-0 flex-1">
                    <span className="mine-title">{r.title}</span>
                    <span className="mine-meta">
                      {`${r.department.name} · ${r.type.name}${r.watching ? " · you follow this" : ""}${r.assignee ? ` · with ${r.assignee.name}` : ""}`}
                    </span>
                    <SlaExpectationText expectation={r.expectation} className="mt-0.5 block text-xs" />
                  </span>
                  <StatusBadge status={r.status} approvalState={r.approvalState} />
                  <span className="mine-when">{`updated ${formatWhen(r.updatedAt, actor.timeZone)}`}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {after || nextCursor ? (
        <nav aria-label="More requests" className="mt-3 flex gap-4 text-sm">
          {after ? (
            <Link className="text-brand-700 underline" href={base}>
              Newest
            </Link>
          ) : null}
          {nextCursor ? (
            <Link className="text-brand-700 underline" href={`${base}${base.includes("?") ? "&" : "?"}after=${encodeURIComponent(nextCursor)}`}>
              Older requests
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
