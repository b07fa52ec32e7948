import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { personForAdmin } from "@/lib/org/admin-reads";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader } from "../../../../_components/ui";
import { requireAdminPage } from "../../require-admin";
import { ActiveToggle, EditPersonForm, ManagerForm, RolesForm } from "../people-forms";

export const metadata = { title: "Person" };

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const { id } = await params;
  const { person, departments, history } = await personForAdmin({ actor, personId: id }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const grants = person.roles.map((r) => `${r.role}:${r.departmentId ?? ""}`);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/people" className="text-brand-700 hover:underline">← People</Link>
      </p>
      <PageHeader
        title={person.name}
        subtitle={
          <>
            {person.email} · {person.department.name}
            {person.active ? null : <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">Deactivated</span>}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="roles-heading">
            <h2 id="roles-heading" className="mb-1 text-lg font-semibold">Roles</h2>
            <p className="mb-4 text-sm text-slate-600">Everyone can file requests. Saving replaces all roles and signs the person out, so the change applies at once.</p>
            <RolesForm personId={person.id} personName={person.name} grants={grants} departments={departments} />
          </Card>
          <Card aria-labelledby="history-heading">
            <h2 id="history-heading" className="mb-3 text-lg font-semibold">Recent changes</h2>
            {history.length === 0 ? (
              <p className="text-sm text-slate-600">No recorded changes.</p>
            ) : (
              <ol className="space-y-1 text-sm">
                {history.map((h) => (
                  <li key={h.id} className="flex flex-wrap gap-x-3">
                    <time dateTime={h.at.toISOString()} className="text-slate-500">{formatWhen(h.at, actor.timeZone)}</time>
                    <span className="font-mono text-xs leading-5">{h.action}</span>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
        <aside className="space-y-6">
          <Card aria-labelledby="details-heading">
            <h2 id="details-heading" className="mb-3 text-lg font-semibold">Details</h2>
            <EditPersonForm person={person} departments={departments} />
          </Card>
          <Card aria-labelledby="manager-heading">
            <h2 id="manager-heading" className="mb-2 text-lg font-semibold">Manager</h2>
            <p className="mb-3 text-sm text-slate-600">Approval steps may ask the requester&apos;s manager.</p>
            <ManagerForm personId={person.id} manager={person.manager} />
          </Card>
          <Card aria-labelledby="access-heading">
            <h2 id="access-heading" className="mb-2 text-lg font-semibold">Access</h2>
            <p className="mb-3 text-sm text-slate-600">
              {person.active ? "Active: can sign in. Deactivating ends every session at once." : "Deactivated: cannot sign in."}
            </p>
            <ActiveToggle personId={person.id} personName={person.name} active={person.active} isSelf={person.id === actor.id} />
          </Card>
          {person.teams.length ? (
            <Card aria-labelledby="teams-heading">
              <h2 id="teams-heading" className="mb-2 text-lg font-semibold">Teams</h2>
              <ul className="text-sm">
                {person.teams.map((t) => (
                  <li key={`${t.team.department.key}-${t.team.name}`}>
                    {t.team.name} <span className="font-mono text-xs text-slate-500">{t.team.department.key}</span>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
        </aside>
      </div>
    </>
  );
}
