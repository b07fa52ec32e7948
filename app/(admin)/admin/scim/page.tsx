import { env } from "@/lib/env";
import { listScimTokens } from "@/lib/scim/scim-tokens";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader, cx } from "../../../_components/ui";
import { requireAdminPage } from "../require-admin";
import { CreateScimTokenForm, RevokeScimTokenButton } from "./scim-forms";

export const metadata = { title: "Directory sync (SCIM)" };

export default async function ScimPage() {
  const actor = await requireAdminPage();
  const tokens = await listScimTokens({ actor });
  const base = `${env().NEXTAUTH_URL.replace(/\/$/, "")}/scim/v2`;
  return (
    <>
      <PageHeader
        title="Directory sync (SCIM)"
        subtitle="Let your identity provider (Okta, Microsoft Entra ID) create, update and deactivate people, and keep departments and managers in step. Deactivating someone there signs them out here and revokes their API tokens."
      />
      <div className="space-y-6">
        <Card aria-labelledby="scim-connect-heading">
          <h2 id="scim-connect-heading" className="mb-2 text-lg font-semibold">Connect</h2>
          <dl className="grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
            <dt className="font-medium text-slate-700">SCIM base URL</dt>
            <dd className="break-all font-mono text-xs">{base}</dd>
            <dt className="font-medium text-slate-700">Authentication</dt>
            <dd>HTTP header, bearer token: a token from below.</dd>
            <dt className="font-medium text-slate-700">Groups</dt>
            <dd>Departments. Pushing a group creates the department; its members are the people whose home department it is.</dd>
            <dt className="font-medium text-slate-700">Manager, department</dt>
            <dd>The enterprise extension&apos;s <code className="font-mono text-xs">manager</code> and <code className="font-mono text-xs">department</code> (a department&apos;s name).</dd>
          </dl>
        </Card>
        <Card aria-labelledby="scim-new-heading">
          <h2 id="scim-new-heading" className="mb-3 text-lg font-semibold">New token</h2>
          <CreateScimTokenForm />
        </Card>
        <Card className="p-0">
          {tokens.length === 0 ? (
            <p className="p-6 text-sm text-slate-600">No SCIM tokens yet.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">SCIM tokens</caption>
                <thead className="border-b border-slate-200 text-xs text-slate-600">
                  <tr>
                    <th scope="col" className="px-5 py-2 font-medium">Name</th>
                    <th scope="col" className="px-3 py-2 font-medium">Token</th>
                    <th scope="col" className="px-3 py-2 font-medium">Created</th>
                    <th scope="col" className="px-3 py-2 font-medium">Last used</th>
                    <th scope="col" className="px-3 py-2 font-medium">State</th>
                    <th scope="col" className="px-5 py-2"><span className="sr-only">Actions</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {tokens.map((t) => (
                    <tr key={t.id}>
                      <td className="px-5 py-2 font-medium">{t.name}</td>
                      <td className="px-3 py-2 font-mono text-xs">{t.prefix}…</td>
                      <td className="px-3 py-2">{formatWhen(t.createdAt, actor.timeZone)} by {t.createdBy.name}</td>
                      <td className="px-3 py-2">{t.lastUsedAt ? formatWhen(t.lastUsedAt, actor.timeZone) : "Never"}</td>
                      <td className="px-3 py-2">
                        <span className={cx("rounded-full px-2 py-0.5 text-xs font-medium", t.revokedAt ? "bg-red-100 text-red-800" : "bg-emerald-100 text-emerald-800")}>{t.revokedAt ? "revoked" : "active"}</span>
                      </td>
                      <td className="px-5 py-2 text-right">{t.revokedAt ? null : <RevokeScimTokenButton tokenId={t.id} name={t.name} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
