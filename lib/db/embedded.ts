import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export type EmbeddedDatabase = {
  /** A postgresql:// URL on 127.0.0.1 that any pg client can use. */
  url: string;
  /** True when the data folder was created by this start (first run). */
  created: boolean;
  stop: () => Promise<void>;
};

/**
 * Starts PGlite (a real Postgres compiled to WASM) on a data folder and serves it on the Postgres wire
 * protocol, so the app reaches it exactly as it reaches PostgreSQL. PGlite is single-session and the
 * socket multiplexer can interleave two connections' extended-protocol messages, so the server
 * accepts ONE connection: callers use a pool of one (see lib/db/client.ts), and concurrent
 * transactions queue on it instead of corrupting each other.
 *
 * `dataDir` "memory://" keeps everything in memory (tests, throwaway diffs).
 */
export async function startEmbeddedDatabase(options: { dataDir: string; port?: number }): Promise<EmbeddedDatabase> {
  const inMemory = options.dataDir.startsWith("memory://");
  const dataDir = inMemory ? options.dataDir : path.resolve(options.dataDir);
  const created = inMemory || !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: options.port ?? 0, maxConnections: 1 });
  await server.start();
  const [, port] = server.getServerConn().split(":");
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    created,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
