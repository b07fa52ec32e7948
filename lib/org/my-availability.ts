import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";

/** Whether the acting agent is available for their teams' assignment rules (see setAvailability). */
export async function myAvailability(options: { actor: Actor }): Promise<boolean> {
  const [person] = await sql().$queryRaw<{ available: boolean }[]>`SELECT available FROM "Person" WHERE id = ${options.actor.id}`;
  return person?.available ?? false;
}
