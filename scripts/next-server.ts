// Next.js in production behind the desk's own HTTP server (started by scripts/serve.ts), so that a
// SIGTERM drains instead of cutting: health answers 503 at once, no new request is taken, requests in
// flight and running jobs finish (at most DESK_SHUTDOWN_GRACE_SECONDS), then the process exits.
import path from "node:path";
import next from "next";
import { recentDatabaseTrouble } from "../lib/db/trouble-signal";
import { parseEnv } from "../lib/env";
import { stopJobWorkers } from "../lib/jobs/workers-state";
import { createGracefulServer } from "../lib/server/graceful-server";

const config = parseEnv(process.env);
const log = (msg: string) => console.log(`[desk] ${msg}`);
const app = next({ dev: false, dir: path.resolve(import.meta.dirname, "..") });
await app.prepare();
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
