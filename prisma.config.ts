import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { poolConfigFromUrl } from "./lib/db/pool-config";

// The CLI talks to the database through the same driver adapter as the app (PRISMA-OFFLINE.md).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    return new PrismaPg({ ...poolConfigFromUrl(url), max: 1 });
  },
});
