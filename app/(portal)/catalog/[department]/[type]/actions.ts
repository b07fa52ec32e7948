"use server";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import { fileRequest } from "@/lib/requests/file-request";

export async function fileRequestAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const fieldValues: Record<string, unknown> = {};
  for (const key of new Set([...form.keys()].filter((k) => k.startsWith("field.")))) {
    const all = form.getAll(key).map(String);
    fieldValues[key.slice(6)] = form.get(`multi.${key.slice(6)}`) ? all : all[0];
  }
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
      files: form.getAll("attachments").filter((v): v is File => typeof v !== "string"),
    }),
  );
  if (state?.ok) redirect(`/requests/${state.data.reference}?filed=1`);
  return state;
}
