"use client";
import { useState } from "react";
import { webhookEventLabels, webhookEventNames, type WebhookEventName } from "@/lib/validation/webhook-values";
import { Banner, Field, SelectField, useActionForm } from "./action-form";
import { Button, FieldError, FormMessage, inputClass } from "./ui";
import { createWebhookAction, deleteWebhookAction, rotateWebhookSecretAction, setWebhookActiveAction, updateWebhookAction, type ShownSecret } from "./webhook-actions";

type Values = { name: string; url: string; format: "JSON" | "SLACK" | "TEAMS"; events: string[]; includeInternal: boolean };

const formatLabels = { JSON: "JSON, signed (your own receiver)", SLACK: "Slack incoming webhook", TEAMS: "Microsoft Teams incoming webhook" } as const;

/**
 * A new webhook (no id) or an existing one. `departmentId` makes it the department's (internal
 * notes may be asked for; ratings never go to a department); without it, the person's own.
 */
export function WebhookForm({ back, departmentId, id, values }: { back: string; departmentId?: string; id?: string; values?: Values }) {
  const { state, formProps, errors, banner, pending } = useActionForm(id ? updateWebhookAction : createWebhookAction, { resetOnSuccess: !id });
  const prefix = id ? `webhook-${id}` : "webhook-new";
  const events = webhookEventNames.filter((e) => !(departmentId && e === "request.rated"));
  const chosen = values?.events ?? events.filter((e) => e !== "request.rated");
  const created = !id && state?.ok ? (state.data as ShownSecret) : null;
  return (
    <div className="space-y-4">
      <form {...formProps} className="space-y-3" noValidate>
        <input type="hidden" name="back" value={back} />
        {departmentId && !id ? <input type="hidden" name="departmentId" value={departmentId} /> : null}
        {id ? <input type="hidden" name="webhookId" value={id} /> : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={`${prefix}-name`} name="name" label="Webhook name" defaultValue={values?.name ?? ""} maxLength={80} placeholder="e.g. Ops channel" error={errors?.name} />
          <SelectField id={`${prefix}-format`} name="format" label="Format" defaultValue={values?.format ?? "JSON"} error={errors?.format}>
            {(Object.keys(formatLabels) as (keyof typeof formatLabels)[]).map((f) => (
              <option key={f} value={f}>{formatLabels[f]}</option>
            ))}
          </SelectField>
        </div>
        <Field
          id={`${prefix}-url`}
          name="url"
          label="Address (URL)"
          type="url"
          inputMode="url"
          defaultValue={values?.url ?? ""}
          maxLength={2000}
          placeholder="https://hooks.example.com/desk"
          hint="Public https:// addresses only. For Slack or Teams, paste the channel's incoming-webhook address."
          error={errors?.url}
        />
        <fieldset aria-describedby={errors?.events ? `${prefix}-events-error` : undefined}>
          <legend className="text-xs font-medium text-slate-600">Events</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {events.map((e: WebhookEventName) => (
              <label key={e} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="events" value={e} defaultChecked={chosen.includes(e)} className="h-4 w-4" />
                {webhookEventLabels[e]}
              </label>
            ))}
          </div>
          <FieldError id={`${prefix}-events-error`} messages={errors?.events} />
        </fieldset>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="includeInternal"
            defaultChecked={values?.includeInternal ?? false}
            className="mt-0.5 h-4 w-4"
            aria-invalid={errors?.includeInternal ? true : undefined}
            aria-describedby={errors?.includeInternal ? `${prefix}-internal-hint ${prefix}-internal-error` : `${prefix}-internal-hint`}
          />
          <span>
            Include internal notes and internal changes
            <span id={`${prefix}-internal-hint`} className="block text-xs text-slate-500">
              Only where {departmentId ? "the department's agents" : "you"} may read them. Leave off for anything outside the desk&apos;s staff, such as a shared channel.
            </span>
          </span>
        </label>
        <FieldError id={`${prefix}-internal-error`} messages={errors?.includeInternal} />
        <div className="flex flex-wrap items-center justify-end gap-3">
          <Banner state={created ? null : banner} />
          <Button type="submit" disabled={pending}>{id ? "Save" : "Create webhook"}</Button>
        </div>
      </form>
      {created ? <SecretOnce key={created.secret} name={created.name} secret={created.secret} message={state?.ok ? state.message : undefined} /> : null}
    </div>
  );
}

function SecretOnce({ name, secret, message }: { name: string; secret: string; message?: string }) {
  const [copied, setCopied] = useState(false);
  const id = `secret-${secret.slice(6, 14)}`;
  return (
    <div className="rounded-md bg-amber-50 p-4 ring-1 ring-amber-200" role="status">
      <label htmlFor={id} className="block text-sm font-semibold text-amber-900">Signing secret of “{name}”</label>
      <div className="mt-2 flex gap-2">
        <input id={id} readOnly value={secret} className={`${inputClass} font-mono`} onFocus={(e) => e.currentTarget.select()} data-testid="webhook-secret" />
        <Button type="button" variant="secondary" onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false))}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="mt-2 text-xs text-amber-900">{message ?? "Shown only now."} Verify each delivery&apos;s Desk-Signature header with it (see the README).</p>
    </div>
  );
}

/** Enable or disable, make a new secret, delete: one small form each. */
export function WebhookActions({ back, id, name, active }: { back: string; id: string; name: string; active: boolean }) {
  const toggle = useActionForm(setWebhookActiveAction);
  const rotate = useActionForm(rotateWebhookSecretAction);
  const remove = useActionForm(deleteWebhookAction);
  const rotated = rotate.state?.ok ? (rotate.state.data as ShownSecret) : null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap justify-end gap-2">
        <form {...toggle.formProps}>
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="webhookId" value={id} />
          <input type="hidden" name="active" value={active ? "false" : "true"} />
          <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={toggle.pending}>
            {active ? "Disable" : "Enable"}<span className="sr-only"> {name}</span>
          </Button>
        </form>
        <form
          {...rotate.formProps}
          onSubmit={(e) => {
            if (!window.confirm(`Make a new secret for “${name}”? Receivers holding the old one stop accepting deliveries until they get the new one.`)) e.preventDefault();
            else rotate.formProps.onSubmit(e);
          }}
        >
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="webhookId" value={id} />
          <input type="hidden" name="name" value={name} />
          <Button type="submit" variant="secondary" className="px-2 py-1 text-xs" disabled={rotate.pending}>
            New secret<span className="sr-only"> for {name}</span>
          </Button>
        </form>
        <form
          {...remove.formProps}
          onSubmit={(e) => {
            if (!window.confirm(`Delete “${name}” and its delivery log?`)) e.preventDefault();
            else remove.formProps.onSubmit(e);
          }}
        >
          <input type="hidden" name="back" value={back} />
          <input type="hidden" name="webhookId" value={id} />
          <Button type="submit" variant="ghost" className="px-2 py-1 text-xs text-red-700 hover:bg-red-50" disabled={remove.pending}>
            Delete<span className="sr-only"> {name}</span>
          </Button>
        </form>
      </div>
      {[toggle.state, remove.state].map((s, i) => (s && !s.ok ? <FormMessage key={i} state={s} /> : null))}
      {rotate.state && !rotate.state.ok ? <FormMessage state={rotate.state} /> : null}
      {rotated ? <SecretOnce key={rotated.secret} name={rotated.name} secret={rotated.secret} message={rotate.state?.ok ? rotate.state.message : undefined} /> : null}
    </div>
  );
}
