// Seeds the demo organisation into the database at DATABASE_URL, for manual use:
//   DATABASE_URL=postgresql://... npx tsx prisma/seed/run-demo.ts
// It does nothing when the database already holds the demo, and refuses a database that holds
// other departments (a real directory, or a seed that failed half way: start from a fresh one).
// The schema must be migrated first (`npm run db:migrate`).
import { createPrismaClient } from "../../lib/db/create-client";
import { DEMO_SETTING_KEY, seedDemoOrganisation } from "./demo";

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set: point it at a migrated PostgreSQL (or a running embedded desk's URL).");
    return 1;
  }
  const embedded = process.env.DESK_EMBEDDED === "true" || process.env.DESK_EMBEDDED === "1";
  const db = createPrismaClient({ url, embedded });
  try {
    const marker = await db.setting.findUnique({ where: { key: DEMO_SETTING_KEY } });
    if (marker) {
      console.log(`The demo organisation is already there (seeded ${JSON.stringify(marker.value)}). Nothing to do.`);
      return 0;
    }
    const departments = await db.department.count();
    if (departments > 0) {
      console.error(`The database already has ${departments} departments but no demo marker: not seeding on top of it.`);
      return 1;
    }
    const started = Date.now();
    // Seeds, then builds the satisfaction figures (prisma/seed/demo-figures.ts, the one place that
    // does, for this script and the launcher alike).
    const counts = await seedDemoOrganisation(db);
    console.log(`Seeded the demo organisation: ${counts.departments} departments, ${counts.people} people, ${counts.requests} requests in ${Date.now() - started} ms.`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
