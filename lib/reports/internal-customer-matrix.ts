import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { readSatisfaction, type FigureRef } from "@/lib/satisfaction/satisfaction-figures";
import { monthsOf, type PeriodKey } from "@/lib/satisfaction/figure-periods";
import type { SatisfactionValue } from "@/lib/satisfaction/satisfaction-value";
import { compliance, type Compliance } from "./compliance";
import { readExperience, type ExperienceFigure } from "@/lib/experience/read-experience";
import { experienceFlag, type ExperienceFlag } from "@/lib/experience/watermelon";
import { flagCodes, type HeatMapData, type PackedCell } from "./heat-map-cells";
import { organisationPeriod } from "./organisation-access";

export type OrgDepartment = { id: string; key: string; name: string };

export type MatrixCell = {
  requesterDepartmentId: string;
  providerId: string;
  /** Requests filed in the period by the requesting department's people to the provider. */
  filed: number;
  firstResponse: Compliance;
  resolution: Compliance;
  satisfaction: SatisfactionValue;
  /** SLA (both metrics) beside the pair's published satisfaction and the provider's goals. */
  flag: ExperienceFlag;
};

export type InternalCustomerMatrix = {
  period: PeriodKey;
  /** The rows: departments whose people filed or rated in the period, by name. */
  requesters: OrgDepartment[];
  /** The columns: departments that received requests or ratings in the period, by name. */
  providers: OrgDepartment[];
  /** Keyed by `${requesterDepartmentId}|${providerId}`; every row × column pair is present. */
  cells: Map<string, MatrixCell>;
  /** When the SLA and volume roll-up was computed (null: not yet), and the satisfaction roll-up. */
  asOf: Date | null;
  satisfactionAsOf: Date | null;
  minRaters: number;
};

/** Every department by name, with its SLA goal (one statement through lib/db/sql.ts; HR's organisation page reads it in each of its tables). */
export async function organisationDepartments(): Promise<(OrgDepartment & { slaGoal: number })[]> {
  return sql().$queryRaw<(OrgDepartment & { slaGoal: number })[]>`SELECT "id", "key", "name", "slaGoal" FROM "Department" ORDER BY "name" ASC`;
}

export const cellKey = (requesterDepartmentId: string, providerId: string) => `${requesterDepartmentId}|${providerId}`;

type Sums = { requesterDepartmentId: string; providerId: string; filed: number; frMet: number; frBreached: number; resMet: number; resBreached: number };

/** The roll-up's pair rows of some months, summed per pair (one aggregate in SQL: up to 2,500 pairs × 12 months). */
export async function pairSums(months: PeriodKey[], where: { requesterDepartmentId?: string; providerId?: string } = {}) {
  const rows = await sql().$queryRaw<Sums[]>`
    SELECT "requesterDepartmentId", "providerId", sum("filed")::int AS "filed",
      sum("firstResponseMet")::int AS "frMet", sum("firstResponseBreached")::int AS "frBreached",
      sum("resolutionMet")::int AS "resMet", sum("resolutionBreached")::int AS "resBreached"
    FROM "OrgPairMonth"
    WHERE "month" = ANY(${months}::text[])
      ${where.requesterDepartmentId ? Prisma.sql`AND "requesterDepartmentId" = ${where.requesterDepartmentId}` : Prisma.empty}
      ${where.providerId ? Prisma.sql`AND "providerId" = ${where.providerId}` : Prisma.empty}
    GROUP BY 1, 2`;
  return new Map(rows.map((r) => [cellKey(r.requesterDepartmentId, r.providerId), r]));
}

/** When the roll-up computed the months (the oldest of them); null when it has computed none yet. */
export async function rollupAsOf(months: PeriodKey[]): Promise<Date | null> {
  const [row] = await sql().$queryRaw<{ computedAt: Date | null }[]>`SELECT min("computedAt") AS "computedAt" FROM "OrgRollupMonth" WHERE "month" = ANY(${months}::text[])`;
  return row?.computedAt ?? null;
}

/**
 * The organisation's internal customer relationships for HR: for every requesting × providing
 * department, the requests filed in the period, first-response and resolution SLA compliance (clocks
 * decided in the period) and the requesting department's satisfaction with the provider, as the
 * satisfaction figures published it (withheld under the anonymity threshold, with no count).
 */
