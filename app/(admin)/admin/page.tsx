import Link from "@/app/_components/link";
import { adminOverview } from "@/lib/org/admin-reads";
import { ButtonLink, Card, PageHeader } from "../../_components/ui";
import { requireAdminPage } from "./require-admin";

export const metadata = { title: "Administration" };

export default async function AdminOverviewPage() {
  const actor = await requireAdminPage();
  const { totals, departments } = await adminOverview({ actor });
  const stats = [
    { label: "Active people", value: totals.people, href: "/admin/people" },
    { label: "Deactivated", value: totals.inactive, href: "/admin/people" },
    { label: "Administrators", value: totals.admins, href: "/admin/people" },
    { label: "Departments", value: totals.departments, href: "/admin/departments" },
  ];
  return (
    <>
      <PageHeader
        title="Administration"
        subtitle="Departments, people and their roles. Every change is written to the audit log."
        actions={
          <>
            <ButtonLink href="/admin/import" variant="secondary">Import directory</ButtonLink>
            <ButtonLink href="/admin/departments#new-department">New department</ButtonLink>
          </>
        }
      />
      <ul className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-4">
        {stats.map((s) => (
          <li key={s.label}>
            <Link href={s.href} className="block rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-brand-500">
              <span className="block text-xs font-medium text-slate-600">{s.label}</span>
              <span className="mt-1 block text-2xl font-semibold tabular-nums">{s.value}</span>
            </Link>
          </li>
        ))}
      </ul>
      <Card className="overflow-x-auto p-0">
        <h2 className="px-5 pt-4 text-lg font-semibold">Departments</h2>
        {departments.length === 0 ? (
          <p className="p-5 text-sm text-slate-600">
            No departments yet. <Link className="text-brand-700 underline" href="/admin/departments#new-department">Create the first one</Link>.
          </p>
        ) : (
          <table className="mt-3 min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-5 py-2">Department</th>
                <th scope="col" className="px-4 py-2">Head</th>
                <th scope="col" className="px-4 py-2 text-right">People</th>
                <th scope="col" className="px-4 py-2 text-right">Agents</th>
                <th scope="col" className="px-4 py-2 text-right">Teams</th>
                <th scope="col" className="px-4 py-2 text-right">Open requests</th>
                <th scope="col" className="px-4 py-2">Time zone</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {departments.map((d) => (
                <tr key={d.id} className="hover:bg-slate-50">
                  <td className="px-5 py-2">
                    <Link href={`/admin/departments/${d.key}`} className="font-medium text-brand-700 hover:underline">{d.name}</Link>
                    <span className="ml-2 font-mono text-xs text-slate-500">{d.key}</span>
                  </td>
                  <td className="px-4 py-2">
                    {d.heads.length ? (
                      d.heads.map((h, i) => (
                        <span key={h.id}>
                          {i > 0 ? ", " : null}
                          <Link href={`/admin/people/${h.id}`} className="hover:underline">{h.name}</Link>
                          {h.active ? null : <span className="text-xs text-red-700"> (deactivated)</span>}
                        </span>
                      ))
                    ) : (
                      <span className="text-amber-800">No head</span>
                    )}
                  </td>
                  <td className="px-4 py-2 text-right tabular-nums">{d.people}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{d.agents}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{d.teams}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{d.openRequests}</td>
                  <td className="px-4 py-2 text-slate-600">{d.timeZone}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
