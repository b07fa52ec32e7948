import "server-only";
import type pg from "pg";
import { env } from "@/lib/env";
import { createPool, createPrismaClient, type Db } from "./create-client";

const globalForDb = globalThis as unknown as { deskDb?: { prisma: Db; pool: pg.Pool } };

function open() {
  if (!globalForDb.deskDb) {
    const e = env();
    if (!e.DATABASE_URL) throw new Error("DATABASE_URL is not set: start the desk with `npm start`, which sets it");
    const options = { url: e.DATABASE_URL, embedded: e.DESK_EMBEDDED, poolMax: e.DATABASE_POOL_MAX };
    const pool = createPool(options);
    globalForDb.deskDb = { prisma: createPrismaClient({ ...options, pool }), pool };
  }
  return globalForDb.deskDb;
}

/** The one Prisma client of this process (kept on globalThis so dev reloads do not open more pools). */
export function db(): Db {
  return open().prisma;
}

/** The pool under db(): the job queue shares it on the embedded database. */
export function dbPool(): pg.Pool {
  return open().pool;
}
