import { exampleImportCsv } from "@/lib/validation/org";
import { Card, PageHeader } from "../../../_components/ui";
import { requireAdminPage } from "../require-admin";
import { ImportForm } from "./import-form";

export const metadata = { title: "Import directory" };

export default async function ImportPage() {
  await requireAdminPage();
  return (
    <>
      <PageHeader title="Import the directory" subtitle="Create and update people from a CSV export. Check first: nothing is saved unless every line is valid." />
      <div className="grid gap-6 lg:grid-cols-[1fr_24rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <ImportForm />
          </Card>
          <Card aria-labelledby="example-heading">
            <h2 id="example-heading" className="mb-2 font-semibold">Example</h2>
            <pre tabIndex={0} role="region" aria-label="Example CSV" className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100">{exampleImportCsv}</pre>
          </Card>
        </div>
        <aside className="space-y-4 text-sm">
          <Card aria-labelledby="format-heading">
            <h2 id="format-heading" className="mb-2 font-semibold">Format</h2>
            <ul className="list-disc space-y-1 pl-4 text-slate-700">
              <li>Header line: <code className="font-mono text-xs">email,name,title,department,roles</code>, optionally followed by <code className="font-mono text-xs">manager</code></li>
              <li><strong>manager</strong> is the manager&apos;s email: someone in the file or already in the directory. An empty cell means no manager; without the column everyone keeps theirs.</li>
              <li><strong>department</strong> is a department key, e.g. FAC.</li>
              <li>
                <strong>roles</strong> are separated by <code>;</code>: <code className="font-mono text-xs">agent:KEY</code>, <code className="font-mono text-xs">head:KEY</code>,{" "}
                <code className="font-mono text-xs">hr</code>, <code className="font-mono text-xs">admin</code>. Empty means employee only.
              </li>
              <li>People are matched by email. Roles in the file replace their current roles; people not in the file are left alone.</li>
              <li>Quote values that contain commas: <code className="font-mono text-xs">&quot;Hopper, Grace&quot;</code>.</li>
            </ul>
          </Card>
        </aside>
      </div>
    </>
  );
}
