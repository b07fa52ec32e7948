import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { formatTime } from "@/lib/time/format-time";
import { AppError } from "@/lib/errors";
import { assignableAgents } from "@/lib/requests/get-request";
import { listQueue, queueFilterOptions } from "@/lib/requests/list-queue";
import { currentView, savedViews } from "@/lib/requests/queue-views";
import { priorities, priorityLabel, queueSortLabel, queueSorts, slaStateLabel, slaStates, statuses, statusLabel } from "@/lib/validation/requests";
import { Button, ButtonLink, Card, PageHeader, cx, formatWhen, inputClass } from "../../../_components/ui";
import { QueueTable, type QueueRow } from "./queue-table";
import { myAvailability } from "@/lib/org/my-availability";
import { MyAvailability } from "./availability-toggle";

type Search = Record<string, string | string[] | undefined>;

export default async function QueuePage({ params, searchParams }: { params: Promise<{ department: string }>; searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  // A repeated parameter counts once: the first wins, as in a form.
  const search = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  let queue: Awaited<ReturnType<typeof listQueue>>;
  try {
    queue = await listQueue({ actor, departmentKey: key, filter: search });
  } catch (e) {
    // Someone else's queue is as absent as one that does not exist.
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    if (e instanceof AppError && e.code === "INVALID_INPUT") return <BadFilter departmentKey={key} error={e} />;
    throw e;
  }
  const [agents, options, available] = await Promise.all([assignableAgents(queue.department.id), queueFilterOptions(queue.department.id), myAvailability({ actor })]);
  const { filter, department } = queue;
  const view = currentView(filter);
  const link = (changes: Record<string, string | undefined>) => {
    const merged = Object.entries({ ...search, ...changes }).filter(([, v]) => typeof v === "string" && v !== "") as [string, string][];
    return `?${new URLSearchParams(merged)}`;
  };
  const rows: QueueRow[] = queue.rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    departmentKey: department.key,
    title: r.title,
    typeName: r.type.name,
    requesterName: r.requester.name,
    requesterDepartment: r.requesterDepartment.name,
    status: r.status,
    priority: r.priority,
    version: r.version,
    filed: formatWhen(r.createdAt, actor.timeZone),
    assignee: r.assignee?.name ?? null,
    team: r.team?.name ?? null,
    sla: r.sla,
    slaDue: r.sla?.dueAt ? formatTime(r.sla.dueAt, { timeZone: actor.timeZone }) : null,
  }));
  const select = (id: string, label: string, name: string, value: string, children: ReactNode) => (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">{label}</label>
      <select id={id} name={name} defaultValue={value} className={`${inputClass} h-10`}>{children}</select>
    </div>
  );

  return (
    <>
      <PageHeader
        title={`${department.name} queue`}
        subtitle="Requests to your department. Saved views, filters and order live in the address, so a link shows the same queue."
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <Link className="text-sm font-semibold text-brand-700 hover:underline" href={`/queue/${department.key}/knowledge`}>Knowledge and known issues</Link>
            <MyAvailability available={available} department={department.key} />
          </div>
        }
      />
      <nav aria-label="Saved views" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
        {savedViews.map((v) => (
          <Link
            key={v.view}
            href={`?view=${v.view}`}
            aria-current={view === v.view ? "page" : undefined}
            className={cx(
              "-mb-px rounded-t-md border-b-2 px-3 py-2 text-sm font-medium",
              view === v.view ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
            )}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      <Card className="mb-4">
        {/* Keyed by the filter: a client-side navigation (a tab, the next page) shows the new values, not the last ones typed. */}
        <form key={JSON.stringify(filter)} method="get" className="grid items-end gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filters">
          {filter.view ? <input type="hidden" name="view" value={filter.view} /> : null}
          {select("f-status", "Status", "status", filter.status, (
            <>
              <option value="ACTIVE">Needs work</option>
              {statuses.map((s) => <option key={s} value={s}>{statusLabel[s]}</option>)}
              <option value="ALL">All</option>
            </>
          ))}
          {select("f-priority", "Priority", "priority", filter.priority ?? "", (
            <>
              <option value="">Any</option>
              {priorities.map((p) => <option key={p} value={p}>{priorityLabel[p]}</option>)}
            </>
          ))}
          {select("f-type", "Type", "type", filter.type ?? "", (
            <>
              <option value="">Any</option>
              {options.types.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </>
          ))}
          {select("f-assignee", "Assignee", "assignee", filter.assignee ?? "any", (
            <>
              <option value="any">Anyone</option>
              <option value="me">Me</option>
              <option value="none">Unassigned</option>
              {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </>
          ))}
          {select("f-team", "Team", "team", filter.team ?? "", (
            <>
              <option value="">Any</option>
              <option value="none">No team</option>
              {options.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </>
          ))}
          {select("f-from", "Requester's department", "from", filter.from ?? "", (
            <>
              <option value="">Any</option>
              {options.departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </>
          ))}
          {select("f-sla", "SLA", "sla", filter.sla ?? "", (
            <>
              <option value="">Any</option>
              {slaStates.map((s) => <option key={s} value={s}>{slaStateLabel[s]}</option>)}
            </>
          ))}
          <div>
            <label htmlFor="f-q" className="block text-xs font-medium text-slate-600">Title or number</label>
            <input id="f-q" name="q" defaultValue={filter.q ?? ""} className={`${inputClass} h-10`} placeholder={`${department.key}-1042`} />
          </div>
          <div>
            <label htmlFor="f-tag" className="block text-xs font-medium text-slate-600">Tag</label>
            <input id="f-tag" name="tag" defaultValue={filter.tag ?? ""} className={`${inputClass} h-10`} />
          </div>
          {select("f-sort", "Order", "sort", filter.sort, queueSorts.map((s) => <option key={s} value={s}>{queueSortLabel[s]}</option>))}
          <div className="flex gap-2">
            <Button type="submit" variant="secondary" className="h-10">Filter</Button>
            <ButtonLink href={filter.view ? `?view=${filter.view}` : "?"} variant="ghost" className="h-10">Reset</ButtonLink>
          </div>
        </form>
      </Card>
      <Card className="p-0">
        <QueueTable rows={rows} sort={filter.sort} agents={agents} departmentKey={department.key} />
        {rows.length === 0 ? <p className="p-6 text-sm text-slate-600">No requests match these filters.</p> : null}
      </Card>
      <div className="mt-4 flex justify-end gap-4">
        {filter.cursor ? <Link className="text-sm text-brand-700 hover:underline" href={link({ cursor: "" })}>First page</Link> : null}
        {queue.nextCursor ? <Link className="text-sm text-brand-700 hover:underline" href={link({ cursor: queue.nextCursor })}>Next page</Link> : null}
      </div>
    </>
  );
}

function BadFilter({ departmentKey, error }: { departmentKey: string; error: AppError }) {
  const messages = Object.entries(error.fieldErrors ?? {}).map(([field, m]) => `${field}: ${m.join(" ")}`);
  return (
    <>
      <PageHeader title="Queue" />
      <Card>
        <div role="alert" className="text-sm text-red-800">
          <p className="font-semibold">This link has filters the queue does not understand, so nothing is shown.</p>
          <ul className="mt-2 list-disc pl-5">
            {(messages.length ? messages : [error.userMessage]).map((m) => <li key={m}>{m}</li>)}
          </ul>
        </div>
        <Link className="mt-4 inline-block text-sm text-brand-700 hover:underline" href={`/queue/${encodeURIComponent(departmentKey)}`}>Show the queue without filters</Link>
      </Card>
    </>
  );
}
