"use server";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import { fileRequest } from "@/lib/requests/file-request";

export async function fileRequestAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const fieldValues: Record<string, unknown> = {};
  // The form names each value as react-hook-form holds it: fieldValues.<key>.
  const prefix = "fieldValues.";
  for (const name of new Set([...form.keys()].filter((k) => k.startsWith(prefix)))) {
    const key = name.slice(prefix.length);
    const all = form.getAll(name).map(String);
    fieldValues[key] = form.get(`multi.${key}`) ? all : all[0];
  }
  const isFile = (v: FormDataEntryValue): v is File => typeof v !== "string";
  const fieldFiles = Object.fromEntries(
    [...new Set([...form.keys()].filter((k) => k.startsWith("file.")))].map((key) => [key.slice(5), form.getAll(key).filter(isFile)]),
  );
  const state = await runAction((actor) =>
    fileRequest({
      actor,
      input: {
        typeId: String(form.get("typeId") ?? ""),
        title: String(form.get("title") ?? ""),
        description: String(form.get("description") ?? ""),
        submissionKey: String(form.get("submissionKey") ?? ""),
        fieldValues,
      },
      files: form.getAll("attachments").filter(isFile),
      fieldFiles,
    }),
  );
  // The use case names a field's errors by its key; the form shows them as fieldValues.<key>.
  if (state && !state.ok && state.fieldErrors) {
    const own = new Set(["title", "description", "attachments", "typeId", "submissionKey", "_form"]);
    return { ...state, fieldErrors: Object.fromEntries(Object.entries(state.fieldErrors).map(([k, v]) => [own.has(k) || k.startsWith("fieldValues.") ? k : `fieldValues.${k}`, v])) };
  }
  if (state?.ok) redirect(`/requests/${state.data.reference}?filed=1`);
  return state;
}
