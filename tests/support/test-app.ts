import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Express } from "express";
import pino from "pino";
import { createApp } from "../../src/app";
import { createApiKey } from "../../src/auth/create-api-key";
import { loadConfig, type Config } from "../../src/config/config";
import type { Database } from "../../src/db/database";
import type { Role } from "../../src/generated/prisma/enums";
import { createLogger, type Logger } from "../../src/logging/logger";
import { ensureOrganization } from "../../src/organizations/ensure-organization";
import { loadSeed } from "../../src/seed/load-seed";
import { readSeed } from "../../src/seed/seed-file";
import { logsDir, recordTestSecret, runDir } from "./test-secrets";
import { openTestDatabase } from "./test-db";

/**
 * Logs of the whole suite go to files through the production logger (same redaction),
 * so global-teardown can prove that no key or password created by a test reached them.
 */
export function testLogger(name: string): Logger {
  const file = path.join(logsDir(), `${name}-${process.pid}.ndjson`);
  return createLogger({ level: "debug", destination: pino.destination({ dest: file, sync: true, mkdir: true }) });
}

export interface TestOrg {
  id: string;
  slug: string;
  keys: Record<Role, string>;
}

/** A new organization of its own (unique slug) with one API key per role. */
export async function createTestOrg(db: Database, opts: { seed?: boolean } = {}): Promise<TestOrg> {
  const slug = `t-${randomBytes(6).toString("hex")}`;
  const org = await ensureOrganization(db.prisma, slug, `Test ${slug}`);
  const keys = {} as Record<Role, string>;
  for (const role of ["viewer", "fact_checker", "editor", "admin"] as const) {
    keys[role] = (await createApiKey(db.prisma, { organizationId: org.id, name: `${role} key`, role, actor: { type: "system", id: null } })).secret;
    recordTestSecret(keys[role]);
  }
  if (opts.seed) {
    const { seed, text } = readSeed();
    await loadSeed(db.prisma, org.id, seed, text);
  }
  return { id: org.id, slug, keys };
}

export interface TestApp {
  app: Express;
  db: Database;
  config: Config;
  log: Logger;
  close(): Promise<void>;
}

export async function startTestApp(name: string, env: Record<string, string> = {}): Promise<TestApp> {
  const db = await openTestDatabase();
  // DATA_DIR inside the run's directory: nothing a test does writes into the checkout.
  // Sign-in limits high unless a suite sets its own: the counters are per client address,
  // and on the PostgreSQL server every suite shares one database and the address 127.0.0.1,
  // so suites that merely sign in would use up each other's 10 a minute (the limiter has its
  // own suite, tests/api/rate-limit-signin.test.ts).
  const config = loadConfig({
    LOG_LEVEL: "debug",
    DATA_DIR: path.join(runDir(), "data"),
    RATE_LIMIT_SIGNIN_PER_MINUTE: "100000",
    RATE_LIMIT_SIGNIN_EMAIL_PER_MINUTE: "1000",
    ...env,
  });
  const log = testLogger(name);
  const app = createApp({ config, db, log });
  return { app, db, config, log, close: () => db.close() };
}
