"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { articleForReply } from "@/lib/knowledge/article-for-reply";
import { draftArticleFromRequest } from "@/lib/knowledge/draft-from-request";
import { flagArticleOutdated } from "@/lib/knowledge/flag-outdated";
import { searchArticles, type ArticleHit } from "@/lib/knowledge/search-articles";
import { linkToProblem, unlinkFromProblem } from "@/lib/problems/link-to-problem";
import { resolveProblem } from "@/lib/problems/resolve-problem";

const str = (form: FormData, key: string) => String(form.get(key) ?? "");

export async function findArticlesAction(_prev: ActionState, form: FormData): Promise<ActionState<ArticleHit[]>> {
  return runAction((actor) => searchArticles({ actor, query: str(form, "query"), limit: 8 }));
}

export async function articleTextAction(requestId: string, articleId: string, mode: "link" | "text"): Promise<ActionState<{ text: string }>> {
  return runAction((actor) => articleForReply({ actor, input: { requestId, articleId, mode } }));
}

export async function flagFromRequestAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => flagArticleOutdated({ actor, input: { articleId: str(form, "articleId"), requestId: str(form, "requestId"), note: str(form, "note") } }));
}

export async function draftArticleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => draftArticleFromRequest({ actor, input: { requestId: str(form, "requestId") } }));
  if (state?.ok) redirect(`/knowledge/${state.data.departmentKey}/${state.data.slug}`);
  return state;
}

export async function linkProblemAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => linkToProblem({ actor, input: { requestId: str(form, "requestId"), problemReference: str(form, "problemReference") } }));
  if (state?.ok) revalidatePath(`/requests/${str(form, "reference")}`);
  return state;
}

export async function unlinkProblemAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => unlinkFromProblem({ actor, input: { requestId: str(form, "requestId") } }));
  if (state?.ok) revalidatePath(`/requests/${str(form, "reference")}`);
  return state;
}

export async function resolveProblemAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => resolveProblem({ actor, input: { problemId: str(form, "problemId"), fix: str(form, "fix"), linked: str(form, "linked") as "resolve" } }));
  if (state?.ok) revalidatePath(`/requests/${str(form, "reference")}`);
  return state;
}
