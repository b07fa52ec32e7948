import pg from "pg";

/**
 * Every statement the app sends to the database while `fn` runs, as pg sends it (Prisma's adapter
 * and raw SQL alike go through pg.Client#query), BEGIN and COMMIT included.
 */
export async function statementsDuring<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const proto = pg.Client.prototype;
  const original = Reflect.get(proto, "query") as (...args: unknown[]) => unknown;
  Reflect.set(proto, "query", function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    statements.push(typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? JSON.stringify(first)));
    return original.apply(this, args);
  });
  try {
    return { result: await fn(), statements };
  } finally {
    Reflect.set(proto, "query", original);
  }
}

/** The statements, one a line, shortened, for a test's log. */
export const listStatements = (statements: string[]) => statements.map((s) => s.replace(/\s+/g, " ").slice(0, 110)).join("\n  ");
