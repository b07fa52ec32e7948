import Link from "@/app/_components/link";
import { departmentListForAdmin } from "@/lib/org/admin-reads";
import { Card, PageHeader } from "../../../_components/ui";
import { requireAdminPage } from "../require-admin";
import { CreateDepartmentForm } from "./department-forms";

export const metadata = { title: "Departments" };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export default async function DepartmentsPage() {
  const actor = await requireAdminPage();
  const departments = await departmentListForAdmin({ actor });
  return (
    <>
      <PageHeader title="Departments" subtitle="Each department provides services with its own time zone, head, agents and teams. Open one to change it." />
      <datalist id="time-zones">
        {Intl.supportedValuesOf("timeZone").map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 lg:order-1">
          {departments.length === 0 ? (
            <p className="text-sm text-slate-600">No departments yet: create the first one.</p>
          ) : (
            <Card className="p-0">
              <ul className="divide-y divide-slate-100" aria-label="Departments" data-testid="department-list">
                {departments.map((d) => (
                  <li key={d.id} id={`dept-${d.key}`} className="scroll-mt-6 px-4 py-3">
                    <p className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                      <Link href={`/admin/departments/${d.key}`} className="font-medium text-brand-700 hover:underline">{d.name}</Link>
                      <span className="rounded bg-slate-100 px-1.5 font-mono text-xs text-slate-700">{d.key}</span>
                      <span className="text-xs text-slate-600">{d.timeZone}</span>
                    </p>
                    <p className="mt-1 text-xs text-slate-700">
                      {d.heads.length ? `Head: ${d.heads.map((h) => h.name).join(", ")}` : <span className="text-amber-800">No head</span>} · {plural(d.agents, "agent")} · {plural(d.teams, "team")} · {plural(d.people, "person", "people")} · {plural(d.requestTypes, "request type")}
                    </p>
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </div>

        <aside className="min-w-0 lg:order-2">
          <Card id="new-department" aria-labelledby="new-department-heading" className="scroll-mt-6 lg:sticky lg:top-6">
            <h2 id="new-department-heading" className="mb-3 text-lg font-semibold">New department</h2>
            <CreateDepartmentForm />
          </Card>
        </aside>
      </div>
    </>
  );
}
