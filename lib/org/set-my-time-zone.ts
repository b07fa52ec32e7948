import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { myTimeZoneSchema, type MyTimeZoneInput } from "@/lib/validation/account";

/**
 * A person chooses the zone every time is shown to them in, or to follow their department's
 * (the database then keeps it equal to the department's, see the Person triggers). Only their own.
 */
export async function setMyTimeZone(options: { actor: Actor; input: MyTimeZoneInput }): Promise<{ timeZone: string; followsDepartment: boolean }> {
  const { actor } = options;
  if (!can(actor, "account.preferences")) throw forbidden();
  const input = parseInput(myTimeZoneSchema, options.input);
  const followsDepartment = input.timeZone === "department";
  const data = followsDepartment ? { timeZoneSource: "DEPARTMENT" as const } : { timeZone: input.timeZone, timeZoneSource: "CHOSEN" as const };
  const updated = await db().person.updateMany({ where: { id: actor.id, active: true }, data });
  if (updated.count === 0) throw forbidden("Your account is not active.");
  const person = await db().person.findUniqueOrThrow({ where: { id: actor.id }, select: { timeZone: true } });
  return { timeZone: person.timeZone, followsDepartment };
}
