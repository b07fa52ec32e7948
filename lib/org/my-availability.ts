import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";

/** Whether the acting agent is available for their teams' assignment rules (see setAvailability). */
export async function myAvailability(options: { actor: Actor }): Promise<boolean> {
  const person = await db().person.findUnique({ where: { id: options.actor.id }, select: { available: true } });
  return person?.available ?? false;
}
