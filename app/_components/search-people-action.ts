"use server";
import { runAction } from "@/lib/auth/action";
import { searchPeople, type PersonMatch } from "@/lib/requests/search-people";

/** Matches for the co-worker picker; a query too short to search gives no matches, not an error. */
export async function searchPeopleAction(query: string): Promise<PersonMatch[]> {
  if (typeof query !== "string" || query.trim().length < 2) return [];
  const state = await runAction((actor) => searchPeople({ actor, query }));
  return state?.ok ? state.data : [];
}
