import type { Db } from "@/lib/db/create-client";
import { organisationTimeZoneSchema } from "@/lib/validation/org";

export const organisationTimeZoneKey = "organisationTimeZone";

/** A stored value as the organisation's zone: one that is not a zone (or none) reads as UTC. */
export function organisationTimeZoneOf(value: unknown): string {
  const parsed = organisationTimeZoneSchema.safeParse(value);
  return parsed.success ? parsed.data.timeZone : "UTC";
}

/**
 * The organisation's time zone (default UTC; lib/org/organisation-time-zone.ts sets it): HR's
 * periods, the satisfaction publication (months, its trigger, "Published on"), comment themes and
 * pulse round periods follow it. A stored value that is not a zone reads as UTC.
 */
export async function readOrganisationTimeZone(client: Pick<Db, "setting">): Promise<string> {
  const row = await client.setting.findUnique({ where: { key: organisationTimeZoneKey } });
  return organisationTimeZoneOf(row?.value);
}
