"use client";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import type { ImportResult } from "@/lib/org/import-directory";
import { importLimits } from "@/lib/validation/org-values";
import { Button, FieldError, FormMessage, inputClass } from "../../../_components/ui";
import { importAction } from "./actions";

const shownErrors = 200;

export function ImportForm() {
  const [state, dispatch, pending] = useActionState(importAction, null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const fieldErrors = state && !state.ok ? state.fieldErrors?.csv : undefined;
  const csvError = fileProblem ? [fileProblem] : fieldErrors;
  const result = state?.ok ? state.data : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Submitting by hand keeps the pasted text and the chosen file for the next click (React would reset the form).
    event.preventDefault();
    if (fileProblem) return;
    const form = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    const file = form.get("file");
    // Send one copy of the CSV only: the request body is limited.
    if (file instanceof File && file.size > 0) form.delete("csv");
    else form.delete("file");
    startTransition(() => dispatch(form));
  }

  return (
    <div className="space-y-6">
      <form action={dispatch} onSubmit={onSubmit} className="space-y-4">
        <div>
          <label htmlFor="import-file" className="block text-sm font-semibold">CSV file</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="import-file-hint"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              setFileProblem(file && file.size > importLimits.maxBytes ? `${file.name} is ${(file.size / 1_000_000).toFixed(1)} MB; the limit is 1 MB. Split it into smaller files.` : null);
            }}
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:font-semibold file:text-brand-700 hover:file:bg-brand-100"
          />
          <p id="import-file-hint" className="mt-1 text-xs text-slate-600">UTF-8, at most 1 MB and 5,000 people. A chosen file is used instead of the text below.</p>
        </div>
        <div>
          <label htmlFor="import-csv" className="block text-sm font-semibold">Or paste the CSV</label>
          <textarea
            id="import-csv"
            name="csv"
            rows={10}
            spellCheck={false}
            className={`${inputClass} font-mono`}
            aria-invalid={Boolean(csvError)}
            aria-describedby={csvError ? "import-csv-error" : undefined}
            placeholder="email,name,title,department,roles"
          />
          <FieldError id="import-csv-error" messages={csvError} />
        </div>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" name="intent" value="check" variant="secondary" disabled={pending}>Check only</Button>
          <Button type="submit" name="intent" value="import" disabled={pending}>Import</Button>
          {pending ? <span role="status" className="self-center text-sm text-slate-600">Working…</span> : null}
        </div>
        {state && !state.ok && !fieldErrors ? <FormMessage state={state} /> : null}
      </form>
      {result ? <ImportOutcome result={result} /> : null}
    </div>
  );
}

function ImportOutcome({ result }: { result: ImportResult }) {
  if (result.ok) {
    const counts = `${result.created} to create, ${result.updated} to update, ${result.unchanged} unchanged`;
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="import-outcome">
        {result.dryRun
          ? `The file is fine: ${counts}. Nothing was saved yet: press Import to apply it.`
          : `Imported: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged. People whose roles changed were signed out.`}
      </p>
    );
  }
  const rows = result.errors.slice(0, shownErrors);
  return (
    <section aria-labelledby="import-errors-heading" className="rounded-lg bg-white shadow-sm ring-1 ring-red-200">
      <div role="alert" className="border-b border-red-100 bg-red-50 px-4 py-3">
        <h2 id="import-errors-heading" className="text-sm font-semibold text-red-800">
          {result.errors.length} {result.errors.length === 1 ? "line needs" : "lines need"} fixing. Nothing was saved.
        </h2>
        <p className="text-xs text-red-800">Fix every line below and check again; the import applies all lines or none.</p>
      </div>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">Line</th>
              <th scope="col" className="px-4 py-2">Email</th>
              <th scope="col" className="px-4 py-2">Problems</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((e) => (
              <tr key={`${e.line}-${e.email ?? ""}`}>
                <td className="px-4 py-2 font-mono tabular-nums">{e.line}</td>
                <td className="px-4 py-2 break-all">{e.email ?? <span className="text-slate-500">—</span>}</td>
                <td className="px-4 py-2">
                  <ul className="list-disc space-y-0.5 pl-4">
                    {e.messages.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.errors.length > shownErrors ? (
        <p className="px-4 py-2 text-xs text-slate-600">Showing the first {shownErrors} of {result.errors.length} lines with problems.</p>
      ) : null}
    </section>
  );
}
