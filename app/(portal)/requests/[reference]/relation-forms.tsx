"use client";
import Link from "@/app/_components/link";
import { useState } from "react";
import { useActionForm } from "../../../_components/action-form";
import { Button, FieldError, FormMessage, inputClass } from "../../../_components/ui";
import { linkAction, mergeAction, transferAction, unlinkAction } from "./relation-actions";

type Target = { id: string; name: string; requestTypes: { id: string; name: string }[] };
type Base = { requestId: string; reference: string; version: number };

const describedBy = (...ids: (string | false | null | undefined)[]) => ids.filter(Boolean).join(" ") || undefined;

/** Hand the request to another department: department, its request type, and a reason the requester sees. */
export function TransferForm({ requestId, reference, version, targets }: Base & { targets: Target[] }) {
  const { pending, errors, banner, formProps } = useActionForm(transferAction);
  const [departmentId, setDepartmentId] = useState("");
  const types = targets.find((t) => t.id === departmentId)?.requestTypes ?? [];
  return (
    <details className="group" open={Boolean(errors)}>
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">Transfer to another department</summary>
      <form {...formProps} className="mt-3 space-y-3">
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="reference" value={reference} />
        <input type="hidden" name="expectedVersion" value={version} />
        <div>
          <label htmlFor="transfer-department" className="block text-xs font-medium text-slate-600">Department</label>
          <select
            id="transfer-department"
            name="toDepartmentId"
            value={departmentId}
            onChange={(e) => setDepartmentId(e.target.value)}
            className={inputClass}
            aria-invalid={Boolean(errors?.toDepartmentId)}
            aria-describedby={describedBy(errors?.toDepartmentId && "transfer-department-error")}
          >
            <option value="">Choose a department</option>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>{t.name}</option>
            ))}
          </select>
          <FieldError id="transfer-department-error" messages={errors?.toDepartmentId} />
        </div>
        <div>
          <label htmlFor="transfer-type" className="block text-xs font-medium text-slate-600">Request type there</label>
          <select
            id="transfer-type"
            name="typeId"
            key={departmentId}
            defaultValue=""
            disabled={!departmentId}
            className={inputClass}
            aria-invalid={Boolean(errors?.typeId)}
            aria-describedby={describedBy("transfer-type-hint", errors?.typeId && "transfer-type-error")}
          >
            <option value="">Same name, else their first type</option>
            {types.map((t) => (
              <option key={t.id} value={t.id}>{t.name}</option>
            ))}
          </select>
          <p id="transfer-type-hint" className="mt-1 text-xs text-slate-500">The receiving department&apos;s service levels apply from now on.</p>
          <FieldError id="transfer-type-error" messages={errors?.typeId} />
        </div>
        <div>
          <label htmlFor="transfer-reason" className="block text-xs font-medium text-slate-600">Reason</label>
          <textarea
            id="transfer-reason"
            name="reason"
            rows={3}
            className={inputClass}
            aria-invalid={Boolean(errors?.reason)}
            aria-describedby={describedBy("transfer-reason-hint", errors?.reason && "transfer-reason-error")}
          />
          <p id="transfer-reason-hint" className="mt-1 text-xs text-slate-500">The requester sees this reason. The request gets a number of the receiving department; the old one keeps working.</p>
          <FieldError id="transfer-reason-error" messages={errors?.reason} />
        </div>
        <FormMessage state={banner} />
        <Button type="submit" variant="secondary" className="w-full" disabled={pending}>Transfer</Button>
      </form>
    </details>
  );
}

/** Close this request as a duplicate of another one. */
export function MergeForm({ requestId, reference, version }: Base) {
  const { pending, errors, banner, formProps } = useActionForm(mergeAction);
  const error = errors?.targetReference;
  return (
    <details className="group" open={Boolean(errors)}>
      <summary className="cursor-pointer text-sm font-semibold text-slate-800">Merge into another request</summary>
      <form {...formProps} className="mt-3 space-y-3">
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="reference" value={reference} />
        <input type="hidden" name="expectedVersion" value={version} />
        <label htmlFor="merge-target" className="block text-xs font-medium text-slate-600">The request this one duplicates</label>
        <input
          id="merge-target"
          name="targetReference"
          placeholder="e.g. FAC-1042"
          autoComplete="off"
          className={inputClass}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy("merge-target-hint", error && "merge-target-error")}
        />
        <p id="merge-target-hint" className="text-xs text-slate-500">This request closes; its requester follows the other one from then on.</p>
        <FieldError id="merge-target-error" messages={error} />
        <FormMessage state={banner} />
        <Button type="submit" variant="danger" className="w-full" disabled={pending}>Merge and close this request</Button>
      </form>
    </details>
  );
}

type LinkedRequest = { linkId: string; reference: string; title: string; status: string; department: string };

/** Related requests: the list for everyone who may see them, add and remove for agents. */
export function LinksCard({ requestId, reference, links, canEdit }: { requestId: string; reference: string; links: LinkedRequest[]; canEdit: boolean }) {
  return (
    <div className="space-y-3">
      <h2 id="links-heading" className="text-sm font-semibold">Related requests</h2>
      {links.length ? (
        <ul aria-labelledby="links-heading" className="space-y-2 text-sm" data-testid="links">
          {links.map((l) => (
            <li key={l.linkId} className="flex items-start justify-between gap-2">
              <span className="min-w-0">
                <Link className="font-mono text-brand-700 underline" href={`/requests/${l.reference}`}>{l.reference}</Link>{" "}
                <span className="break-words">{l.title}</span>
                <span className="block text-xs text-slate-500">{l.department}</span>
              </span>
              {canEdit ? <Unlink requestId={requestId} reference={reference} link={l} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">No related requests.</p>
      )}
      {canEdit ? <AddLink requestId={requestId} reference={reference} /> : null}
    </div>
  );
}

function AddLink({ requestId, reference }: { requestId: string; reference: string }) {
  const { pending, errors, banner, formProps } = useActionForm(linkAction, { resetOnSuccess: true });
  const error = errors?.otherReference;
  return (
    <form {...formProps} className="space-y-2">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="reference" value={reference} />
      <label htmlFor="link-reference" className="block text-xs font-medium text-slate-600">Link a request by its number</label>
      <div className="flex gap-2">
        <input
          id="link-reference"
          name="otherReference"
          placeholder="e.g. IT-2001"
          autoComplete="off"
          className={inputClass}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy(error && "link-reference-error")}
        />
        <Button type="submit" variant="secondary" disabled={pending}>Link</Button>
      </div>
      <FieldError id="link-reference-error" messages={error} />
      <FormMessage state={banner} />
    </form>
  );
}

function Unlink({ requestId, reference, link }: { requestId: string; reference: string; link: LinkedRequest }) {
  const { state, pending, formProps } = useActionForm(unlinkAction);
  return (
    <form {...formProps} className="flex flex-col items-end">
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="reference" value={reference} />
      <input type="hidden" name="linkId" value={link.linkId} />
      <Button type="submit" variant="ghost" className="px-2 py-1 text-xs" disabled={pending} aria-label={`Remove the link to ${link.reference}`}>
        Remove
      </Button>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}
