"use server";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import { followKnownIssue } from "@/lib/knowledge/follow-known-issue";
import { recordDeflection } from "@/lib/knowledge/record-deflection";
import { suggestArticles, type Suggestion } from "@/lib/knowledge/suggest-articles";

export async function suggestArticlesAction(typeId: string, title: string): Promise<ActionState<Suggestion[]>> {
  return runAction((actor) => suggestArticles({ actor, input: { typeId, title } }));
}

/** "This answered my question": counted, and the filing ends on the article, no request filed. */
export async function answeredAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction((actor) => recordDeflection({ actor, input: { articleId: String(form.get("articleId") ?? ""), typeId: String(form.get("typeId") ?? "") } }));
  if (state?.ok) redirect(`/knowledge/${state.data.departmentKey}/${state.data.slug}?answered=1`);
  return state;
}

export async function followKnownIssueAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction((actor) => followKnownIssue({ actor, input: { knownIssueId: String(form.get("knownIssueId") ?? "") } }));
}
