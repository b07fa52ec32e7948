import { Prisma } from "@/lib/generated/prisma/client";

/** A JS instant as the SQL timestamp(3) the schema's DateTime columns hold. */
export const sqlTimestamp = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp(3)`;

/**
 * Whether the SLA clock under `alias` counts for its department in reports: one of a department's
 * own segments (segment >= 1) of a transferred request, or a clock of a request never transferred.
 * A transferred request's requester-facing clocks (segment 0) count for no department, so the
 * receiving team is not blamed for time spent elsewhere. OFFSET 0 keeps the check a probe of the
 * (requestId, ...) index per clock rather than a hash of every segment in the table.
 */
export const countedClock = (alias: string) =>
  Prisma.raw(`(${alias}."segment" > 0 OR NOT EXISTS (SELECT 1 FROM "SlaClock" s WHERE s."requestId" = ${alias}."requestId" AND s."segment" > 0 OFFSET 0))`);
