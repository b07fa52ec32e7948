import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";

/** A unique index refused the row: Prisma's P2002, or PostgreSQL's 23505 through a raw statement (Prisma's or lib/db/sql.ts's). */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return error.code === "23505";
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return true;
    const meta = error.meta as { code?: unknown; driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } } | undefined;
    return meta?.code === "23505" || meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation" || meta?.driverAdapterError?.cause?.originalCode === "23505";
  }
  return false;
}
