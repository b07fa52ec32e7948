"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { announceKnownIssue } from "@/lib/knowledge/announce-known-issue";
import { createArticle } from "@/lib/knowledge/create-article";
import { endKnownIssue } from "@/lib/knowledge/end-known-issue";
import { setKnowledgeEditor } from "@/lib/knowledge/set-knowledge-editor";

const str = (form: FormData, key: string) => String(form.get(key) ?? "");

export async function createArticleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    createArticle({
      actor,
      input: {
        departmentId: str(form, "departmentId"),
        title: str(form, "title"),
        body: str(form, "body"),
        visibility: str(form, "visibility") as "EVERYONE",
        tags: str(form, "tags"),
        requestTypeIds: form.getAll("requestTypeIds").map(String),
        reviewBy: str(form, "reviewBy"),
      },
    }),
  );
  if (state?.ok) redirect(`/knowledge/${str(form, "departmentKey")}/${state.data.slug}`);
  return state;
}

export async function announceAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    announceKnownIssue({ actor, input: { departmentId: str(form, "departmentId"), title: str(form, "title"), body: str(form, "body"), requestTypeIds: form.getAll("requestTypeIds").map(String) } }),
  );
  if (state?.ok) revalidatePath(`/queue/${str(form, "departmentKey")}/knowledge`);
  return state;
}

export async function endIssueAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => endKnownIssue({ actor, input: { knownIssueId: str(form, "knownIssueId"), note: str(form, "note") } }));
  if (state?.ok) revalidatePath(`/queue/${str(form, "departmentKey")}/knowledge`);
  return state;
}

export async function editorAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => setKnowledgeEditor({ actor, input: { departmentId: str(form, "departmentId"), personId: str(form, "personId"), editor: str(form, "editor") === "true" } }));
  if (state?.ok) revalidatePath(`/queue/${str(form, "departmentKey")}/knowledge`);
  return state;
}
