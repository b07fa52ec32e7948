"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { importDirectory, type ImportResult } from "@/lib/org/import-directory";
import { importLimits } from "@/lib/validation/org";

/** The CSV comes from the uploaded file when one was chosen, otherwise from the text box. */
export async function importAction(_prev: ActionState<ImportResult>, form: FormData): Promise<ActionState<ImportResult>> {
  const dryRun = String(form.get("intent") ?? "check") !== "import";
  const file = form.get("file");
  let csv = String(form.get("csv") ?? "");
  if (file instanceof File && file.size > 0) {
    if (file.size > importLimits.maxBytes) {
      const message = `The file is ${(file.size / 1_000_000).toFixed(1)} MB; the limit is 1 MB. Split it and import the parts one after another.`;
      return { ok: false, message, fieldErrors: { csv: [message] } };
    }
    csv = await file.text();
  }
  const state = await runAction((actor) => importDirectory({ actor, csv, dryRun }));
  if (state?.ok && state.data.ok && !dryRun) revalidatePath("/admin", "layout");
  return state;
}
