import { z } from "zod";

/** The head dashboard's tables, each downloadable as CSV by this name. */
export const dashboardTables = ["compliance", "backlog", "volume-type", "volume-department", "satisfaction", "agents"] as const;
export type DashboardTable = (typeof dashboardTables)[number];

export const dashboardTableSchema = z.enum(dashboardTables, { error: "Choose one of the dashboard's tables" });
