"use client";
import { useEffect, useRef, useState, type ChangeEvent, type FocusEvent, type ReactNode } from "react";
import { acceptAttribute, acceptedSummary, acceptedTypes, extensionOf } from "@/lib/attachments/sniff";
import { FieldError } from "./ui";

export type AttachmentLimitsProps = { maxFiles: number; maxBytes: number; maxMegabytes: number };

const knownExtensions = new Set<string>(Object.values(acceptedTypes).flatMap((t) => [...t.extensions]));

/**
 * A multiple file input with the limits as help text. Obvious mistakes (too many, too large, an
 * extension the desk never takes) are caught on selection and the selection is cleared; the server
 * checks everything again by content, and its refusals arrive as `errors`.
 */
export function AttachmentInput({
  id,
  limits,
  errors,
  className,
  name = "attachments",
  label = (
    <>
      Attach files <span className="text-xs font-normal text-slate-500">(optional)</span>
    </>
  ),
  help,
  errorId = `${id}-error`,
  onFiles,
  onBlur,
}: {
  id: string;
  limits: AttachmentLimitsProps;
  errors?: string[];
  className?: string;
  /** The form part the files are posted as; a file field of a request form posts its own. */
  name?: string;
  label?: ReactNode;
  help?: ReactNode;
  errorId?: string;
  /** Told the names of the files kept after each selection (a form library holds them as the field's value). */
  onFiles?: (names: string[]) => void;
  onBlur?: (event: FocusEvent<HTMLInputElement>) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  // What the last selection got wrong; a new answer from the server, or a reset form, replaces it.
  const [local, setLocal] = useState<string[] | undefined>();
  const [seen, setSeen] = useState(errors);
  if (errors !== seen) {
    setSeen(errors);
    setLocal(undefined);
  }
  useEffect(() => {
    const form = ref.current?.form;
    if (!form) return;
    const clear = () => setLocal(undefined);
    form.addEventListener("reset", clear);
    return () => form.removeEventListener("reset", clear);
  }, []);
  const shown = local ?? errors;
  const describedBy = [help ? `${id}-help` : null, `${id}-hint`, shown?.length ? errorId : null].filter(Boolean).join(" ");

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const chosen = [...(input.files ?? [])];
    const problems: string[] = [];
    if (chosen.length > limits.maxFiles) problems.push(`Attach at most ${limits.maxFiles} files at a time (you chose ${chosen.length}).`);
    for (const file of chosen) {
      if (file.size > limits.maxBytes) problems.push(`“${file.name}” is larger than ${limits.maxMegabytes} MB.`);
      else if (file.size === 0) problems.push(`“${file.name}” is empty.`);
      else if (extensionOf(file.name) && !knownExtensions.has(extensionOf(file.name))) problems.push(`“${file.name}” is not a kind of file the desk accepts.`);
    }
    if (problems.length) input.value = "";
    setLocal(problems);
    onFiles?.(problems.length ? [] : chosen.map((f) => f.name));
  };

  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        name={name}
        type="file"
        multiple
        accept={acceptAttribute}
        onChange={onChange}
        onBlur={onBlur}
        aria-invalid={Boolean(shown?.length)}
        aria-describedby={describedBy}
        className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
      />
      {help ? <p id={`${id}-help`} className="mt-1 text-xs text-slate-600">{help}</p> : null}
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        Up to {limits.maxFiles} files, {limits.maxMegabytes} MB each: {acceptedSummary}.
      </p>
      <FieldError id={errorId} messages={shown?.length ? shown : undefined} />
    </div>
  );
}
