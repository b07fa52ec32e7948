import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { browserTimeZoneSchema, type BrowserTimeZoneInput } from "@/lib/validation/account";

/**
 * The zone a person's browser reports on their first signed-in page: taken only while their zone is
 * still the default (their department's), never over one they chose, so it happens once.
 * Returns whether it was taken.
 */
export async function recordBrowserTimeZone(options: { actor: Actor; input: BrowserTimeZoneInput }): Promise<boolean> {
  const { actor } = options;
  if (!can(actor, "account.preferences")) throw forbidden();
  const { timeZone } = parseInput(browserTimeZoneSchema, options.input);
  const updated = await db().person.updateMany({
    where: { id: actor.id, active: true, timeZoneSource: "DEFAULT" },
    data: { timeZone, timeZoneSource: "BROWSER" },
  });
  return updated.count === 1;
}
