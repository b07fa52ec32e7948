import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { loadActor, type Viewer } from "@/lib/org/load-actor";
import { authOptions } from "./options";

/**
 * The signed-in person, re-read from the directory on every request: a deactivated person, or one
 * whose authVersion was bumped, is signed out at once even though their JWT has not expired.
 */
export const currentActor = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.personId) return null;
  const actor = await loadActor(db(), session.personId);
  if (!actor || actor.authVersion !== session.authVersion) return null;
  return actor;
});

export async function requireActor(): Promise<Viewer> {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  return actor;
}
