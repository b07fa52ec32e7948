import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { typeExpectation, type ExpectationFigures, type TypeExpectation } from "./expectation-text";

/**
 * What to expect from each of these request types, before filing, as figures: the cached history (computed by
 * the expectation job) and the target of the first active SLA policy that would apply at the type's default priority.
 * Every employee may read it (catalog.browse); nothing here is about a person.
 */
export async function readExpectationFigures(options: { actor: Actor; typeIds: string[] }): Promise<Map<string, ExpectationFigures>> {
  const out = new Map<string, ExpectationFigures>();
  if (!can(options.actor, "catalog.browse") || options.typeIds.length === 0) return out;
  // One statement through lib/db/sql.ts (the catalogue asks for every type it lists): each type with its cached
  // history and the targets of the first active policy of its department that would apply at its
  // default priority, in the policies' order, as policy-matching.ts picks one.
  const rows = await sql().$queryRaw<
    { id: string; windowDays: number | null; requests: number | null; firstResponseP50: number | null; resolutionP80: number | null; dayMinutes: number | null; firstResponseMinutes: number | null; resolutionMinutes: number | null }[]
  >`
    SELECT t."id", e."windowDays", e."requests", e."firstResponseP50", e."resolutionP80", e."dayMinutes", p."firstResponseMinutes", p."resolutionMinutes"
    FROM "RequestType" t
    LEFT JOIN "RequestTypeExpectation" e ON e."requestTypeId" = t."id"
    LEFT JOIN LATERAL (
      SELECT p."firstResponseMinutes", p."resolutionMinutes" FROM "SlaPolicy" p
      WHERE p."departmentId" = t."departmentId" AND p."active"
        AND (cardinality(p."requestTypeIds") = 0 OR t."id" = ANY(p."requestTypeIds"))
        AND (cardinality(p."priorities") = 0 OR t."defaultPriority" = ANY(p."priorities"))
      ORDER BY p."position", p."id" LIMIT 1) p ON true
    WHERE t."id" = ANY(${options.typeIds.slice(0, 500)}::text[])`;
  const up = (minutes: number | null | undefined) => (typeof minutes === "number" ? Math.ceil(minutes) : null);
  for (const t of rows) {
    out.set(t.id, [t.windowDays ?? 0, t.requests ?? 0, up(t.firstResponseP50), up(t.resolutionP80), t.dayMinutes ?? 480, t.firstResponseMinutes || null, t.resolutionMinutes || null]);
  }
  return out;
}

/** The same, in words. */
export async function readExpectations(options: { actor: Actor; typeIds: string[] }): Promise<Map<string, TypeExpectation>> {
  const figures = await readExpectationFigures(options);
  return new Map([...figures].map(([id, f]) => [id, typeExpectation(f)]));
}
