import "server-only";
import { db } from "@/lib/db/client";

/** A department by its key (FAC), for the knowledge pages' addresses; null when there is none. */
export function departmentByKey(key: string) {
  return db().department.findUnique({ where: { key: key.toUpperCase() }, select: { id: true, key: true, name: true } });
}
