import { randomUUID } from "node:crypto";
import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { attachmentLimits } from "@/lib/attachments/limits";
import { requireActor } from "@/lib/auth/session";
import { getRequestType } from "@/lib/catalog/list-catalog";
import { AppError } from "@/lib/errors";
import { listKnownIssues } from "@/lib/knowledge/list-known-issues";
import { readExpectations } from "@/lib/experience/read-expectations";
import { TypeExpectationText } from "../../../../_components/type-expectation";
import { PageHeader } from "../../../../_components/ui";
import { KnownIssues } from "./known-issues";
import { RequestForm } from "./request-form";

export default async function NewRequestPage({ params }: { params: Promise<{ department: string; type: string }> }) {
  const actor = await requireActor();
  const { department, type: slug } = await params;
  const type = await getRequestType({ actor, departmentKey: department, slug }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [issues, expectations] = await Promise.all([listKnownIssues({ actor, departmentId: type.department.id, typeId: type.id }), readExpectations({ actor, typeIds: [type.id] })]);
  return (
    <div className="mx-auto max-w-2xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-slate-600">
        <Link href="/catalog" className="hover:underline">Get help</Link> / {type.department.name}
      </nav>
      <PageHeader title={type.name} subtitle={type.description || `A request to ${type.department.name}.`} />
      <KnownIssues issues={issues.map((i) => ({ id: i.id, title: i.title, body: i.body, followerCount: i.followerCount, following: i.following }))} />
      <p className="mb-4 rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
        <span className="block text-sm font-semibold text-slate-800">What to expect</span>
        <TypeExpectationText expectation={expectations.get(type.id)} className="text-sm" />
      </p>
      <RequestForm typeId={type.id} fields={type.fields} submissionKey={randomUUID()} limits={attachmentLimits()} />
    </div>
  );
}
