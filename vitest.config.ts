import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside a React Server Components bundle; tests call lib/ directly.
  "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts"),
};

/** Test files of the db tier run at once: 1 (the default) until parallel runs are proven green on CI. */
function dbTestWorkers(): number {
  const raw = process.env.DESK_TEST_DB_WORKERS;
  if (!raw) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`DESK_TEST_DB_WORKERS must be a whole number from 1 to 16, not ${raw}`);
  if (n > 1 && !process.env.TEST_DATABASE_URL) throw new Error("DESK_TEST_DB_WORKERS above 1 needs TEST_DATABASE_URL: the embedded PGlite is one database");
  return n;
}
const dbWorkers = dbTestWorkers();

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["tests/db/**/*.test.ts"],
          globalSetup: ["tests/support/db-global-setup.ts"],
          setupFiles: ["tests/support/db-worker-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // On PostgreSQL each worker has a database of its own (tests/support/db-global-setup.ts), so
          // files may run DESK_TEST_DB_WORKERS at a time. The embedded PGlite is one database: one file at a time.
          fileParallelism: dbWorkers > 1,
          maxWorkers: dbWorkers,
          // Its own group: vitest runs projects of one group with one worker count.
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/e2e-global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          // expect.poll gives up after 1 s by default; a Server Action and its re-render take longer
          // on a loaded CI machine (a removal seen after 1.4 s failed CI once). Same as Playwright's.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
