import Link from "next/link";
import { listAuditEvents } from "@/lib/org/audit";
import { Card, PageHeader, formatWhen } from "../../../_components/ui";
import { requireAdminPage } from "../require-admin";

export const metadata = { title: "Audit log" };

const limit = 200;

/** person:<id> links to the person's page; other subjects are shown as they are. */
function Subject({ subject }: { subject: string }) {
  const [kind, id] = subject.split(":");
  if (kind === "person" && id) return <Link href={`/admin/people/${id}`} className="font-mono text-xs text-brand-700 hover:underline">{subject}</Link>;
  return <span className="font-mono text-xs">{subject}</span>;
}

function detailText(detail: unknown): string {
  if (detail === null || detail === undefined) return "";
  const text = JSON.stringify(detail);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export default async function AuditPage() {
  const actor = await requireAdminPage();
  const events = await listAuditEvents({ actor, limit });
  return (
    <>
      <PageHeader title="Audit log" subtitle={`The latest ${limit} changes to departments, people, roles and imports. Entries can never be edited or deleted.`} />
      <Card className="overflow-x-auto p-0">
        {events.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">Nothing recorded yet.</p>
        ) : (
          <table className="min-w-full text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">When</th>
                <th scope="col" className="px-4 py-2">Who</th>
                <th scope="col" className="px-4 py-2">Action</th>
                <th scope="col" className="px-4 py-2">Subject</th>
                <th scope="col" className="px-4 py-2">Detail</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {events.map((e) => (
                <tr key={e.id}>
                  <td className="px-4 py-2 whitespace-nowrap text-slate-600">
                    <time dateTime={e.at.toISOString()}>{formatWhen(e.at, actor.timeZone)}</time>
                  </td>
                  <td className="px-4 py-2 whitespace-nowrap">{e.actor ? e.actor.name : <span className="text-slate-500">System</span>}</td>
                  <td className="px-4 py-2 font-mono text-xs whitespace-nowrap">{e.action}</td>
                  <td className="px-4 py-2"><Subject subject={e.subject} /></td>
                  <td className="max-w-md px-4 py-2 font-mono text-xs break-all text-slate-600">{detailText(e.detail)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
