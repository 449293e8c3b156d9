import type { Prisma } from "../generated/prisma/client";

/**
 * Many rows into one table with one statement: each column travels as one text[] parameter
 * and `INSERT … SELECT … FROM unnest(…)` casts it back. Why not Prisma's createMany: for
 * the bulk import it spent ~0.3–0.5 s per 500 rows in its query compiler (measured with
 * the bench), more than PostgreSQL took to store them; here a statement has as many
 * parameters as columns, whatever the number of rows.
 *
 * Each parameter is the array's literal text, written here, not a JavaScript array: Prisma
 * walks every element of an array parameter to work out its type before the driver writes
 * the same literal, and in a CPU profile of the bulk import that walk was 6% of the
 * service's time, spent while PostgreSQL waited for the statement.
 */
export interface BulkColumn<R> {
  /** Column name as in the table (camelCase, quoted). */
  name: string;
  /** PostgreSQL type the text is cast to: uuid, text, int4, int8, timestamptz, jsonb or an enum ("ClaimKind"). */
  type: string;
  value(row: R): string | number | bigint | Date | null;
  /** false: sent only for a computed column to use (as u."name"), not inserted itself. */
  insert?: boolean;
}

const CHUNK_ROWS = 5_000;

const asText = (v: string | number | bigint | Date | null): string | null => (v === null ? null : v instanceof Date ? v.toISOString() : String(v));

const NEEDS_ESCAPE = /["\\]/;
const ESCAPES = /["\\]/g;

/** The text[] literal of `values`, as node-postgres writes an array parameter: every element quoted, " and \ escaped, null as NULL. */
export function textArrayLiteral(values: ReadonlyArray<string | null>): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ",";
    if (v === null || v === undefined) out += "NULL";
    else out += `"${NEEDS_ESCAPE.test(v) ? v.replace(ESCAPES, "\\$&") : v}"`;
  }
  return `${out}}`;
}

export async function insertRows<R>(
  tx: Prisma.TransactionClient,
  table: string,
  columns: ReadonlyArray<BulkColumn<R>>,
  rows: readonly R[],
  /** Columns filled by an SQL expression (e.g. "createdAt" = now()); it may use the row's columns as u."name". */
  computed: ReadonlyArray<{ name: string; sql: string }> = [],
  /**
   * A statement to run in the same statement as the (last) INSERT, as its main query
   * (`WITH inserted AS (INSERT …) <sql>`), with its own $1, $2 … parameters: one round
   * trip instead of two, for a caller that holds a lock across both.
   */
  andThen?: { sql: string; values: readonly unknown[] },
): Promise<void> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  const quote = (n: string) => `"${n.replace(/"/g, "")}"`;
  const inserted = columns.filter((c) => c.insert !== false);
  const names = [...inserted.map((c) => c.name), ...computed.map((c) => c.name)].map(quote).join(", ");
  const selected = [...inserted.map((c) => `u.${quote(c.name)}::${c.type}`), ...computed.map((c) => c.sql)].join(", ");
  const params = columns.map((_, i) => `$${i + 1}::text[]`).join(", ");
  const aliases = columns.map((c) => quote(c.name)).join(", ");
  const sql = `INSERT INTO ${table} (${names}) SELECT ${selected} FROM unnest(${params}) AS u(${aliases})`;
  for (let at = 0; at < rows.length || (at === 0 && andThen); at += CHUNK_ROWS) {
    const chunk = rows.slice(at, at + CHUNK_ROWS);
    const values = columns.map((c) => textArrayLiteral(chunk.map((r) => asText(c.value(r)))));
    if (andThen && at + CHUNK_ROWS >= rows.length) {
      const shifted = andThen.sql.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + columns.length}`);
      await tx.$executeRawUnsafe(`WITH inserted AS (${sql}) ${shifted}`, ...values, ...andThen.values);
      return;
    }
    await tx.$executeRawUnsafe(sql, ...values);
  }
}
