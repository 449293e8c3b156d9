import { setTimeout as sleep } from "node:timers/promises";

// PostgreSQL's deadlock_detected and serialization_failure: the transaction was rolled
// back as a whole and may simply run again.
const retryableCodes = new Set(["40P01", "40001"]);

/** Whether an error (Prisma, driver adapter, pg) says the transaction lost a lock conflict. */
export function isWriteConflict(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === "object" && !seen.has(e)) {
    seen.add(e);
    const o = e as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
    if (o.code === "P2034") return true;
    if (typeof o.code === "string" && retryableCodes.has(o.code)) return true;
    if (typeof o.originalCode === "string" && retryableCodes.has(o.originalCode)) return true;
    e = o.meta?.driverAdapterError ?? o.cause;
  }
  return false;
}

/**
 * Runs a whole write transaction again when PostgreSQL aborted it for a deadlock (for
 * example a merge, which locks sources then claims, against a claim edit that locks the
 * claim then the sources of its new chain). Safe with idempotentWrite: it sends the
 * response only after its transaction committed, so a failed attempt sent nothing.
 */
export async function retryOnWriteConflict<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !isWriteConflict(err)) throw err;
      await sleep(20 * attempt + Math.floor(Math.random() * 30));
    }
  }
}
