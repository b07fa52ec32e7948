import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { dbPool } from "./client";

/**
 * Raw SQL on the hot paths (every API call's authentication, replies, status changes, filing) sent
 * straight through the pool, the same tagged templates and `Prisma.sql` fragments as `$queryRaw`.
 * Prisma's client engine hands even a raw statement to its query compiler (the request serialised,
 * compiled to a plan in WebAssembly, the plan interpreted): about 0.7 ms of Node CPU a statement
 * against 0.2 ms through pg, and these paths send eight to ten statements a call (the compiler was
 * the largest item of the writes' CPU profiles). Values go in and come out as `$queryRaw` gives
 * them: timestamps as UTC (with and without zone), int8 as bigint, numeric as Prisma.Decimal, JSON
 * parsed. Only what is written as raw SQL goes through here; model queries stay on Prisma.
 */
export type Sql = {
  $queryRaw: <T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => Promise<T>;
  $executeRaw: (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => Promise<number>;
};

/** A `timestamp` (stored as UTC, no zone) as PostgreSQL writes it in text or JSON ("2026-12-03 14:46:36.458" or "…T…"), as the Date it is. */
export const utc = (text: string) => new Date(`${text.replace(" ", "T")}Z`);
const arrayOf = <T>(parse: (text: string) => T) => {
  // text[]: pg-types splits the literal into its elements (escapes and NULLs), each then parsed as one value.
  const parseArray = pg.types.getTypeParser(1009 as never, "text") as (text: string) => (string | null)[];
  return (text: string) => parseArray(text).map((v) => (v === null ? null : parse(v)));
};
const timestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, "text") as (text: string) => Date;
const parsers: Record<number, (text: string) => unknown> = {
  20: (text) => BigInt(text),
  1016: arrayOf((text) => BigInt(text)),
  1700: (text) => new Prisma.Decimal(text),
  1231: arrayOf((text) => new Prisma.Decimal(text)),
  1082: (text) => new Date(`${text}T00:00:00Z`),
  1114: utc,
  1115: arrayOf(utc),
  1184: timestamptz,
};
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    (format ?? "text") === "text" && parsers[oid] ? parsers[oid] : (pg.types.getTypeParser(oid, format) as (text: string) => unknown)) as pg.CustomTypesConfig["getTypeParser"],
};

/** A value as Prisma's adapter sends it: a date as UTC without zone (so `::timestamp` reads it as stored), a decimal as text. */
function valueOf(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("T", " ").replace("Z", "");
  if (Prisma.Decimal.isDecimal(value)) return value.toString();
  if (Array.isArray(value)) return value.map(valueOf);
  return value;
}

function statementOf(query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql {
  return query instanceof Prisma.Sql ? query : Prisma.sql(query, ...values);
}

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

/**
 * Whether statements go out as named prepared statements. Each connection then parses a text once,
 * and after five executions PostgreSQL may keep a generic plan: the writes' statements are long
 * (a change's read holds its request with every event, comment, policy and reader in one) and were
 * planned afresh on every call, the largest part of their PostgreSQL CPU, and their text was sent
 * every time. Only for statements keyed by ids or unique keys, where a generic plan is as good as a
 * custom one; a statement filtering a skewed column (a department's queue) stays unnamed. Not on
 * the embedded database: its one session outlives a connection, and with it the statements prepared.
 */
export type SqlOptions = { prepared?: boolean };

/**
 * A transaction's first statement sent with its BEGIN, in one round trip (the simple protocol runs
 * them one after the other, each with its own snapshot, as two round trips would): a change's row
 * lock. Its values are written into the text as literals, so it takes text and numbers only.
 */
export type TransactionOptions = SqlOptions & { opening?: Prisma.Sql };

function inlined(statement: Prisma.Sql): string {
  const literals = statement.values.map((value) => {
    if (typeof value === "string") return pg.escapeLiteral(value);
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    throw new Error(`a transaction's opening statement takes text and numbers only, not ${typeof value}`);
  });
  // Prisma.sql numbers its placeholders $1, $2, … in order: one pass, so a literal is never read again.
  return statement.text.replace(/\$(\d+)/g, (placeholder, n: string) => literals[Number(n) - 1] ?? placeholder);
}

const names = new Map<string, string>();
/** Distinct texts named per process: the texts vary only with the shape of an actor's roles, so a bound keeps a surprise from growing every connection. */
const MAX_NAMES = 500;

function nameOf(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_NAMES) return known;
  const name = `desk_${names.size + 1}`;
  names.set(text, name);
  return name;
}

function over(client: Queryable, options: SqlOptions = {}): Sql {
  const named = options.prepared === true && !env().DESK_EMBEDDED;
  const run = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const statement = statementOf(query, values);
    const name = named ? nameOf(statement.text) : undefined;
    return client.query({ name, text: statement.text, values: statement.values.map(valueOf), types });
  };
  return {
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      return (await run(query, values)).rows as T;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      return (await run(query, values)).rowCount ?? 0;
    },
  };
}

/** Raw SQL on the process's pool (the one under db()), each statement on whichever connection is free. */
export function sql(options?: SqlOptions): Sql {
  return over(dbPool(), options);
}

/** Thrown by a statement of a transaction that outlived its time, as Prisma's own says it (lib/db/unavailable.ts reads it as busy). */
const expired = (ms: number) => new Error(`Transaction already closed: the transaction ran longer than its timeout of ${ms} ms and was rolled back.`);

/**
 * BEGIN … COMMIT on one pool connection, ROLLBACK when `fn` throws, as `db().$transaction` runs
 * one: the same time-out (15 s on PostgreSQL, 60 s on the embedded database, whose single
 * connection others wait for), after which the transaction's next statement fails and it is
 * rolled back. Every statement of `fn` must go through the `tx` it gets: on the embedded database
 * the pool is that one connection.
 */
export async function sqlTransaction<T>(fn: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T> {
  const timeoutMs = env().DESK_EMBEDDED ? 60_000 : 15_000;
  const client = await dbPool().connect();
  let timedOut = false;
  const timer = setTimeout(() => (timedOut = true), timeoutMs);
  const guarded: Queryable = {
    query: ((...args: Parameters<pg.PoolClient["query"]>) => {
      if (timedOut) return Promise.reject(expired(timeoutMs));
      return (client.query as (...a: unknown[]) => unknown)(...args);
    }) as pg.PoolClient["query"],
  };
  let broken: Error | undefined;
  try {
    if (!options?.opening) await client.query("BEGIN");
    // On the embedded database as two statements: its socket server is not where to count round trips.
    else if (env().DESK_EMBEDDED) for (const text of ["BEGIN", inlined(options.opening)]) await client.query(text);
    else await client.query(`BEGIN; ${inlined(options.opening)}`);
    const result = await fn(over(guarded, options));
    if (timedOut) throw expired(timeoutMs);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      // The connection is gone or unusable: it leaves the pool rather than serve the next caller.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    clearTimeout(timer);
    client.release(broken);
  }
}
