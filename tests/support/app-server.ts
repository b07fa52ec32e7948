// Starts the desk as a user would (`node --import tsx scripts/serve.ts start` after `next build`, as `npm start` does) on a free port
// with a fresh embedded database, and stops it with its whole process group.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
export const artifactsDir = path.join(root, "tests/.artifacts");

export type AppHandle = { baseUrl: string; port: number; dataDir: string; logFile: string; pid: number; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startApp(options: { env?: Record<string, string | undefined>; name?: string; port?: number; timeoutMs?: number } = {}): Promise<AppHandle> {
  if (!fs.existsSync(path.join(root, ".next/BUILD_ID"))) throw new Error("no production build: run `npx next build` first (npm run test:e2e does)");
  fs.mkdirSync(artifactsDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "desk-e2e-"));
  const logFile = path.join(artifactsDir, `${options.name ?? "app"}.log`);
  const log = fs.openSync(logFile, "w");

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  // The test runner's settings must not leak into the app: it always gets its own embedded database.
  for (const k of ["DATABASE_URL", "NEXTAUTH_SECRET", "DESK_EMBEDDED", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "TEST"]) delete env[k];
  Object.assign(env, { NODE_ENV: "production", PORT: String(port), NEXTAUTH_URL: baseUrl, DESK_DATA_DIR: dataDir, LOG_LEVEL: "warn" });
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }

  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "start"], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    detached: true, // its own process group, so stop() reaches next start and its workers too
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const pid = child.pid!;
  // Set from the exit handler: the cast keeps TypeScript from narrowing it to null for good.
  let exited = null as string | null;
  child.on("exit", (code, signal) => (exited = `exited with ${signal ?? code}`));

  // If the test runner dies without tearing down, do not leave a desk running behind it.
  const killOnExit = () => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  };
  process.once("exit", killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", killOnExit);
    if (exited === null) {
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }, 10_000);
      await gone;
      clearTimeout(timer);
    }
    // next start's own children may outlive the launcher for a moment.
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* group empty */
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  // Creating the embedded database and seeding the demo take under a minute on a quiet 2-core
  // machine and over three at a load of 30 (seen while several test runs shared it): the deadline
  // is for a start that hangs, not a slow one.
  let deadline = Date.now() + (options.timeoutMs ?? 420_000);
  let lastStatus = "no answer";
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`the desk ${exited} before it answered; see ${logFile}:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/signin`, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      if (res.status >= 200 && res.status < 400) break;
      // A server error is not "still starting": give it a short grace, then report.
      if (res.status >= 500 && lastStatus === "no answer") deadline = Math.min(deadline, Date.now() + 20_000);
      lastStatus = `HTTP ${res.status}`;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the desk did not answer on ${baseUrl}/signin in time (last: ${lastStatus}); see ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, port, dataDir, logFile, pid, stop };
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}
