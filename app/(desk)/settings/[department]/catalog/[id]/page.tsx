import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { requestTypeForEditing } from "@/lib/catalog/catalog-settings-reads";
import { AppError } from "@/lib/errors";
import { Card, PageHeader } from "../../../../../_components/ui";
import { TypeForm } from "../type-forms";
import { ApprovalEditor } from "./approval-editor";
import { FieldEditor } from "./field-editor";

export const metadata = { title: "Request type" };

export default async function RequestTypeSettingsPage({ params }: { params: Promise<{ department: string; id: string }> }) {
  const actor = await requireActor();
  const { department: key, id } = await params;
  const { department, teams, type, approvalChoices } = await requestTypeForEditing({ actor, departmentKey: key, typeId: id }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/settings/${department.key}/catalog`} className="text-brand-700 hover:underline">← {department.name} catalogue</Link>
      </p>
      <PageHeader
        title={type.name}
        subtitle={
          type.active ? (
            <>
              Offered at <Link className="text-brand-700 underline" href={`/catalog/${department.key}/${type.slug}`}>/catalog/{department.key}/{type.slug}</Link>. {type.requestCount} request{type.requestCount === 1 ? "" : "s"} filed.
            </>
          ) : (
            `Not offered in the catalogue. ${type.requestCount} request${type.requestCount === 1 ? "" : "s"} filed.`
          )
        }
      />
      <div className="max-w-4xl space-y-6">
        <Card aria-labelledby="settings-heading">
          <h2 id="settings-heading" className="mb-3 text-lg font-semibold">Settings</h2>
          <TypeForm
            department={department.key}
            target={{ typeId: type.id, version: type.version }}
            values={{ name: type.name, slug: type.slug, description: type.description, defaultPriority: type.defaultPriority, defaultTeamId: type.defaultTeamId ?? "" }}
            teams={teams}
          />
        </Card>
        <Card aria-labelledby="fields-heading">
          <h2 id="fields-heading" className="mb-1 text-lg font-semibold">Form fields</h2>
          <p className="mb-3 text-xs text-slate-600">Asked after the title and description, in this order. Changes apply to new requests.</p>
          {type.fieldsProblem ? <p role="alert" className="mb-3 text-sm text-red-700">The stored form could not be read; saving replaces it with the fields below.</p> : null}
          <FieldEditor department={department.key} typeId={type.id} version={type.version} fields={type.fields} requestCount={type.requestCount} />
        </Card>
        <Card aria-labelledby="approvals-heading">
          <h2 id="approvals-heading" className="mb-1 text-lg font-semibold">Approval steps</h2>
          <p className="mb-3 text-xs text-slate-600">
            A request of this type waits for these steps, in order, before {department.name} starts on it (its clocks start at the last approval; a rejection closes it with the reason). A step with a condition applies only when the form&apos;s answer meets it.
          </p>
          {type.approvalsProblem ? <p role="alert" className="mb-3 text-sm text-red-700">The stored approval steps could not be read; saving replaces them with the steps below.</p> : null}
          <ApprovalEditor department={department.key} typeId={type.id} version={type.version} steps={type.approvalSteps} fields={type.fields} choices={approvalChoices} />
        </Card>
      </div>
    </>
  );
}
