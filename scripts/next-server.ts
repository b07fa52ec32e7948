// Next.js in production behind the desk's own HTTP server (started by scripts/serve.ts), so that a
// SIGTERM drains instead of cutting: health answers 503 at once, no new request is taken, requests in
// flight and running jobs finish (at most DESK_SHUTDOWN_GRACE_SECONDS), then the process exits.
import path from "node:path";
import next from "next";
import { recentDatabaseTrouble } from "../lib/db/trouble-signal";
import { databaseTrouble } from "../lib/db/unavailable";
import { parseEnv } from "../lib/env";
import { stopJobWorkers } from "../lib/jobs/workers-state";
import { createGracefulServer } from "../lib/server/graceful-server";

const config = parseEnv(process.env);
const log = (msg: string) => console.log(`[desk] ${msg}`);
const app = next({ dev: false, dir: path.resolve(import.meta.dirname, "..") });
await app.prepare();

// While PostgreSQL restarts, a connection attempt inside a library can fail with no one awaiting it
// (seen: 57P03 "the database system is shutting down" at connection start-up, from a pool's
// internals). That is the outage every request already answers with 503, not a crash: log it as a
// warning. Every other unhandled rejection still goes to Next's own handler.
const nextRejectionHandlers = process.listeners("unhandledRejection");
process.removeAllListeners("unhandledRejection");
process.on("unhandledRejection", (reason, promise) => {
  const trouble = databaseTrouble(reason);
  if (trouble) {
    console.warn(`[desk] database ${trouble} (a driver rejection no one awaited): ${reason instanceof Error ? reason.message : String(reason)}`);
    return;
  }
  for (const handler of nextRejectionHandlers) handler(reason, promise);
  if (nextRejectionHandlers.length === 0) console.error("[desk] unhandledRejection", reason);
});
const handle = app.getRequestHandler();
const graceful = createGracefulServer({ handle: (req, res) => handle(req, res), databaseTrouble: () => recentDatabaseTrouble() });
graceful.server.listen(config.PORT, () => log(`listening on port ${config.PORT}`));

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  const graceMs = config.DESK_SHUTDOWN_GRACE_SECONDS * 1000;
  log(`${signal}: draining (${graceful.inFlight()} requests in flight, grace ${config.DESK_SHUTDOWN_GRACE_SECONDS} s)`);
  const { cut } = await graceful.shutdown({ graceMs });
  await stopJobWorkers(Math.max(1000, graceMs - (Date.now() - started))).catch((error: unknown) => console.error("[desk] stopping the job workers failed", error));
  log(`stopped in ${Date.now() - started} ms${cut ? `: ${cut} requests were cut by the grace period` : ", every request answered"}`);
  process.exit(cut ? 1 : 0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
