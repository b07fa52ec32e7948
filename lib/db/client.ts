import "server-only";
import { env } from "@/lib/env";
import { createPrismaClient, type Db } from "./create-client";

const globalForDb = globalThis as unknown as { deskDb?: Db };

/** The one Prisma client of this process (kept on globalThis so dev reloads do not open more pools). */
export function db(): Db {
  if (!globalForDb.deskDb) {
    const e = env();
    if (!e.DATABASE_URL) throw new Error("DATABASE_URL is not set: start the desk with `npm start`, which sets it");
    globalForDb.deskDb = createPrismaClient({ url: e.DATABASE_URL, embedded: e.DESK_EMBEDDED, poolMax: e.DATABASE_POOL_MAX });
  }
  return globalForDb.deskDb;
}
