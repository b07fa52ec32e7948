// Runs the Prisma CLI with no native-engine download (see PRISMA-OFFLINE.md): with `engine: "js"`
// the engine paths are never executed, they only have to exist.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const self = fileURLToPath(import.meta.url);
export const prismaEnv = {
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? self,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? self,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

export function runPrisma(args, env = {}) {
  const cli = require.resolve("prisma/build/index.js");
  const result = spawnSync(process.execPath, [cli, ...args], {
    stdio: "inherit",
    env: { ...process.env, ...prismaEnv, ...env },
  });
  return result.status ?? 1;
}

if (process.argv[1] === self) process.exit(runPrisma(process.argv.slice(2)));
