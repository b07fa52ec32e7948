import Link from "@/app/_components/link";
import type { ReactNode } from "react";
import { notFound, redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { formatTime, formatWhen } from "@/lib/time/format-time";
import { AppError } from "@/lib/errors";
import { assignableAgents } from "@/lib/requests/get-request";
import { listQueue, queueFilterOptions } from "@/lib/requests/list-queue";
import { currentView, savedViews } from "@/lib/requests/queue-views";
import { priorities, priorityLabel, queueSortLabel, queueSorts, slaStateLabel, slaStates, statuses, statusLabel } from "@/lib/validation/requests";
import { queueLayout } from "@/lib/requests/queue-layout";
import { savedQueueViews } from "@/lib/requests/saved-queue-views";
import { transferOutcome } from "@/lib/requests/transfer-outcome";
import { savedFilterKeys } from "@/lib/validation/queue-views";
import { TransferNotice } from "../../../_components/transfer-notice";
import { ButtonLink, Card, PageHeader, cx, inputClass } from "../../../_components/ui";
import { QueueFilters } from "./queue-filters";
import { ColumnChooser, ManageViews, SaveViewForm } from "./queue-layout-forms";
import { QueueTable, type QueueRow } from "./queue-table";
import type { SlaBadge } from "@/lib/service-levels/sla-badges";
import { myAvailability } from "@/lib/org/my-availability";
import { MyAvailability } from "./availability-toggle";

export const metadata = { title: "Queue" };

type Search = Record<string, string | string[] | undefined>;

export default async function QueuePage({ params, searchParams }: { params: Promise<{ department: string }>; searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  // A repeated parameter counts once: the first wins, as in a form.
  const all = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  // After a transfer: the confirmation, not filters.
  const { transferred, to, ...search } = all;
  let queue: Awaited<ReturnType<typeof listQueue>>;
  try {
    queue = await listQueue({ actor, departmentKey: key, filter: search });
  } catch (e) {
    // Someone else's queue is as absent as one that does not exist.
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    if (e instanceof AppError && e.code === "INVALID_INPUT") return <BadFilter departmentKey={key} error={e} />;
    throw e;
  }
  const { filter, department } = queue;
  const [agents, options, available, layout, views, moved] = await Promise.all([
    assignableAgents(department.id),
    queueFilterOptions(department.id),
    myAvailability({ actor }),
    queueLayout({ actor, departmentId: department.id }),
    savedQueueViews({ actor, departmentId: department.id }),
    transferred ? transferOutcome({ actor, from: transferred, to }) : null,
  ]);
  // A bare address opens the agent's default view, if they chose one.
  if (Object.keys(all).length === 0 && layout.defaultView) {
    redirect(layout.defaultView.kind === "saved" ? `?saved=${encodeURIComponent(layout.defaultView.id)}` : `?view=${layout.defaultView.view}`);
  }
  const view = filter.saved ? null : currentView(filter);
  const link = (changes: Record<string, string | undefined>) => {
    const merged = Object.entries({ ...search, ...changes }).filter(([, v]) => typeof v === "string" && v !== "") as [string, string][];
    return `?${new URLSearchParams(merged)}`;
  };
  const rows: QueueRow[] = queue.rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    title: r.title,
    typeName: r.type.name,
    requesterName: r.requester.name,
    requesterDepartment: r.requesterDepartment.name,
    status: r.status,
    approvalState: r.approvalState,
    priority: r.priority,
    version: r.version,
    filed: formatWhen(r.createdAt, actor.timeZone),
    updated: formatWhen(r.updatedAt, actor.timeZone),
    assignee: r.assignee?.name ?? null,
    team: r.team?.name ?? null,
    sla: r.sla ? badgeOnly(r.sla) : undefined,
    slaDue: r.sla?.dueAt ? formatTime(r.sla.dueAt, { timeZone: actor.timeZone }) : null,
  }));
  // What a saved view keeps: the filters in effect now, as the address would say them.
  const current = savedFilterKeys.flatMap((k) => {
    const v = filter[k];
    return typeof v === "string" && v !== "" ? [[k, v] as [string, string]] : [];
  });
  const active = [filter.status !== "ACTIVE", filter.priority, filter.type, filter.assignee && filter.assignee !== "any", filter.team, filter.from, filter.sla, filter.q].filter(Boolean).length;
  const exportHref = `/queue/${department.key}/export${link({ cursor: "" })}`;
  const defaultChoice = layout.defaultView ? (layout.defaultView.kind === "saved" ? `saved:${layout.defaultView.id}` : layout.defaultView.view) : "";
  const agentOptions = agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>);
  const select = (id: string, label: string, name: string, value: string, children: ReactNode) => (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">{label}</label>
      <select id={id} name={name} defaultValue={value} className={`${inputClass} h-10`}>{children}</select>
    </div>
  );
  const tab = (href: string, label: ReactNode, isCurrent: boolean, keyName: string) => (
    <Link
      key={keyName}
      href={href}
      aria-current={isCurrent ? "page" : undefined}
      className={cx(
        "-mb-px shrink-0 rounded-t-md border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
        isCurrent ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
      )}
    >
      {label}
    </Link>
  );

  return (
    <>
      <PageHeader
        title={`${department.name} queue`}
        subtitle="Requests to your department. Views, filters and order live in the address, so a link shows the same queue."
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <Link className="text-sm font-semibold text-brand-700 hover:underline" href={`/queue/${department.key}/knowledge`}>Knowledge and known issues</Link>
            <MyAvailability available={available} department={department.key} />
          </div>
        }
      />
      <TransferNotice outcome={moved} />
      <nav aria-label="Saved views" className="mb-3 flex flex-wrap gap-x-1 border-b border-slate-200">
        {savedViews.map((v) => tab(`?view=${v.view}`, v.label, view === v.view, v.view))}
        {views.map((v) =>
          tab(
            `?saved=${encodeURIComponent(v.id)}`,
            <>
              {v.name}
              {v.shared ? <span className="ml-1 text-xs font-normal text-slate-500">{v.mine ? "(shared)" : `(${v.ownerName})`}</span> : null}
            </>,
            filter.saved === v.id,
            v.id,
          ),
        )}
      </nav>
      <div className="mb-3 flex flex-wrap items-start gap-2" role="group" aria-label="Views, columns and export">
        <SaveViewForm departmentKey={department.key} filter={current} />
        <ColumnChooser departmentKey={department.key} shown={layout.columns} />
        <ManageViews
          departmentKey={department.key}
          current={defaultChoice}
          choices={[...savedViews.map((v) => ({ value: v.view, label: v.label })), ...views.map((v) => ({ value: `saved:${v.id}`, label: v.mine ? v.name : `${v.name} (${v.ownerName})` }))]}
          mine={views.filter((v) => v.mine)}
        />
        <a href={exportHref} download className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50">
          Export CSV
        </a>
      </div>
      <QueueFilters
        active={active}
        reset={<ButtonLink href={filter.saved ? `?saved=${encodeURIComponent(filter.saved)}` : filter.view ? `?view=${filter.view}` : "?view=open"} variant="ghost" className="h-10">Reset</ButtonLink>}
      >
        {/* Keyed by the filters but the search text: a tab or the next page shows the new values, while typing keeps its place. */}
        <div key={JSON.stringify({ ...filter, q: undefined, cursor: undefined })} className="contents">
          {filter.view ? <input type="hidden" name="view" value={filter.view} /> : null}
          {filter.saved ? <input type="hidden" name="saved" value={filter.saved} /> : null}
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
              {agentOptions}
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
          {select("f-sort", "Order", "sort", filter.sort, queueSorts.map((s) => <option key={s} value={s}>{queueSortLabel[s]}</option>))}
        </div>
        <div key={`${filter.view ?? ""}|${filter.saved ?? ""}`}>
          <label htmlFor="f-q" className="block text-xs font-medium text-slate-600">Title or number</label>
          <input id="f-q" name="q" type="search" defaultValue={filter.q ?? ""} className={`${inputClass} h-10`} placeholder={`${department.key}-1042`} />
        </div>
        <div key={`tag|${filter.view ?? ""}|${filter.saved ?? ""}`}>
          <label htmlFor="f-tag" className="block text-xs font-medium text-slate-600">Tag</label>
          <input id="f-tag" name="tag" type="text" defaultValue={filter.tag ?? ""} className={`${inputClass} h-10`} />
        </div>
      </QueueFilters>
      <Card className="p-0">
        <QueueTable rows={rows} sort={filter.sort} agentOptions={agentOptions} departmentKey={department.key} shown={layout.columns} />
        {rows.length === 0 ? <p className="p-6 text-sm text-slate-600">No requests match these filters.</p> : null}
      </Card>
      <div className="mt-4 flex justify-end gap-4">
        {filter.cursor ? <Link className="text-sm text-brand-700 hover:underline" href={link({ cursor: "" })}>First page</Link> : null}
        {queue.nextCursor ? <Link className="text-sm text-brand-700 hover:underline" href={link({ cursor: queue.nextCursor })}>Next page</Link> : null}
      </div>
    </>
  );
}

/** What the row's badge shows: its due time goes as the reader reads it (slaDue), not as a Date too. */
function badgeOnly({ metric, state, minutesLeft, used, dayMinutes }: SlaBadge): QueueRow["sla"] {
  return { metric, state, minutesLeft, used, dayMinutes };
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
