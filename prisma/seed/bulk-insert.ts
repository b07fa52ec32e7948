// Writes many rows in a few statements, INSERT ... SELECT FROM unnest(one array per column): the
// demo's year of history is ~100,000 rows, which createMany's one-parameter-per-value statements
// push through the embedded database several times slower.
import type { Prisma } from "../../lib/generated/prisma/client";

type Client = Pick<Prisma.TransactionClient, "$executeRawUnsafe">;

/** A column and its SQL type, e.g. "createdAt: timestamp(3)" or `status: "RequestStatus"` (enums by their quoted name). */
export type Columns<Row> = { [K in keyof Row]?: string };

const BATCH = 10_000;

function cell(value: unknown, type: string): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (type === "jsonb") return JSON.stringify(value);
  return value;
}

/**
 * Inserts `rows` into `table` in their order (so an identity column follows it), in batches. Only the
 * listed columns are written; the others take their defaults, as with createMany.
 */
export async function bulkInsert<Row extends object>(client: Client, table: string, columns: Columns<Row>, rows: readonly Row[]): Promise<void> {
  const entries = Object.entries(columns) as [keyof Row & string, string][];
  // Arrays travel as text[] and are cast per column: one statement shape for every type.
  const select = entries.map(([name, type], i) => `c${i}::${type} AS "${name}"`).join(", ");
  const from = entries.map((_, i) => `$${i + 1}::text[]`).join(", ");
  const aliases = entries.map((_, i) => `c${i}`).join(", ");
  const sql = `INSERT INTO "${table}" (${entries.map(([name]) => `"${name}"`).join(", ")})
    SELECT ${select} FROM unnest(${from}) WITH ORDINALITY AS t(${aliases}, ord) ORDER BY ord`;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const params = entries.map(([name, type]) => batch.map((row) => {
      const value = cell(row[name], type);
      return value === null ? null : String(value);
    }));
    await client.$executeRawUnsafe(sql, ...params);
  }
}
