"use client";
import { useState } from "react";
import { Field, useActionForm } from "../../../_components/action-form";
import { Button, FormMessage, inputClass } from "../../../_components/ui";
import { createScimTokenAction, revokeScimTokenAction, type CreatedScimToken } from "./actions";

export function CreateScimTokenForm() {
  const { state, pending, errors, banner, formProps } = useActionForm(createScimTokenAction, { resetOnSuccess: true });
  const created = state?.ok ? (state.data as CreatedScimToken) : null;
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-4">
      <form {...formProps} className="flex flex-wrap items-end gap-3" noValidate>
        <Field id="scim-token-name" name="name" label="Token name" placeholder="e.g. Okta production" maxLength={80} error={errors?.name} className="min-w-60 flex-1" />
        <Button type="submit" disabled={pending}>Create token</Button>
      </form>
      <FormMessage state={banner} />
      {created ? (
        <div className="rounded-md bg-amber-50 p-4 ring-1 ring-amber-200" role="status">
          <label htmlFor="new-scim-token" className="block text-sm font-semibold text-amber-900">SCIM token “{created.name}”</label>
          <div className="mt-2 flex gap-2">
            <input id="new-scim-token" readOnly value={created.secret} className={`${inputClass} font-mono`} onFocus={(e) => e.currentTarget.select()} data-testid="new-scim-token" />
            <Button type="button" variant="secondary" onClick={() => void navigator.clipboard?.writeText(created.secret).then(() => setCopied(true), () => setCopied(false))}>
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
          <p className="mt-2 text-xs text-amber-900">Shown only now; the desk keeps only its hash.</p>
        </div>
      ) : null}
    </div>
  );
}

export function RevokeScimTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const { state, pending, formProps } = useActionForm(revokeScimTokenAction);
  return (
    <form
      {...formProps}
      onSubmit={(e) => {
        if (!window.confirm(`Revoke “${name}”? The identity provider using it stops provisioning at once.`)) e.preventDefault();
        else formProps.onSubmit(e);
      }}
    >
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" variant="secondary" disabled={pending}>Revoke<span className="sr-only"> {name}</span></Button>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
