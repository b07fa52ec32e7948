import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { readOutboxEmail } from "@/lib/email/admin-mailbox";
import { AppError } from "@/lib/errors";
import { Card, PageHeader } from "../../../../_components/ui";
import { requireAdminPage } from "../../require-admin";

export const metadata = { title: "Email" };

/** One mail of the embedded demo's local outbox, as its recipient would get it. */
export default async function OutboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const { id } = await params;
  const mail = await readOutboxEmail({ actor, deliveryId: id }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return (
    <>
      <PageHeader title={mail.subject || "(no subject)"} subtitle={<>To {mail.to} · <Link className="underline" href="/admin/email?status=SENT">back to the outbox</Link></>} />
      <div className="space-y-6">
        {mail.html ? (
          <Card aria-labelledby="html-heading" className="p-0">
            <h2 id="html-heading" className="px-4 pt-3 text-sm font-semibold">As the recipient sees it</h2>
            {/* sandbox: the mail's HTML runs nothing and reaches nothing of the desk. */}
            <iframe title="The mail, rendered" sandbox="" srcDoc={mail.html} className="h-96 w-full border-0 bg-white" />
          </Card>
        ) : null}
        <Card aria-labelledby="text-heading">
          <h2 id="text-heading" className="mb-2 text-sm font-semibold">Plain-text part</h2>
          <pre className="overflow-x-auto whitespace-pre-wrap break-words text-sm" data-testid="outbox-text">{mail.text}</pre>
        </Card>
        <Card aria-labelledby="headers-heading" className="overflow-x-auto">
          <h2 id="headers-heading" className="mb-2 text-sm font-semibold">Headers</h2>
          <pre className="whitespace-pre-wrap break-all font-mono text-xs" data-testid="outbox-headers">{mail.headers.map((h) => h.line).join("\n")}</pre>
        </Card>
      </div>
    </>
  );
}
