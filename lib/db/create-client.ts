import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { poolConfigFromUrl } from "./pool-config";

export type Db = PrismaClient;

/**
 * One code path for PostgreSQL and the embedded PGlite: both are reached over the wire protocol.
 * The embedded server takes one connection, so its pool is one; transactions then wait for the
 * connection rather than fail, hence the long maxWait.
 */
export function createPrismaClient(options: { url: string; embedded: boolean; poolMax?: number }): PrismaClient {
  const adapter = new PrismaPg({
    ...poolConfigFromUrl(options.url),
    max: options.embedded ? 1 : (options.poolMax ?? 10),
    idleTimeoutMillis: options.embedded ? 0 : 10_000,
  });
  return new PrismaClient({
    adapter,
    transactionOptions: options.embedded ? { maxWait: 60_000, timeout: 60_000 } : { maxWait: 5_000, timeout: 15_000 },
  });
}
