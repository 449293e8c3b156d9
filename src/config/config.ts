import path from "node:path";
import { z } from "zod";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/**
 * Every setting the service reads, parsed once at start-up. No other module reads
 * process.env; everything else receives a Config.
 */
const configSchema = z.object({
  /** TCP port the HTTP server listens on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to bind; 0.0.0.0 in containers. */
  HOST: z.string().min(1).default("0.0.0.0"),
  /** PostgreSQL server URL. Unset: the embedded PostgreSQL (PGlite) in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  /** Directory of the embedded database (only used without DATABASE_URL). */
  DATA_DIR: z.string().min(1).default("./data"),
  /** pino log level. */
  LOG_LEVEL: z.enum(logLevels).default("info"),
  /** If set, an admin API key with exactly this secret exists for the default organization. */
  BOOTSTRAP_ADMIN_KEY: z
    .string()
    .min(24, "must be at least 24 characters")
    .regex(/^[A-Za-z0-9_\-.~]+$/, "may only contain letters, digits and - _ . ~")
    .optional(),
  /** Slug of the organization that bootstrap keys and the seed belong to. */
  DEFAULT_ORG_SLUG: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).default("default"),
  /** Load the seed article and claims on first start. Default: on for the embedded database. */
  SEED_ON_START: bool.optional(),
  /** Maximum connections in the PostgreSQL server pool. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  /** How long a request waits for a pooled connection before it gets 503. */
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120000).default(5000),
  /** Server-side statement timeout for the pool's connections. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600000).default(15000),
  /** Grace period for in-flight requests on SIGTERM/SIGINT. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(120000).default(10000),
  /** A client must send all request headers within this time (slowloris), else the socket is closed. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600000).default(20000),
  /** A client must send the whole request (headers and body) within this time; node answers 408. */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600000).default(60000),
  /** Largest accepted JSON body. */
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i).default("1mb"),
  /** Set when behind a reverse proxy: value for express "trust proxy" (e.g. 1, loopback). */
  TRUST_PROXY: z.string().optional(),
  /** Lifetime of a sign-in session (the ct_session cookie's Max-Age), in seconds. Fixed, not sliding. */
  SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(12 * 3600),
  /** Sign-in attempts allowed per client IP per minute (brute force and credential stuffing). */
  RATE_LIMIT_SIGNIN_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(10),
  /** Sign-in attempts allowed per email address per minute, whatever the IP (targeted guessing). */
  RATE_LIMIT_SIGNIN_EMAIL_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(5),
  /**
   * How long a verified API key is remembered in memory, so that a request does not look
   * it up again; 0 turns the cache off. Revocation evicts it at once in every instance
   * (PostgreSQL NOTIFY); while an instance cannot listen for that, it does not cache.
   */
  API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** /v1 requests allowed per API key (or signed-in user) per minute; 0 turns the limit off. */
  RATE_LIMIT_API_PER_MINUTE: z.coerce.number().int().min(0).max(1000000).default(600),
  /**
   * Browser origins allowed to call the API cross-origin, with credentials (comma-separated,
   * e.g. "https://cms.example.org,https://desk.example.org"). Unset: no CORS headers at all.
   */
  CORS_ORIGINS: z
    .string()
    .transform((v) => v.split(",").map((o) => o.trim()).filter((o) => o.length > 0))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/\s,]+$/, "each origin must be scheme://host[:port] with no path")))
    .default([]),
  /**
   * Webhook targets allowed even though they are private, loopback or link-local
   * (comma-separated host names or IPs, optionally host:port, e.g. "127.0.0.1,hooks.internal:8080").
   * The URL's host must be named exactly; unset: only public addresses.
   */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .transform((v) => v.split(",").map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0))
    .default([]),
  /** Key (32 bytes, base64) that encrypts webhook signing secrets at rest (AES-256-GCM). */
  WEBHOOK_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)")
    .optional(),
  /** Run the webhook delivery worker in this process. */
  WEBHOOK_WORKER_ENABLED: bool.default(true),
  /** How often the delivery worker looks for due deliveries. */
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(600000).default(1000),
  /** How long one webhook POST may take before it counts as a timeout (and is retried). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120000).default(10000),
  /** First retry delay; doubles per attempt, with full jitter. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3600000).default(10000),
  /** Largest retry delay. */
  WEBHOOK_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(1).max(24 * 3600000).default(3600000),
  /** How long a delivery is retried, from when its event happened; then it fails for good. */
  WEBHOOK_RETRY_WINDOW_MS: z.coerce.number().int().min(0).max(7 * 24 * 3600000).default(24 * 3600000),
  /** Lease a worker holds on the deliveries it took; a crashed worker's rows return after it. Default: timeout + 30 s. */
  WEBHOOK_LEASE_MS: z.coerce.number().int().min(100).max(3600000).optional(),
});

export type Config = Omit<z.infer<typeof configSchema>, "SEED_ON_START"> & {
  SEED_ON_START: boolean;
  /** Absolute path of DATA_DIR. */
  dataDir: string;
  databaseKind: "embedded" | "server";
};

export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const c = parsed.data;
  const databaseKind = c.DATABASE_URL ? "server" : "embedded";
  return {
    ...c,
    SEED_ON_START: c.SEED_ON_START ?? databaseKind === "embedded",
    dataDir: path.resolve(c.DATA_DIR),
    databaseKind,
  };
}
