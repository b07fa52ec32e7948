import { describe, expect, it, vi } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The production build loads lib/db/sql.ts more than once in one process (a route handler's bundle
 * and the pages' server-components bundle), over the process's one pool. Two instances here, each
 * preparing its own statements, sent one after the other so the pool hands both the same idle
 * connection: with names counted per instance both called their first text `desk_1` and the second
 * was refused (an API call after a page view answered 500 in bench:http).
 */
describe("named prepared statements", () => {
  it("two instances of the module share the process's connections without a name clash", async () => {
    const first = await import("@/lib/db/sql");
    vi.resetModules();
    const second = await import("@/lib/db/sql");
    expect(second).not.toBe(first);

    const a = first.sql({ prepared: true });
    const b = second.sql({ prepared: true });
    for (let round = 0; round < 3; round++) {
      expect(await a.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT ${round}::int + 1 AS n`)).toEqual([{ n: round + 1 }]);
      expect(await b.$queryRaw<{ t: string }[]>(Prisma.sql`SELECT ${`r${round}`}::text AS t`)).toEqual([{ t: `r${round}` }]);
    }
    // Same text, same name, whichever instance names it; other texts, other names.
    expect(first.statementName("SELECT 1")).toBe(second.statementName("SELECT 1"));
    expect(first.statementName("SELECT 1")).not.toBe(first.statementName("SELECT 2"));
  });
});
