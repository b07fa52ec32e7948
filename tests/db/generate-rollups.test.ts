import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolConfigFromUrl } from "@/lib/db/pool-config";
import { generateOrganisation, type GenerateOptions } from "../bench/generate-organisation";

/**
 * The bench generator's set-based roll-ups (tests/bench/generate-organisation.ts) against the jobs'
 * own incremental runs: the same small organisation generated twice at one pinned instant, once each
 * way, must hold the same rows in every roll-up table, so the fast path cannot silently diverge from
 * what a running desk computes. The generator loads with COPY over the PostgreSQL protocol, so this
 * needs the PostgreSQL server of TEST_DATABASE_URL (on the embedded database the file is skipped).
 */
const server = process.env.TEST_DATABASE_URL;

// Mid-month, so the current month is partial; two years of history behind it cross a year end and
// publish quarters and years of satisfaction figures.
const now = new Date("2026-02-17T09:41:00.000Z");
const sizes = { requests: 3_000, people: 400, departments: 6, articles: 12 } satisfies Partial<GenerateOptions>;

/** Every roll-up table the generator fills, read whole in a stable order (they have no surrogate ids). */
const rollupTables = [
  "DashboardComplianceDay",
  "DashboardVolumeDay",
  "DashboardAgentDay",
  "DashboardPauseDay",
  "DashboardPause",
  "DashboardRollupDay",
  "OrgPairMonth",
  "OrgDepartmentMonth",
  "OrgRollupMonth",
  "SatisfactionFigure",
  "SatisfactionPublication",
  "PublishedThemes",
  "ThemePublication",
] as const;

const databases: string[] = [];
const urlOf = (name: string) => {
  const url = new URL(server!);
  url.pathname = `/${name}`;
  return url.toString();
};

async function generate(rollups: "set-based" | "incremental"): Promise<string> {
  const name = `desk_gen_${rollups === "set-based" ? "set" : "inc"}_${crypto.randomBytes(4).toString("hex")}`;
  databases.push(name);
  await generateOrganisation({ url: urlOf(name), ...sizes, now, rollups, log: () => {} });
  return urlOf(name);
}

async function readTables(url: string): Promise<Record<string, unknown[]>> {
  const client = new pg.Client(poolConfigFromUrl(url));
  await client.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const table of rollupTables) {
      // A day's marker says when it was computed: by one run in the one, by several in the other.
      const row = table === "DashboardRollupDay" ? `to_jsonb(t) - 'computedAt'` : "to_jsonb(t)";
      const { rows } = await client.query<{ row: string }>(`SELECT (${row})::text AS row FROM "${table}" t ORDER BY 1`);
      out[table] = rows.map((r) => JSON.parse(r.row) as unknown);
    }
    const { rows } = await client.query<{ value: unknown }>(`SELECT value FROM "Setting" WHERE key = 'dashboardRollup'`);
    out.dashboardRollupSetting = rows.map((r) => r.value);
    return out;
  } finally {
    await client.end();
  }
}

describe.skipIf(!server)("bench generator's roll-ups", () => {
  let setBased: Record<string, unknown[]>;
  let incremental: Record<string, unknown[]>;

  beforeAll(async () => {
    setBased = await readTables(await generate("set-based"));
    incremental = await readTables(await generate("incremental"));
  }, 600_000);

  afterAll(async () => {
    const admin = new pg.Client(poolConfigFromUrl(server!));
    await admin.connect();
    for (const name of databases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it("fills every roll-up table, for every department, day and month of the history", () => {
    for (const table of rollupTables) expect(setBased[table]!.length, table).toBeGreaterThan(0);
    // Two years of days (widened by the zones either side) and the 24 months the job keeps.
    expect(setBased.DashboardRollupDay!.length).toBeGreaterThanOrEqual(729);
    expect(setBased.OrgRollupMonth).toHaveLength(24);
    const departments = new Set((setBased.DashboardVolumeDay as { departmentId: string }[]).map((r) => r.departmentId));
    expect(departments.size).toBe(sizes.departments);
  });

  it.each(rollupTables)("%s holds exactly what the jobs' own runs compute", (table) => {
    expect(setBased[table]).toEqual(incremental[table]);
  });

  it("leaves the dashboard job's state as a run at the generation's instant does, so the next run only catches up", () => {
    expect(setBased.dashboardRollupSetting).toEqual([{ lastRunAt: now.toISOString() }]);
    expect(incremental.dashboardRollupSetting).toHaveLength(1);
  });
});
