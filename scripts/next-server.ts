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
// While PostgreSQL restarts, a connection attempt inside a library can fail with no one awaiting it
// (seen: 57P03 "the database system is shutting down" at connection start-up; the library is not
// identified). That is the outage every request already answers with 503, not a bug: it is logged
// as a warning here, and Next's own handlers (registered during start-up, so wrapped as they are
// added) see every other unhandled rejection, as before.
process.on("unhandledRejection", (reason) => {
  const trouble = databaseTrouble(reason);
  if (trouble) console.warn(`[desk] database ${trouble} (a driver rejection no one awaited): ${reason instanceof Error ? reason.message : String(reason)}`);
  else if (process.listenerCount("unhandledRejection") === 1) console.error("[desk] unhandledRejection", reason);
});
for (const method of ["on", "addListener", "prependListener"] as const) {
  const original = process[method].bind(process) as (event: string, listener: (...args: unknown[]) => void) => NodeJS.Process;
  const unlessOutage = (listener: (...args: unknown[]) => void) => (reason: unknown, promise: unknown) => {
    if (!databaseTrouble(reason)) listener(reason, promise);
  };
  process[method] = ((event: string, listener: (...args: unknown[]) => void) =>
    original(event, event === "unhandledRejection" ? unlessOutage(listener) : listener)) as (typeof process)[typeof method];
}

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, "..") });
await app.prepare();

const handle = app.getRequestHandler();
const graceful = createGracefulServer({ handle: (req, res) => handle(req, res), databaseTrouble: () => recentDatabaseTrouble() });
// A port already taken (another desk, or the previous instance still draining) is a plain message and
// exit 1, not an uncaught exception: the launcher then stops the embedded database behind it.
graceful.server.once("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE" || error.code === "EACCES") {
    console.error(`[desk] cannot listen on port ${config.PORT}: ${error.code === "EADDRINUSE" ? "another program (or a desk still stopping) is using it" : "permission denied"}. Set PORT to a free port.`);
  } else console.error("[desk] the HTTP server failed to start", error);
  process.exit(1);
});
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
