import type { Database } from "../db/database";
import { AppError } from "../http/problem";
import { sha256Hex } from "../lib/ids";
import type { Logger } from "../logging/logger";

export const MINUTE_MS = 60_000;
// Expired rows are deleted at most this often per process, a bounded batch at a time.
const PRUNE_INTERVAL_MS = 60_000;
const PRUNE_BATCH = 1000;

const HIT_SQL = `
  INSERT INTO rate_limit_buckets (bucket, "windowStart", hits, "expiresAt")
  VALUES ($1, $2::timestamptz, 1, $3::timestamptz)
  ON CONFLICT (bucket, "windowStart") DO UPDATE SET hits = rate_limit_buckets.hits + 1
  RETURNING hits`;
const PRUNE_SQL = `
  DELETE FROM rate_limit_buckets WHERE (bucket, "windowStart") IN (
    SELECT bucket, "windowStart" FROM rate_limit_buckets WHERE "expiresAt" < $1::timestamptz LIMIT $2::int)`;

export interface RateLimitOutcome {
  allowed: boolean;
  hits: number;
  limit: number;
  /** Whole seconds until the window ends (at least 1). */
  retryAfterSeconds: number;
}

/** Bucket names. Emails are hashed: the table needs no personal data to count. */
export const buckets = {
  signInIp: (ip: string) => `signin-ip:${ip}`,
  signInEmail: (email: string) => `signin-email:${sha256Hex(email.toLowerCase())}`,
  apiKey: (id: string) => `api-key:${id}`,
  user: (id: string) => `user:${id}`,
};

/**
 * Fixed-window counters in PostgreSQL, so limits hold across service instances. One atomic
 * upsert per hit: concurrent requests each get their own count back, with no read-then-write.
 * The upsert goes straight to the driver as a named prepared statement (Database.query): it
 * runs before every authenticated /v1 request, and Prisma's raw-query path cost more than the
 * statement itself.
 */
export class RateLimiter {
  private lastPruneAt = 0;

  constructor(
    private readonly db: Pick<Database, "query">,
    private readonly log?: Logger,
  ) {}

  async hit(bucket: string, limit: number, windowMs = MINUTE_MS): Promise<RateLimitOutcome> {
    const now = Date.now();
    const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
    const windowEnd = windowStart.getTime() + windowMs;
    // Kept one window longer than needed: harmless, and clock skew between instances cannot
    // make a live window look expired to the pruner.
    const expiresAt = new Date(windowEnd + windowMs);
    const rows = await this.db.query<{ hits: number }>(HIT_SQL, [bucket, windowStart, expiresAt], "claimtrail_rate_limit_hit");
    this.pruneNowAndThen(now);
    const hits = Number(rows[0]?.hits ?? 1);
    return { allowed: hits <= limit, hits, limit, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
  }

  /** Counts a hit and throws 429 `rate_limited` with Retry-After once the limit is passed. */
  async enforce(bucket: string, limit: number, what: string): Promise<void> {
    const outcome = await this.hit(bucket, limit);
    if (!outcome.allowed) throw tooManyRequests(what, outcome.retryAfterSeconds);
  }

  private pruneNowAndThen(now: number): void {
    if (now - this.lastPruneAt < PRUNE_INTERVAL_MS) return;
    this.lastPruneAt = now;
    // Not awaited: housekeeping must not slow down or fail the request that triggered it.
    this.db
      .query(PRUNE_SQL, [new Date(now), PRUNE_BATCH], "claimtrail_rate_limit_prune")
      .catch((err: unknown) => this.log?.warn({ err: { message: (err as Error).message } }, "could not prune rate-limit buckets"));
  }
}

export function tooManyRequests(what: string, retryAfterSeconds: number): AppError {
  return new AppError(429, "rate_limited", `Too many ${what}. Retry in ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
    headers: { "Retry-After": String(retryAfterSeconds) },
  });
}
