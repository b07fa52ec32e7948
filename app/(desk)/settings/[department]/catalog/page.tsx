import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { catalogSettings } from "@/lib/catalog/catalog-settings-reads";
import { AppError } from "@/lib/errors";
import { priorityLabel } from "@/lib/validation/requests";
import { Card, PageHeader } from "../../../../_components/ui";
import { TypeForm, TypeRowControls } from "./type-forms";

export const metadata = { title: "Catalogue" };

export default async function CatalogSettingsPage({ params }: { params: Promise<{ department: string }> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  const { department, teams, types } = await catalogSettings({ actor, departmentKey: key }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const base = `/settings/${department.key}/catalog`;

  return (
    <>
      <PageHeader
        title={`${department.name} catalogue`}
        subtitle="The request types co-workers can file to your department, in the order the catalogue shows them. Types with requests are never deleted: take them out of the catalogue instead."
      />
      <div className="space-y-6">
        <Card aria-labelledby="types-heading">
          <h2 id="types-heading" className="mb-3 text-lg font-semibold">Request types</h2>
          {types.length === 0 ? (
            <p className="text-sm text-slate-600">No request types yet: {department.name} does not appear in the catalogue.</p>
          ) : (
            <ol className="divide-y divide-slate-100" data-testid="request-types">
              {types.map((t, index) => (
                <li key={t.id} className="grid gap-3 py-3 md:grid-cols-[2rem_1fr_auto]">
                  <span className="text-sm font-semibold text-slate-500">{index + 1}.</span>
                  <div className="min-w-0 space-y-1">
                    <p className="flex flex-wrap items-center gap-2">
                      <Link href={`${base}/${t.id}`} className="font-medium text-brand-700 hover:underline">{t.name}</Link>
                      {t.active ? null : <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">Not offered</span>}
                      <span className="font-mono text-xs text-slate-500">{t.slug}</span>
                    </p>
                    {t.description ? <p className="text-xs text-slate-600">{t.description}</p> : null}
                    <p className="text-xs text-slate-600">
                      {t.requestCount} request{t.requestCount === 1 ? "" : "s"} · {t.fieldCount} field{t.fieldCount === 1 ? "" : "s"} · {priorityLabel[t.defaultPriority]} priority
                      {t.teamName ? ` · ${t.teamName}` : ""}
                    </p>
                  </div>
                  <TypeRowControls department={department.key} typeId={t.id} name={t.name} active={t.active} first={index === 0} last={index === types.length - 1} />
                </li>
              ))}
            </ol>
          )}
          <details className="mt-4 rounded-md bg-slate-50 p-3" open={types.length === 0}>
            <summary className="cursor-pointer text-sm font-semibold text-slate-800">New request type</summary>
            <div className="mt-3">
              <TypeForm department={department.key} target={{ departmentId: department.id }} values={{ name: "", slug: "", description: "", defaultPriority: "NORMAL", defaultTeamId: "" }} teams={teams} />
            </div>
          </details>
        </Card>
      </div>
    </>
  );
}
