import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { departmentForSettings } from "@/lib/catalog/catalog-settings-reads";
import { AppError } from "@/lib/errors";
import { listWebhooks } from "@/lib/webhooks/manage-webhooks";
import { Card, PageHeader } from "../../../../_components/ui";
import { WebhookForm } from "../../../../_components/webhook-forms";
import { WebhookList } from "../../../../_components/webhook-list";

export const metadata = { title: "Webhooks" };

export default async function DepartmentWebhooksPage({ params }: { params: Promise<{ department: string }> }) {
  const actor = await requireActor();
  const { department: key } = await params;
  const loaded = await (async () => {
    const department = await departmentForSettings({ actor, departmentKey: key });
    return { department, webhooks: await listWebhooks({ actor, owner: { departmentId: department.id } }) };
  })().catch((e) => {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  });
  const { department, webhooks } = loaded;
  const back = `/settings/${department.key}/webhooks`;
  return (
    <>
      <PageHeader
        title={`${department.name} webhooks`}
        subtitle="Tell another system, or a Slack or Teams channel, when requests to your department are filed, change, get replies or are resolved. A webhook sees what your agents see; internal notes only if you ask. Each delivery is signed, retried when the receiver fails, and logged here."
      />
      <div className="space-y-6">
        <section aria-labelledby="webhooks-heading" className="space-y-3">
          <h2 id="webhooks-heading" className="text-lg font-semibold">Webhooks</h2>
          <WebhookList webhooks={webhooks} back={back} departmentId={department.id} timeZone={actor.timeZone} />
        </section>
        <Card aria-labelledby="new-webhook-heading">
          <h2 id="new-webhook-heading" className="mb-3 text-lg font-semibold">New webhook</h2>
          <WebhookForm back={back} departmentId={department.id} />
        </Card>
      </div>
    </>
  );
}
