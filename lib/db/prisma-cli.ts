import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "..", "..");

/**
 * Runs the Prisma CLI asynchronously (the embedded database may live in this very process, so a
 * synchronous child would deadlock it). The engine paths only have to exist: with `engine: "js"`
 * nothing is downloaded or executed from them (PRISMA-OFFLINE.md).
 */
export function runPrismaCli(args: string[], databaseUrl: string): Promise<{ stdout: string; stderr: string }> {
  const self = path.join(root, "package.json");
  const child = spawn(process.execPath, [require.resolve("prisma/build/index.js"), ...args], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? self,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? self,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`prisma ${args.join(" ")} failed (exit ${code}):\n${stderr || stdout}`));
    });
  });
}

/** Applies every migration in prisma/migrations that the database has not seen (`migrate deploy`). */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  await runPrismaCli(["migrate", "deploy"], databaseUrl);
}
