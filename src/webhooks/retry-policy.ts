/** Retry settings (from Config; small in tests). */
export interface RetryPolicy {
  baseMs: number;
  maxDelayMs: number;
  /** Deliveries are retried this long after retryFrom (their event, or an admin's redelivery or re-activation), then fail for good. */
  windowMs: number;
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(attempt-1))]. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  return Math.floor(random() * ceiling);
}

/** What to do after an attempt, given its outcome. */
export type AttemptOutcome =
  | { kind: "success"; statusCode: number }
  | { kind: "retryable"; statusCode: number | null; error: string }
  | { kind: "permanent"; statusCode: number | null; error: string };

/** 429 and 5xx are worth retrying; any other non-2xx is the receiver saying no. */
export function classifyStatus(statusCode: number): AttemptOutcome {
  if (statusCode >= 200 && statusCode < 300) return { kind: "success", statusCode };
  if (statusCode === 429 || statusCode >= 500) return { kind: "retryable", statusCode, error: `HTTP ${statusCode}` };
  if (statusCode >= 300 && statusCode < 400) return { kind: "permanent", statusCode, error: `HTTP ${statusCode} (redirects are not followed)` };
  return { kind: "permanent", statusCode, error: `HTTP ${statusCode}` };
}
