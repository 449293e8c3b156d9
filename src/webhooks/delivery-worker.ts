import type { Config } from "../config/config";
import type { Database } from "../db/database";
import type { Logger } from "../logging/logger";
import { recordOutcome, type LeasedDelivery } from "./delivery-outcome";
import type { AttemptOutcome, RetryPolicy } from "./retry-policy";
import { decryptSecret, resolveSecretKey } from "./secret-box";
import { sendWebhook } from "./send-webhook";
import { signWebhook } from "./webhook-signing";

const BATCH = 10;

export interface DeliveryWorker {
  /** Takes one batch of due deliveries, sends them and records the outcomes. Returns how many. */
  runOnce(): Promise<number>;
  start(): void;
  /** Stops polling and waits for the batch in flight (bounded by the request timeout). */
  stop(): Promise<void>;
}

export function workerSettings(config: Config) {
  const policy: RetryPolicy = { baseMs: config.WEBHOOK_RETRY_BASE_MS, maxDelayMs: config.WEBHOOK_RETRY_MAX_DELAY_MS, windowMs: config.WEBHOOK_RETRY_WINDOW_MS };
  return { policy, leaseMs: config.WEBHOOK_LEASE_MS ?? config.WEBHOOK_TIMEOUT_MS + 30_000 };
}

/**
 * The outbox's delivery worker. Each instance of the service may run one; they share the
 * work through row locks: a batch is taken with FOR UPDATE SKIP LOCKED and leased
 * (lockedUntil) in one statement that commits at once, so the POSTs happen outside any
 * transaction. A worker that dies leaves its lease behind; when it expires, the rows are
 * due again and another worker (or the restarted one) sends them: at-least-once delivery,
 * with the same event id so receivers can de-duplicate. No ordering is promised, not even
 * per subscription: a retried delivery can overtake or be overtaken by later events.
 */
export function createDeliveryWorker(deps: { db: Database; config: Config; log: Logger }): DeliveryWorker {
  const { db, config, log } = deps;
  const { policy, leaseMs } = workerSettings(config);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function lease(): Promise<LeasedDelivery[]> {
    const leaseSeconds = leaseMs / 1000;
    return db.prisma.$queryRaw<LeasedDelivery[]>`
      WITH due AS (
        SELECT d."organizationId", d.id
        FROM webhook_deliveries d
        JOIN webhook_subscriptions s ON s."organizationId" = d."organizationId" AND s.id = d."subscriptionId"
        WHERE d.status = 'pending' AND d."nextAttemptAt" <= now()
          AND (d."lockedUntil" IS NULL OR d."lockedUntil" < now())
          AND s.active
        ORDER BY d."nextAttemptAt"
        LIMIT ${BATCH}
        FOR UPDATE OF d SKIP LOCKED
      )
      UPDATE webhook_deliveries w
      SET "lockedUntil" = now() + make_interval(secs => ${leaseSeconds}::float8)
      FROM due
      WHERE w."organizationId" = due."organizationId" AND w.id = due.id
      RETURNING w."organizationId", w.id, w."subscriptionId", w."createdAt", w."retryFrom", w.attempts, w."lockedUntil"`;
  }

  async function deliver(d: LeasedDelivery): Promise<void> {
    const row = await db.prisma.webhookDelivery.findUnique({
      where: { organizationId_id: { organizationId: d.organizationId, id: d.id } },
      select: { eventId: true, eventType: true, payload: true, subscription: { select: { url: true, secretCiphertext: true } } },
    });
    if (!row) return; // the subscription was deleted meanwhile
    let outcome: AttemptOutcome;
    let secret: string | undefined;
    try {
      secret = decryptSecret(resolveSecretKey(config), row.subscription.secretCiphertext);
    } catch (err) {
      log.error({ err: err instanceof Error ? err.message : String(err), deliveryId: d.id }, "webhook secret cannot be decrypted (is WEBHOOK_SECRET_KEY the one it was created with?)");
    }
    if (secret === undefined) {
      outcome = { kind: "retryable", statusCode: null, error: "the signing secret cannot be decrypted (WEBHOOK_SECRET_KEY changed or missing)" };
    } else {
      const body = JSON.stringify(row.payload);
      const timestamp = Math.floor(Date.now() / 1000);
      outcome = await sendWebhook({
        url: row.subscription.url,
        body,
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        allowedHosts: config.WEBHOOK_ALLOWED_HOSTS,
        headers: {
          "User-Agent": "ClaimTrail-Webhooks/1",
          "ClaimTrail-Event-Id": row.eventId,
          "ClaimTrail-Event-Type": row.eventType,
          "ClaimTrail-Timestamp": String(timestamp),
          "ClaimTrail-Signature": signWebhook(secret, timestamp, body),
        },
      });
    }
    const recorded = await recordOutcome(db.prisma, d, outcome, policy);
    log[outcome.kind === "success" ? "debug" : "info"](
      { deliveryId: d.id, eventId: row.eventId, subscriptionId: d.subscriptionId, outcome: outcome.kind, statusCode: outcome.statusCode, recorded },
      "webhook delivery attempted",
    );
  }

  async function runOnce(): Promise<number> {
    const batch = await lease();
    await Promise.all(
      batch.map((d) => deliver(d).catch((err: unknown) => log.error({ err, deliveryId: d.id }, "webhook delivery failed unexpectedly; its lease will expire and it will be retried"))),
    );
    return batch.length;
  }

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
  };
  function tick(): void {
    running = runOnce();
    running
      .then((n) => schedule(n >= BATCH ? 0 : config.WEBHOOK_POLL_INTERVAL_MS))
      .catch((err: unknown) => {
        log.warn({ err }, "webhook worker poll failed; retrying");
        schedule(config.WEBHOOK_POLL_INTERVAL_MS);
      })
      .finally(() => (running = undefined));
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
