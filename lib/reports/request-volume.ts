import "server-only";
import type { Actor } from "@/lib/auth/permissions";
import { sql } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import { dashboardCoverage, dashboardRows, volumeDays } from "./dashboard-days";
import { namesOf } from "./names-of";
import { readDays } from "./read-days";
import { dashboardPeriod, type DashboardPeriod } from "./dashboard-period";
import { insightsDepartment, type InsightsDepartment } from "./insights-department";

export type VolumeRow = { id: string; label: string; created: number; resolved: number };
export type RequestVolume = {
  department: InsightsDepartment;
  period: DashboardPeriod;
  byType: VolumeRow[];
  byRequesterDepartment: VolumeRow[];
  totals: { created: number; resolved: number };
};

/**
 * Requests the department holds, filed in the period and resolved in the period (its current
 * resolution: a request reopened since counts again when it is resolved again, on that day), per
 * request type and per requesting department (the requester's department when filing). Days the
 * dashboard-rollup job has computed are read from DashboardVolumeDay, the others (today always) live
 * with the same SQL (dashboard-days.ts).
 */
export async function requestVolume(options: { actor: Actor; departmentKey: string; period?: string; now?: Date }): Promise<RequestVolume> {
  const department = await insightsDepartment(options);
  const now = options.now ?? new Date();
  const period = dashboardPeriod(options.period, department.timeZone, now);
  const coverage = await dashboardCoverage(sql(), period, now);
  const days = dashboardRows({
    table: "DashboardVolumeDay",
    columns: Prisma.sql`"typeId", "requesterDepartmentId", "created", "resolved"`,
    departmentId: department.id,
    coverage,
    definition: volumeDays,
  });
  const rows = await readDays<{ typeId: string | null; requesterDepartmentId: string | null; created: number; resolved: number }>(
    Prisma.sql`
      SELECT "typeId", "requesterDepartmentId", SUM("created")::int AS "created", SUM("resolved")::int AS "resolved"
      FROM (${days}) AS "days" GROUP BY GROUPING SETS (("typeId"), ("requesterDepartmentId"))`,
  );

  const typeRows = rows.filter((r) => r.typeId !== null);
  const departmentRows = rows.filter((r) => r.requesterDepartmentId !== null);
  const [types, departments] = await Promise.all([
    namesOf("RequestType", typeRows.map((r) => r.typeId!)),
    namesOf("Department", departmentRows.map((r) => r.requesterDepartmentId!)),
  ]);
  const typeName = new Map(types.map((t) => [t.id, t.name]));
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  const order = (a: VolumeRow, b: VolumeRow) => b.created - a.created || b.resolved - a.resolved || a.label.localeCompare(b.label);
  const byType = typeRows.map((r) => ({ id: r.typeId!, label: typeName.get(r.typeId!) ?? "Unknown type", created: r.created, resolved: r.resolved })).sort(order);
  const byRequesterDepartment = departmentRows
    .map((r) => ({ id: r.requesterDepartmentId!, label: departmentName.get(r.requesterDepartmentId!) ?? "Unknown department", created: r.created, resolved: r.resolved }))
    .sort(order);
  const totals = byType.reduce((t, r) => ({ created: t.created + r.created, resolved: t.resolved + r.resolved }), { created: 0, resolved: 0 });
  return { department, period, byType, byRequesterDepartment, totals };
}
