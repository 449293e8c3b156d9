/**
 * A unique-constraint violation, however it reached us: Prisma's P2002 from its own
 * queries, or a raw statement's failure (P2010, or the driver adapter's error) carrying
 * PostgreSQL's SQLSTATE 23505 — the raw bulk inserts (db/bulk-insert.ts) fail that way.
 */
export function isUniqueViolation(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const o = e as { code?: unknown; message?: unknown; cause?: unknown; kind?: unknown; meta?: { code?: unknown; driverAdapterError?: unknown } };
    if (o.code === "P2002" || o.code === "23505" || o.meta?.code === "23505" || o.kind === "UniqueConstraintViolation") return true;
    if (typeof o.message === "string" && /duplicate key value violates unique constraint/i.test(o.message)) return true;
    e = o.meta?.driverAdapterError ?? o.cause;
  }
  return false;
}
