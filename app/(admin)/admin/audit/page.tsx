import Link from "@/app/_components/link";
import { AppError } from "@/lib/errors";
import { auditFilterChoices, listAuditLog } from "@/lib/org/audit-log";
import { auditActionGroups } from "@/lib/validation/audit";
import { formatWhen } from "@/lib/time/format-time";
import { Card, FieldError, PageHeader, inputClass } from "../../../_components/ui";
import { requireAdminPage } from "../require-admin";

export const metadata = { title: "Audit log" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireAdminPage();
  const search = await searchParams;
  const raw = { person: one(search.person), action: one(search.action), department: one(search.department), from: one(search.from), to: one(search.to), before: one(search.before) };
  const choices = await auditFilterChoices({ actor });
  const result = await listAuditLog({ actor, filters: raw, timeZone: actor.timeZone }).catch((e) => {
    if (e instanceof AppError && e.code === "INVALID_INPUT") return { error: e };
    throw e;
  });
  const errors = "error" in result ? (result.error.fieldErrors ?? {}) : {};
  const query = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...raw, before: undefined, ...extra })) if (v) p.set(k, v);
    return p.toString();
  };
  const filtered = Boolean(raw.person || raw.action || raw.department || raw.from || raw.to);

  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change to departments, people, roles, service levels, the catalogue and imports, newest first. Entries can never be edited or deleted." />
      <Card className="mb-4">
        <form method="get" action="/admin/audit" aria-label="Filter the audit log" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] lg:items-end">
          <div className="min-w-0">
            <label htmlFor="audit-person" className="block text-sm font-medium text-slate-800">Who</label>
            <select id="audit-person" name="person" defaultValue={raw.person ?? ""} className={`mt-1 ${inputClass}`} aria-invalid={errors.person ? true : undefined} aria-describedby={errors.person ? "person-error" : undefined}>
              <option value="">Anyone</option>
              <option value="system">The system</option>
              {choices.people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
            <FieldError id="person-error" messages={errors.person} />
          </div>
          <div className="min-w-0">
            <label htmlFor="audit-action" className="block text-sm font-medium text-slate-800">What</label>
            <select id="audit-action" name="action" defaultValue={raw.action ?? ""} className={`mt-1 ${inputClass}`} aria-invalid={errors.action ? true : undefined} aria-describedby={errors.action ? "action-error" : undefined}>
              <option value="">Any change</option>
              {Object.entries(auditActionGroups).map(([key, g]) => <option key={key} value={key}>{g.label}</option>)}
            </select>
            <FieldError id="action-error" messages={errors.action} />
          </div>
          <div className="min-w-0">
            <label htmlFor="audit-department" className="block text-sm font-medium text-slate-800">Department</label>
            <select id="audit-department" name="department" defaultValue={raw.department ?? ""} className={`mt-1 ${inputClass}`} aria-invalid={errors.department ? true : undefined} aria-describedby={errors.department ? "department-error" : undefined}>
              <option value="">Any department</option>
              {choices.departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </select>
            <FieldError id="department-error" messages={errors.department} />
          </div>
          <div className="min-w-0">
            <label htmlFor="audit-from" className="block text-sm font-medium text-slate-800">From</label>
            <input id="audit-from" type="date" name="from" defaultValue={raw.from} className={`mt-1 ${inputClass}`} aria-invalid={errors.from ? true : undefined} aria-describedby={errors.from ? "from-error" : undefined} />
            <FieldError id="from-error" messages={errors.from} />
          </div>
          <div className="min-w-0">
            <label htmlFor="audit-to" className="block text-sm font-medium text-slate-800">To</label>
            <input id="audit-to" type="date" name="to" defaultValue={raw.to} className={`mt-1 ${inputClass}`} aria-invalid={errors.to ? true : undefined} aria-describedby={errors.to ? "to-error" : undefined} />
            <FieldError id="to-error" messages={errors.to} />
          </div>
          <div className="flex flex-wrap gap-2">
            <button type="submit" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700">Show</button>
            {filtered ? <Link href="/admin/audit" className="rounded-md px-3 py-2 text-sm text-brand-700 underline">Clear</Link> : null}
          </div>
        </form>
        {"error" in result ? null : (
          <p className="mt-3 text-sm">
            <a href={`/admin/audit/export?${query({})}`} className="text-brand-700 underline" download>Download {filtered ? "these entries" : "the log"} as CSV</a>
            <span className="text-slate-600"> (times in {actor.timeZone})</span>
          </p>
        )}
      </Card>

      {"error" in result ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{result.error.userMessage} Nothing is shown until the filters read right.</p>
      ) : result.entries.length === 0 ? (
        <Card><p className="text-sm text-slate-600">{filtered || raw.before ? "No entries match these filters." : "Nothing recorded yet."}</p></Card>
      ) : (
        <Card className="p-0">
          <ol className="divide-y divide-slate-100" aria-label="Audit entries" data-testid="audit-entries">
            {result.entries.map((e) => (
              <li key={e.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:gap-4">
                <time dateTime={e.at.toISOString()} className="shrink-0 text-xs text-slate-600 sm:w-44 sm:text-sm">{formatWhen(e.at, actor.timeZone)}</time>
                <p className="min-w-0 text-sm break-words text-slate-900">
                  {e.sentence}
                  {e.href ? <> <Link href={e.href} className="text-brand-700 underline">Open</Link></> : null}
                </p>
              </li>
            ))}
          </ol>
        </Card>
      )}
      <nav aria-label="Audit log pages" className="mt-4 flex flex-wrap gap-3 text-sm">
        {raw.before ? <Link href={`/admin/audit?${query({})}`} className="text-brand-700 underline">Newest entries</Link> : null}
        {"error" in result || !result.nextBefore ? null : <Link href={`/admin/audit?${query({ before: result.nextBefore })}`} className="text-brand-700 underline">Older entries</Link>}
      </nav>
    </>
  );
}
