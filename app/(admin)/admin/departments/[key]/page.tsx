import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { departmentForAdmin } from "@/lib/org/admin-reads";
import { Card, PageHeader } from "../../../../_components/ui";
import { requireAdminPage } from "../../require-admin";
import { CreateTeamForm, EditDepartmentForm, HeadForm, TeamEditor } from "../department-forms";

export async function generateMetadata({ params }: { params: Promise<{ key: string }> }) {
  return { title: `Department ${(await params).key.toUpperCase().slice(0, 10)}` };
}

export default async function DepartmentAdminPage({ params }: { params: Promise<{ key: string }> }) {
  const actor = await requireAdminPage();
  const { key } = await params;
  const d = await departmentForAdmin({ actor, departmentKey: key }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/departments" className="text-brand-700 underline">All departments</Link></p>
      <PageHeader
        title={d.name}
        subtitle={<><span className="rounded bg-slate-100 px-1.5 font-mono text-xs text-slate-700">{d.key}</span> · {d.timeZone} · {d.agents.length} active agent{d.agents.length === 1 ? "" : "s"} · <Link className="text-brand-700 underline" href={`/admin/people?q=${encodeURIComponent(d.key)}`}>people</Link></>}
      />
      <datalist id="time-zones">
        {Intl.supportedValuesOf("timeZone").map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="details-heading" className="min-w-0">
          <h2 id="details-heading" className="mb-3 text-lg font-semibold">Details</h2>
          <EditDepartmentForm department={d} />
        </Card>
        <div className="min-w-0 space-y-6">
          <Card aria-labelledby={`dept-${d.id}-head`}>
            <h2 id={`dept-${d.id}-head`} className="mb-2 text-lg font-semibold">Head</h2>
            <HeadForm departmentId={d.id} departmentName={d.name} headId={d.heads[0]?.id ?? ""} candidates={d.headCandidates} />
            {d.heads.length > 1 ? (
              <p className="mt-1 text-xs text-amber-800">This department has {d.heads.length} heads ({d.heads.map((h) => h.name).join(", ")}); setting one replaces them all.</p>
            ) : null}
          </Card>
          <Card aria-labelledby={`dept-${d.id}-teams`} className="space-y-3">
            <h2 id={`dept-${d.id}-teams`} className="text-lg font-semibold">Teams</h2>
            {d.teams.length === 0 ? <p className="text-sm text-slate-600">No teams yet.</p> : null}
            {d.teams.map((t) => (
              <TeamEditor key={t.id} team={t} agents={d.agents} />
            ))}
            <CreateTeamForm departmentId={d.id} />
          </Card>
        </div>
      </div>
    </>
  );
}
