import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { organisationTimeZoneKey, readOrganisationTimeZone } from "@/lib/satisfaction/read-organisation-time-zone";
import { parseInput } from "@/lib/validation/parse";
import { organisationTimeZoneSchema } from "@/lib/validation/org";
import { auditRow, requireOrgManager } from "./audit";

/**
 * An admin sets the organisation's zone (audited). Published months never move: the change applies
 * from the first month not yet published, which starts where the last published one ended.
 */
export async function setOrganisationTimeZone(options: { actor: Actor; input: unknown }): Promise<{ timeZone: string }> {
  requireOrgManager(options.actor);
  const input = parseInput(organisationTimeZoneSchema, options.input);
  return db().$transaction(async (tx) => {
    const before = await readOrganisationTimeZone(tx);
    if (before === input.timeZone) return input;
    await tx.setting.upsert({ where: { key: organisationTimeZoneKey }, create: { key: organisationTimeZoneKey, value: input }, update: { value: input } });
    await tx.auditEvent.create({ data: auditRow(options.actor, "organisation.time_zone.updated", "settings:organisation", { before, after: input.timeZone }) });
    return input;
  });
}

/** What the admin page shows: the zone, and the last published month with the zone it was cut in. */
export async function organisationSettings(options: { actor: Actor }) {
  requireOrgManager(options.actor);
  const [timeZone, last] = await Promise.all([
    readOrganisationTimeZone(db()),
    db().satisfactionPublication.findFirst({ orderBy: { month: "desc" }, select: { month: true, timeZone: true, to: true } }),
  ]);
  return { timeZone, lastPublished: last };
}
