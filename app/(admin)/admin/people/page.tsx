import Link from "@/app/_components/link";
import { departmentChoices, listPeople, peoplePageSize } from "@/lib/org/admin-reads";
import { Button, Card, PageHeader, cx, inputClass } from "../../../_components/ui";
import { requireAdminPage } from "../require-admin";
import { ActiveToggle, CreatePersonForm } from "./people-forms";
import { RoleBadges } from "./role-badges";

export const metadata = { title: "People" };

export default async function PeoplePage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const actor = await requireAdminPage();
  const search = await searchParams;
  const [people, departments] = await Promise.all([listPeople({ actor, search }), departmentChoices({ actor })]);
  const pageHref = (page: number) => `/admin/people?${new URLSearchParams({ ...(people.q ? { q: people.q } : {}), page: String(page) })}`;
  const first = people.total === 0 ? 0 : (people.page - 1) * peoplePageSize + 1;
  const last = Math.min(people.total, people.page * peoplePageSize);

  return (
    <>
      <PageHeader title="People" subtitle="Everyone in the directory. Roles are edited on each person's page." />

      <details className="mb-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <summary className="cursor-pointer text-sm font-semibold">Add a person</summary>
        <div className="mt-3">
          {departments.length ? <CreatePersonForm departments={departments} /> : <p className="text-sm text-slate-600">Create a department first.</p>}
        </div>
      </details>

      <form method="get" role="search" className="mb-4 flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="people-q" className="block text-xs font-medium text-slate-600">Search by name, email, title or department key</label>
          <input id="people-q" name="q" type="search" defaultValue={people.q} className={inputClass} />
        </div>
        <Button type="submit" variant="secondary">Search</Button>
        {people.q ? <Link href="/admin/people" className="py-2 text-sm text-brand-700 hover:underline">Clear</Link> : null}
      </form>

      <Card className="relative overflow-x-auto p-0">
        {people.rows.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">{people.q ? `Nobody matches “${people.q}”.` : "Nobody in the directory yet."}</p>
        ) : (
          <table className="min-w-full text-sm">
            <caption className="sr-only">People, page {people.page} of {people.pageCount}</caption>
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">Person</th>
                <th scope="col" className="px-4 py-2">Department</th>
                <th scope="col" className="px-4 py-2">Roles</th>
                <th scope="col" className="px-4 py-2">Status</th>
                <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {people.rows.map((p) => (
                <tr key={p.id} className={cx("hover:bg-slate-50", !p.active && "text-slate-500")}>
                  <td className="px-4 py-2">
                    <Link href={`/admin/people/${p.id}`} className="font-medium text-brand-700 hover:underline">{p.name}</Link>
                    <span className="block text-xs text-slate-600">{p.email}{p.title ? ` · ${p.title}` : ""}</span>
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">
                    {p.department.name} <span className="font-mono text-xs text-slate-500">{p.department.key}</span>
                  </td>
                  <td className="px-4 py-2"><RoleBadges roles={p.roles} /></td>
                  <td className="px-4 py-2">
                    {p.active ? <span className="text-emerald-800">Active</span> : <span className="font-medium text-red-700">Deactivated</span>}
                  </td>
                  <td className="px-4 py-2 text-right whitespace-nowrap">
                    <ActiveToggle personId={p.id} personName={p.name} active={p.active} isSelf={p.id === actor.id} compact />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="text-slate-600">{people.total ? `${first}–${last} of ${people.total}` : "0 people"}</p>
        <div className="flex gap-2">
          {people.page > 1 ? (
            <Link href={pageHref(people.page - 1)} rel="prev" className="rounded-md px-3 py-1.5 ring-1 ring-slate-300 hover:bg-white">Previous</Link>
          ) : null}
          <span className="px-2 py-1.5 text-slate-600">Page {people.page} of {people.pageCount}</span>
          {people.page < people.pageCount ? (
            <Link href={pageHref(people.page + 1)} rel="next" className="rounded-md px-3 py-1.5 ring-1 ring-slate-300 hover:bg-white">Next</Link>
          ) : null}
        </div>
      </nav>
    </>
  );
}
