"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { editArticle } from "@/lib/knowledge/edit-article";
import { flagArticleOutdated } from "@/lib/knowledge/flag-outdated";
import { publishArticle } from "@/lib/knowledge/publish-article";
import { returnArticleToAgent } from "@/lib/knowledge/return-article";
import { uploadArticleFile, type UploadedArticleFile } from "@/lib/knowledge/upload-article-file";
import { voteArticle } from "@/lib/knowledge/vote-article";

const str = (form: FormData, key: string) => String(form.get(key) ?? "");

export async function voteAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => voteArticle({ actor, input: { articleId: str(form, "articleId"), helpful: str(form, "helpful") } }));
}

export async function flagAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => flagArticleOutdated({ actor, input: { articleId: str(form, "articleId"), requestId: str(form, "requestId"), note: str(form, "note") } }));
}

export async function editAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) =>
    editArticle({
      actor,
      input: {
        articleId: str(form, "articleId"),
        expectedVersion: str(form, "expectedVersion"),
        title: str(form, "title"),
        body: str(form, "body"),
        visibility: str(form, "visibility") as "EVERYONE",
        tags: str(form, "tags"),
        requestTypeIds: form.getAll("requestTypeIds").map(String),
        reviewBy: str(form, "reviewBy"),
      },
    }),
  );
  if (state?.ok) revalidatePath("/knowledge", "layout");
  return state;
}

export async function publishAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => publishArticle({ actor, input: { articleId: str(form, "articleId"), version: str(form, "version") } }));
  if (state?.ok) revalidatePath("/knowledge", "layout");
  return state;
}

export async function returnAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => returnArticleToAgent({ actor, input: { articleId: str(form, "articleId"), version: str(form, "version"), reason: str(form, "reason") } }));
  if (state?.ok) revalidatePath("/knowledge", "layout");
  return state;
}

/** Images and files for the article being edited: stored, then handed back as Markdown the editor puts at the cursor. */
export async function uploadArticleFileAction(_prev: ActionState, form: FormData): Promise<ActionState<UploadedArticleFile[]>> {
  const files = form.getAll("files").filter((f): f is File => f instanceof File);
  return runAction((actor) => uploadArticleFile({ actor, input: { articleId: str(form, "articleId") }, files }));
}
