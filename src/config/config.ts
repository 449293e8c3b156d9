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
  /** Largest accepted JSON body. */
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i).default("1mb"),
  /** Set when behind a reverse proxy: value for express "trust proxy" (e.g. 1, loopback). */
  TRUST_PROXY: z.string().optional(),
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
