import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { assignableAgents } from "@/lib/requests/get-request";
import { listQueue } from "@/lib/requests/list-queue";
import { priorities, priorityLabel, statuses, statusLabel } from "@/lib/validation/requests";
import { Button, Card, PageHeader, PriorityText, StatusBadge, formatWhen, inputClass } from "../../../_components/ui";
import { SlaBadgeView } from "../../../_components/sla-badge";
import { AssignToMe } from "./assign-to-me";

type Search = { status?: string; priority?: string; assignee?: string; q?: string; cursor?: string; sort?: string };

export default async function QueuePage({ params, searchParams }: { params: Promise<{ department: string }>; searchParams: Promise<Search> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  const search = await searchParams;
  const queue = await listQueue({ actor, departmentKey: key, filter: search }).catch((e) => {
    // Someone else's queue is as absent as one that does not exist.
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN" || e.code === "INVALID_INPUT")) notFound();
    throw e;
  });
  const agents = await assignableAgents(queue.department.id);
  const { filter } = queue;
  const next = queue.nextCursor ? `?${new URLSearchParams({ ...stripEmpty(search), cursor: queue.nextCursor })}` : null;

  return (
    <>
      <PageHeader title={`${queue.department.name} queue`} subtitle="Requests to your department, newest first." />
      <Card className="mb-4">
        <form method="get" className="grid items-end gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <div>
            <label htmlFor="f-status" className="block text-xs font-medium text-slate-600">Status</label>
            <select id="f-status" name="status" defaultValue={filter.status} className={`${inputClass} h-10`}>
              <option value="ACTIVE">Needs work</option>
              {statuses.map((s) => <option key={s} value={s}>{statusLabel[s]}</option>)}
              <option value="ALL">All</option>
            </select>
          </div>
          <div>
            <label htmlFor="f-priority" className="block text-xs font-medium text-slate-600">Priority</label>
            <select id="f-priority" name="priority" defaultValue={filter.priority ?? ""} className={`${inputClass} h-10`}>
              <option value="">Any</option>
              {priorities.map((p) => <option key={p} value={p}>{priorityLabel[p]}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="f-assignee" className="block text-xs font-medium text-slate-600">Assignee</label>
            <select id="f-assignee" name="assignee" defaultValue={filter.assignee ?? ""} className={`${inputClass} h-10`}>
              <option value="">Anyone</option>
              <option value="me">Me</option>
              <option value="none">Unassigned</option>
              {agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="f-q" className="block text-xs font-medium text-slate-600">Title or number</label>
            <input id="f-q" name="q" defaultValue={filter.q ?? ""} className={`${inputClass} h-10`} placeholder={`${queue.department.key}-1042`} />
          </div>
          <div>
            <label htmlFor="f-sort" className="block text-xs font-medium text-slate-600">Order</label>
            <select id="f-sort" name="sort" defaultValue={filter.sort} className={`${inputClass} h-10`}>
              <option value="newest">Newest first</option>
              <option value="due">Breaching soon</option>
            </select>
          </div>
          <Button type="submit" variant="secondary" className="h-10">Filter</Button>
        </form>
      </Card>
      <Card className="overflow-x-auto p-0">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">Request</th>
              <th scope="col" className="px-4 py-2">From</th>
              <th scope="col" className="px-4 py-2">Status</th>
              <th scope="col" className="px-4 py-2">SLA</th>
              <th scope="col" className="px-4 py-2">Priority</th>
              <th scope="col" className="px-4 py-2">Assignee</th>
              <th scope="col" className="px-4 py-2">Filed</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {queue.rows.map((r) => (
              <tr key={r.id} className="hover:bg-slate-50">
                <td className="px-4 py-2">
                  <Link href={`/requests/${r.reference}`} className="font-medium text-brand-700 hover:underline">
                    <span className="mr-2 font-mono text-xs text-slate-600">{r.reference}</span>
                    {r.title}
                  </Link>
                  <span className="block text-xs text-slate-500">{r.type.name}</span>
                </td>
                <td className="px-4 py-2">
                  {r.requester.name}
                  <span className="block text-xs text-slate-500">{r.requesterDepartment.name}</span>
                </td>
                <td className="px-4 py-2"><StatusBadge status={r.status} /></td>
                <td className="px-4 py-2"><SlaBadgeView badge={r.sla} /></td>
                <td className="px-4 py-2"><PriorityText priority={r.priority} /></td>
                <td className="px-4 py-2">
                  {r.assignee ? r.assignee.name : r.status === "CLOSED" ? "—" : <AssignToMe requestId={r.id} version={r.version} department={queue.department.key} reference={r.reference} />}
                </td>
                <td className="px-4 py-2 text-xs whitespace-nowrap text-slate-600">{formatWhen(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {queue.rows.length === 0 ? <p className="p-6 text-sm text-slate-600">No requests match these filters.</p> : null}
      </Card>
      <div className="mt-4 flex justify-end gap-2">
        {filter.cursor ? <Link className="text-sm text-brand-700 hover:underline" href={`?${new URLSearchParams(stripEmpty({ ...search, cursor: "" }))}`}>First page</Link> : null}
        {next ? <Link className="text-sm text-brand-700 hover:underline" href={next}>Next page</Link> : null}
      </div>
    </>
  );
}

function stripEmpty(search: Search): Record<string, string> {
  return Object.fromEntries(Object.entries(search).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
}
