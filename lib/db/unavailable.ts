/**
 * Whether an error means the database cannot serve us right now, rather than a bug: "unavailable"
 * (it is restarting, unreachable, or dropped the connection) or "busy" (no pool connection within
 * the wait, too many connections). Both are answered 503 with Retry-After, never 500: the caller
 * may simply retry. Looks through Prisma's wrappers (driver adapter errors) down to pg's own.
 */
export type DatabaseTrouble = "unavailable" | "busy";

const busyPrismaCodes = new Set(["P2024", "P2028", "P2037"]);
const unavailablePrismaCodes = new Set(["P1001", "P1002", "P1008", "P1017"]);
const unavailableKinds = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "DatabaseDoesNotExist"]);
const busyKinds = new Set(["TooManyConnections", "TransactionWriteConflict"]);
const nodeCodes = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** SQLSTATE: class 08 connection exception, 57P01-57P03 shutdown / cannot connect now, 53300 too many connections. */
const unavailableSqlStates = /^(08...|57P0[1-3])$/;
const unavailableMessages = /Connection terminated|Can't reach database server|server closed the connection|terminating connection|the database system is (starting up|shutting down|in recovery)|Client has encountered a connection error|Connection lost/i;
const busyMessages = /timeout exceeded when trying to connect|Unable to start a transaction in the given time|Transaction already closed|too many clients/i;

export function databaseTrouble(error: unknown): DatabaseTrouble | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  let found: DatabaseTrouble | null = null;
  while (queue.length) {
    const e = queue.shift();
    if (!e || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const o = e as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown }; originalCode?: unknown };
    const code = typeof o.code === "string" ? o.code : undefined;
    const kind = typeof o.kind === "string" ? o.kind : undefined;
    const message = typeof o.message === "string" ? o.message : "";
    if ((code && unavailablePrismaCodes.has(code)) || (kind && unavailableKinds.has(kind)) || (code && nodeCodes.has(code))) return "unavailable";
    if (code && unavailableSqlStates.test(code)) return "unavailable";
    if (typeof o.originalCode === "string" && unavailableSqlStates.test(o.originalCode)) return "unavailable";
    if (/Code: `(08...|57P0[1-3])`/.test(message) || unavailableMessages.test(message)) return "unavailable";
    if ((code && busyPrismaCodes.has(code)) || (kind && busyKinds.has(kind)) || code === "53300" || busyMessages.test(message)) found = "busy";
    queue.push(o.cause, o.meta?.driverAdapterError);
  }
  return found;
}
