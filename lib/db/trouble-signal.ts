import { databaseTrouble, type DatabaseTrouble } from "./unavailable";

const globalForTrouble = globalThis as unknown as { deskDatabaseTrouble?: { kind: DatabaseTrouble; at: number } };

/**
 * Notes that a request failed because the database could not serve it (called from Next's
 * onRequestError hook, instrumentation.ts). The server (lib/server/graceful-server.ts) reads it to
 * answer such a page 503 with Retry-After instead of 500. On globalThis: Next's bundle writes it,
 * the launcher's server reads it.
 */
export function noteRequestError(error: unknown): void {
  const kind = databaseTrouble(error);
  if (kind) globalForTrouble.deskDatabaseTrouble = { kind, at: Date.now() };
}

/** The database trouble noted in the last `withinMs`, if any. */
export function recentDatabaseTrouble(withinMs = 10_000, now = Date.now()): DatabaseTrouble | null {
  const t = globalForTrouble.deskDatabaseTrouble;
  return t && now - t.at <= withinMs ? t.kind : null;
}
