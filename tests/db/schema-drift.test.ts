import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrationNames } from "@/lib/db/migrate";
import { runPrismaCli } from "@/lib/db/prisma-cli";
import { actorRowQuery, actorRowSchema } from "@/lib/org/load-actor";
import { withClient } from "../support/test-database";

// Nothing here can introspect a live database with Prisma (PRISMA-OFFLINE.md), so drift is caught by
// building one database from prisma/migrations and one from schema.prisma and comparing catalogs.
const catalogQueries = {
  columns: `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
            ORDER BY table_name, column_name`,
  // Expression indexes (full-text fts_*, others xpr_*) are hand-written in their migration because
  // schema.prisma cannot express an index on an expression, so the schema side never has them.
  indexes: `SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND left(indexname, 4) NOT IN ('fts_', 'xpr_')
            ORDER BY indexname`,
  constraints: `SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def
                FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations' ORDER BY c.conname`,
  enums: `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`,
};

const catalog = (url: string) =>
  withClient(url, async (c) => {
    const result: Record<string, unknown[]> = {};
    for (const [name, query] of Object.entries(catalogQueries)) result[name] = (await c.query(query)).rows;
    return result;
  });

let fromMigrations: EmbeddedDatabase;
let fromSchema: EmbeddedDatabase;

beforeAll(async () => {
  [fromMigrations, fromSchema] = await Promise.all([startEmbeddedDatabase({ dataDir: "memory://" }), startEmbeddedDatabase({ dataDir: "memory://" })]);
  const dir = path.resolve("prisma", "migrations");
  await withClient(fromMigrations.url, async (c) => {
    for (const name of migrationNames()) await c.query(fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  });
  const { stdout } = await runPrismaCli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], fromSchema.url);
  await withClient(fromSchema.url, (c) => c.query(stdout));
});

afterAll(async () => {
  await Promise.all([fromMigrations?.stop(), fromSchema?.stop()]);
});

describe("migrations", () => {
  it("build exactly the schema that schema.prisma describes (run `npm run db:new-migration -- <name>` if this fails)", async () => {
    const [a, b] = await Promise.all([catalog(fromMigrations.url), catalog(fromSchema.url)]);
    expect(a).toEqual(b);
  });
});

describe("raw SQL row types", () => {
  // Prisma types $queryRaw's rows as whatever the code says: each hand-written row type is a schema,
  // run here against both databases, so a migration that renames or retypes a column fails this.
  it("loadActor's row is what actorRowSchema says, on the migrated database and on schema.prisma's", async () => {
    for (const url of [fromMigrations.url, fromSchema.url]) {
      const row = await withClient(url, async (c) => {
        await c.query(`INSERT INTO "Department" (id, key, name, "timeZone") VALUES ('d1', 'DRIFT', 'Drift', 'UTC')`);
        await c.query(`INSERT INTO "Person" (id, email, name, "departmentId", "updatedAt") VALUES ('p1', 'drift@example.test', 'Drift Person', 'd1', now())`);
        await c.query(`INSERT INTO "RoleGrant" (id, "personId", role, "departmentId") VALUES ('g1', 'p1', 'AGENT', 'd1'), ('g2', 'p1', 'HR', NULL)`);
        const query = actorRowQuery("p1");
        return (await c.query(query.text, query.values)).rows[0] as unknown;
      });
      const parsed = actorRowSchema.safeParse(row);
      expect(parsed.error?.issues ?? [], url).toEqual([]);
      expect(parsed.data).toMatchObject({ id: "p1", departmentId: "d1", active: true, authVersion: 0, timeZoneSource: "DEFAULT", roles: [{ role: "AGENT", departmentId: "d1" }, { role: "HR", departmentId: null }] });
    }
  });
});
