import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { sql } from "@/lib/db/sql";
import { loadActor, type Viewer } from "@/lib/org/load-actor";
import { recordBrowserTimeZone } from "@/lib/org/record-browser-time-zone";
import { browserZoneCookie } from "@/lib/time/browser-zone-cookie";
import { authOptions } from "./options";

/**
 * The signed-in person, re-read from the directory on every request: a deactivated person, or one
 * whose authVersion was bumped, is signed out at once even though their JWT has not expired.
 */
export const currentActor = cache(async (): Promise<Viewer | null> => {
  const session = await getServerSession(authOptions());
  if (!session?.personId) return null;
  const actor = await loadActor(sql(), session.personId);
  if (!actor || actor.authVersion !== session.authVersion) return null;
  return actor.timeZoneSource === "DEFAULT" ? withBrowserZone(actor) : actor;
});

/**
 * A person whose zone is still the default gets the one their browser left at sign-in
 * (RememberBrowserZone) on this very page, not one page later. A zone that is not a real IANA zone is
 * ignored (the in-page BrowserTimeZone reporter stays the fallback, e.g. for an email link opened
 * in another browser).
 */
async function withBrowserZone(actor: Viewer): Promise<Viewer> {
  let reported: string | undefined;
  try {
    reported = (await cookies()).get(browserZoneCookie)?.value;
  } catch {
    return actor; // outside a request (a script): nothing to read
  }
  if (!reported) return actor;
  const taken = await recordBrowserTimeZone({ actor, input: { timeZone: reported } }).catch(() => false);
  return taken ? { ...actor, timeZone: reported, timeZoneSource: "BROWSER" } : actor;
}

export async function requireActor(): Promise<Viewer> {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  return actor;
}
