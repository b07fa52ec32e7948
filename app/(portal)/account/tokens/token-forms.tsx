"use client";
import { useActionState, useState } from "react";
import { tokenExpiryChoices } from "@/lib/validation/api-values";
import { Field, SelectField, useActionForm } from "../../../_components/action-form";
import { Button, FormMessage, inputClass } from "../../../_components/ui";
import { createTokenAction, revokeTokenAction, type CreatedToken } from "./actions";

const expiryLabel: Record<(typeof tokenExpiryChoices)[number], string> = { "30": "In 30 days", "90": "In 90 days", "365": "In a year", never: "Never" };

export function CreateTokenForm() {
  const { state, pending, errors, banner, formProps } = useActionForm(createTokenAction, { resetOnSuccess: true });
  const created = state?.ok ? (state.data as CreatedToken) : null;
  return (
    <div className="space-y-4">
      <form {...formProps} className="flex flex-wrap items-end gap-3">
        <Field id="token-name" name="name" label="Name" placeholder="e.g. Monitoring script" maxLength={80} required error={errors?.name} className="min-w-60 flex-1" />
        <SelectField id="token-expiry" name="expiresIn" label="Expires" defaultValue="90" error={errors?.expiresIn}>
          {tokenExpiryChoices.map((c) => (
            <option key={c} value={c}>{expiryLabel[c]}</option>
          ))}
        </SelectField>
        <Button type="submit" disabled={pending}>Create token</Button>
      </form>
      <FormMessage state={banner} />
      {created ? <NewSecret key={created.secret} name={created.name} secret={created.secret} /> : null}
    </div>
  );
}

function NewSecret({ name, secret }: { name: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="rounded-md bg-amber-50 p-4 ring-1 ring-amber-200">
      <label htmlFor="new-token" className="block text-sm font-semibold text-amber-900">Your new token “{name}”</label>
      <div className="mt-2 flex gap-2">
        <input id="new-token" readOnly value={secret} className={`${inputClass} font-mono`} onFocus={(e) => e.currentTarget.select()} data-testid="new-token" />
        <Button
          type="button"
          variant="secondary"
          onClick={() => void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false))}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="mt-2 text-xs text-amber-900">It is shown only now and never stored: if you lose it, revoke it and create another.</p>
    </div>
  );
}

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const [state, action, pending] = useActionState(revokeTokenAction, null);
  return (
    <form action={action} onSubmit={(e) => { if (!window.confirm(`Revoke “${name}”? Anything using it stops working at once.`)) e.preventDefault(); }}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Revoke ${name}`}>Revoke</Button>
      {state && !state.ok ? <p role="alert" className="mt-1 text-xs text-red-700">{state.message}</p> : null}
    </form>
  );
}
