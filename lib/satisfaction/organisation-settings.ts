import "server-only";
import { cache } from "react";
import { sql } from "@/lib/db/sql";
import type { AnonymityThresholds } from "@/lib/validation/anonymity";
import { anonymityThresholdsOf, thresholdsKey } from "./read-anonymity-thresholds";
import { organisationTimeZoneKey, organisationTimeZoneOf } from "./read-organisation-time-zone";

/**
 * The anonymity thresholds and the organisation's time zone for reads (pages, exports), in one
 * statement through lib/db/sql.ts, read once per request while a page renders (React `cache`; outside
 * a render every call reads). The same parsing and fallbacks as readAnonymityThresholds and
 * readOrganisationTimeZone, which writes and transactions keep using. HR's organisation page needs
 * them in each of its reads (its period, the satisfaction publication, comment themes, workload).
 */
export const organisationSettings = cache(async (): Promise<{ thresholds: AnonymityThresholds; timeZone: string }> => {
  const rows = await sql().$queryRaw<{ key: string; value: unknown }[]>`
    SELECT "key", "value" FROM "Setting" WHERE "key" IN (${thresholdsKey}, ${organisationTimeZoneKey})`;
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  return { thresholds: anonymityThresholdsOf(value(thresholdsKey)), timeZone: organisationTimeZoneOf(value(organisationTimeZoneKey)) };
});

export const organisationTimeZone = async (): Promise<string> => (await organisationSettings()).timeZone;
export const currentAnonymityThresholds = async (): Promise<AnonymityThresholds> => (await organisationSettings()).thresholds;
