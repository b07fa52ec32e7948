import Link from "next/link";
import { departmentsForAdmin } from "@/lib/org/admin-reads";
import { Card, PageHeader } from "../../../_components/ui";
import { requireAdminPage } from "../require-admin";
import { CreateDepartmentForm, CreateTeamForm, EditDepartmentForm, HeadForm, TeamEditor } from "./department-forms";

export const metadata = { title: "Departments" };

export default async function DepartmentsPage() {
  const actor = await requireAdminPage();
  const departments = await departmentsForAdmin({ actor });
  return (
    <>
      <PageHeader title="Departments" subtitle="Each department provides services with its own time zone, head, agents and teams." />
      <datalist id="time-zones">
        {Intl.supportedValuesOf("timeZone").map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>

      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0 space-y-6 lg:order-1">
          {departments.length === 0 ? <p className="text-sm text-slate-600">No departments yet: create the first one.</p> : null}
          {departments.map((d) => (
            <Card key={d.id} id={`dept-${d.key}`} aria-labelledby={`dept-${d.id}-heading`} className="scroll-mt-6 space-y-5">
              <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <h2 id={`dept-${d.id}-heading`} className="text-lg font-semibold">{d.name}</h2>
                <span className="rounded bg-slate-100 px-1.5 font-mono text-xs text-slate-700">{d.key}</span>
                <span className="text-xs text-slate-600">{d.timeZone}</span>
                <span className="ml-auto text-xs text-slate-600">
                  {d.agents.length} active agent{d.agents.length === 1 ? "" : "s"} ·{" "}
                  <Link className="text-brand-700 underline" href={`/admin/people?q=${encodeURIComponent(d.key)}`}>people</Link>
                </span>
              </header>
              {d.description ? <p className="text-sm text-slate-700">{d.description}</p> : null}

              <details className="group rounded-md bg-slate-50 p-3">
                <summary className="cursor-pointer text-sm font-semibold text-slate-800">Edit details</summary>
                <div className="mt-3">
                  <EditDepartmentForm department={d} />
                </div>
              </details>

              <div>
                <h3 id={`dept-${d.id}-head`} className="mb-2 text-sm font-semibold">Head</h3>
                <HeadForm departmentId={d.id} departmentName={d.name} headId={d.heads[0]?.id ?? ""} candidates={d.headCandidates} />
                {d.heads.length > 1 ? (
                  <p className="mt-1 text-xs text-amber-800">This department has {d.heads.length} heads ({d.heads.map((h) => h.name).join(", ")}); setting one replaces them all.</p>
                ) : null}
              </div>

              <div className="space-y-3">
                <h3 id={`dept-${d.id}-teams`} className="text-sm font-semibold">Teams</h3>
                {d.teams.map((t) => (
                  <TeamEditor key={t.id} team={t} agents={d.agents} />
                ))}
                <CreateTeamForm departmentId={d.id} />
              </div>
            </Card>
          ))}
        </div>

        <aside className="lg:order-2">
          <Card id="new-department" aria-labelledby="new-department-heading" className="scroll-mt-6 lg:sticky lg:top-6">
            <h2 id="new-department-heading" className="mb-3 text-lg font-semibold">New department</h2>
            <CreateDepartmentForm />
          </Card>
        </aside>
      </div>
    </>
  );
}
