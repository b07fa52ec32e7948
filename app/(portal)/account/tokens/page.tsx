import { listApiTokens, type ApiTokenState } from "@/lib/api-tokens/list-api-tokens";
import { requireActor } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/webhooks/manage-webhooks";
import { formatWhen } from "@/lib/time/format-time";
import { Card, PageHeader, cx } from "../../../_components/ui";
import { WebhookForm } from "../../../_components/webhook-forms";
import { WebhookList } from "../../../_components/webhook-list";
import { CreateTokenForm, RevokeTokenButton } from "./token-forms";

export const metadata = { title: "API tokens" };

const stateStyle: Record<ApiTokenState, string> = {
  active: "bg-emerald-100 text-emerald-800",
  expired: "bg-slate-200 text-slate-700",
  revoked: "bg-red-100 text-red-800",
};

export default async function ApiTokensPage() {
  const actor = await requireActor();
  const [tokens, webhooks] = await Promise.all([listApiTokens({ actor }), listWebhooks({ actor, owner: { personId: actor.id } })]);
  return (
    <>
      <PageHeader
        title="API tokens"
        subtitle={
          <>
            Personal tokens for the <a className="text-brand-700 underline" href="/api/v1/openapi.json">REST API</a>. A token acts as you, with
            exactly what you may do here; send it as <code className="rounded bg-slate-100 px-1">Authorization: Bearer sd_…</code>.
          </>
        }
      />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-3 text-base font-semibold">New token</h2>
          <CreateTokenForm />
        </Card>
        <Card className="p-0">
          {tokens.length === 0 ? (
            <p className="p-6 text-sm text-slate-600">You have no tokens yet.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Your API tokens</caption>
              <thead className="border-b border-slate-200 text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-5 py-2 font-medium">Name</th>
                  <th scope="col" className="px-3 py-2 font-medium">Token</th>
                  <th scope="col" className="px-3 py-2 font-medium">Created</th>
                  <th scope="col" className="px-3 py-2 font-medium">Last used</th>
                  <th scope="col" className="px-3 py-2 font-medium">Expires</th>
                  <th scope="col" className="px-3 py-2 font-medium">State</th>
                  <th scope="col" className="px-5 py-2"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <td className="px-5 py-2 font-medium">{t.name}</td>
                    <td className="px-3 py-2 font-mono text-xs">{t.prefix}…</td>
                    <td className="px-3 py-2">{formatWhen(t.createdAt, actor.timeZone)}</td>
                    <td className="px-3 py-2">{t.lastUsedAt ? formatWhen(t.lastUsedAt, actor.timeZone) : "Never"}</td>
                    <td className="px-3 py-2">{t.expiresAt ? formatWhen(t.expiresAt, actor.timeZone) : "Never"}</td>
                    <td className="px-3 py-2">
                      <span className={cx("rounded-full px-2 py-0.5 text-xs font-medium", stateStyle[t.state])}>{t.state}</span>
                    </td>
                    <td className="px-5 py-2 text-right">{t.state === "active" ? <RevokeTokenButton tokenId={t.id} name={t.name} /> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <section aria-labelledby="my-webhooks-heading" className="space-y-3">
          <h2 id="my-webhooks-heading" className="text-lg font-semibold">Your webhooks</h2>
          <p className="text-sm text-slate-600">
            Have the desk post to your own receiver (or a Slack or Teams channel) when requests you may see change: the ones you filed or follow, and
            your department&apos;s queue if you work it. Your ratings reach only your own webhook. Deliveries are signed with the webhook&apos;s secret.
          </p>
          <WebhookList webhooks={webhooks} back="/account/tokens" timeZone={actor.timeZone} />
          <Card aria-labelledby="new-my-webhook-heading">
            <h3 id="new-my-webhook-heading" className="mb-3 text-base font-semibold">New webhook</h3>
            <WebhookForm back="/account/tokens" />
          </Card>
        </section>
      </div>
    </>
  );
}
