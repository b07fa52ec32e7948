"use client";
import { Banner, useActionForm } from "../../../_components/action-form";
import { Button, FieldError, inputClass } from "../../../_components/ui";
import { uploadEmlAction } from "./actions";

/** Try inbound mail without a mail server: paste a message or choose an .eml file. */
export function UploadEmlForm() {
  const { formProps, errors, banner, pending } = useActionForm(uploadEmlAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="space-y-3" noValidate>
      <div>
        <label htmlFor="eml-file" className="block text-xs font-medium text-slate-600">An .eml file</label>
        <input id="eml-file" name="file" type="file" accept=".eml,message/rfc822" className="mt-1 block text-sm" />
      </div>
      <div>
        <label htmlFor="eml-pasted" className="block text-xs font-medium text-slate-600">…or the message&apos;s source, pasted</label>
        <textarea
          id="eml-pasted"
          name="pasted"
          rows={8}
          className={`${inputClass} font-mono text-xs`}
          aria-describedby={errors?.eml ? "eml-pasted-error" : undefined}
          placeholder={"From: erin.evans@example.com\nTo: facilities@example.com\nSubject: The heating is off\n\nIt is 14 degrees in room 4."}
        />
        <FieldError id="eml-pasted-error" messages={errors?.eml} />
      </div>
      <div className="flex flex-wrap items-center justify-end gap-3">
        <Banner state={banner} />
        <Button type="submit" disabled={pending}>{pending ? "Receiving…" : "Receive this mail"}</Button>
      </div>
    </form>
  );
}