export async function internalCustomerMatrix(options: { actor: Actor; period: unknown; now?: Date }): Promise<InternalCustomerMatrix> {
  const [period, departments] = await Promise.all([organisationPeriod(options), organisationDepartments()]);
  const months = monthsOf(period);
  const all = departments.map(({ slaGoal: _, ...d }) => d);
  const slaGoals = new Map(departments.map((d) => [d.id, d.slaGoal]));
  const [sums, asOf, sides] = await Promise.all([
    pairSums(months),
    rollupAsOf(months),
    readInChunks(
      options.actor,
      all.flatMap((d) => [
        { kind: "given" as const, departmentId: d.id, period },
        { kind: "provider" as const, departmentId: d.id, period },
      ]),
    ),
  ]);
  // Rows: departments whose people filed requests or rated in the period; columns: departments that
  // received requests or ratings. A department with neither would be a row or column of blanks.
  const filedBy = new Set([...sums.values()].map((s) => s.requesterDepartmentId));
  const receivedBy = new Set([...sums.values()].map((s) => s.providerId));
  // Whether a department rated or was rated is itself withheld below the threshold: only a shown
  // figure (or requests filed, which are not ratings) puts a department on the map.
  const requesters = all.filter((d, i) => filedBy.has(d.id) || sides.values[2 * i]!.state === "shown");
  const providers = all.filter((d, i) => receivedBy.has(d.id) || sides.values[2 * i + 1]!.state === "shown");
  const pairs = requesters.flatMap((r) => providers.map((p) => ({ requesterDepartmentId: r.id, providerId: p.id })));
  const read = await readExperienceInChunks(
    options.actor,
    pairs.map((p) => ({ kind: "pair" as const, requesterDepartmentId: p.requesterDepartmentId, providerId: p.providerId, period })),
  );
  const cells = new Map<string, MatrixCell>();
  pairs.forEach((p, i) => {
    const key = cellKey(p.requesterDepartmentId, p.providerId);
    const s = sums.get(key) ?? { filed: 0, frMet: 0, frBreached: 0, resMet: 0, resBreached: 0 };
    const { satisfaction, experience } = read.values[i]!;
    cells.set(key, {
      ...p,
      filed: s.filed,
      firstResponse: compliance(s.frMet, s.frBreached),
      resolution: compliance(s.resMet, s.resBreached),
      satisfaction,
      flag: experienceFlag({
        sla: { met: s.frMet + s.resMet, breached: s.frBreached + s.resBreached },
        satisfaction: satisfaction.state === "shown" ? satisfaction : null,
        goalPercent: experience?.goalPercent ?? 0,
        slaGoal: slaGoals.get(p.providerId),
      }),
    });
  });
  return { period, requesters, providers, cells, asOf, satisfactionAsOf: sides.asOf, minRaters: sides.minRaters };
}

/** The matrix as the heat map ships it to the browser (heat-map-cells.ts unpacks a cell). */
export function packMatrix(matrix: InternalCustomerMatrix): HeatMapData {
  let publishesAt: string | null = null;
  let timeZone: string | undefined;
  const cells = matrix.requesters.flatMap((r) =>
    matrix.providers.map((p): PackedCell => {
      const c = matrix.cells.get(cellKey(r.id, p.id))!;
      const counts = [c.filed, c.firstResponse.met, c.firstResponse.breached, c.resolution.met, c.resolution.breached];
      const s = c.satisfaction;
      if (s.state === "pending") {
        publishesAt ??= s.publishesAt.toISOString();
        timeZone ??= s.timeZone;
      }
      const satisfaction = s.state === "shown" ? [s.ratings, s.satisfied, s.percent, s.mean, flagCodes.indexOf(c.flag)] : s.state === "pending" ? [-1] : [];
      return satisfaction.length === 0 && counts.every((n) => n === 0) ? 0 : [...counts, ...satisfaction];
    }),
  );
  return { rows: matrix.requesters.map((d) => [d.key, d.name]), cols: matrix.providers.map((d) => [d.key, d.name]), cells, publishesAt, ...(timeZone ? { timeZone } : {}) };
}

/** The pairs' figures with the goal they were published with (readExperience), in chunks like readInChunks. */
async function readExperienceInChunks(actor: Actor, figures: FigureRef[]): Promise<{ values: ExperienceFigure[] }> {
  const size = 5_000;
  const chunks = Array.from({ length: Math.ceil(figures.length / size) }, (_, i) => figures.slice(i * size, (i + 1) * size));
  const results = await Promise.all(chunks.map((chunk) => readExperience({ actor, figures: chunk })));
  return { values: results.flatMap((r) => r.values) };
}

/** readSatisfaction takes at most 5,000 figures a call: a large organisation's matrix asks in several. */
async function readInChunks(actor: Actor, figures: FigureRef[]): Promise<{ values: SatisfactionValue[]; asOf: Date | null; minRaters: number }> {
  if (figures.length === 0) return { values: [], asOf: null, minRaters: 0 };
  const size = 5_000;
  const chunks = Array.from({ length: Math.max(1, Math.ceil(figures.length / size)) }, (_, i) => figures.slice(i * size, (i + 1) * size));
  const results = await Promise.all(chunks.map((chunk) => readSatisfaction({ actor, figures: chunk })));
  return { values: results.flatMap((r) => r.values), asOf: results[0]!.asOf, minRaters: results[0]!.minRaters };
}
