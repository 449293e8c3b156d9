import { Client } from "pg";
import { createApiKey } from "../src/auth/create-api-key";
import { prepareDatabase } from "../src/bootstrap/prepare-database";
import { loadConfig } from "../src/config/config";
import { openDatabase } from "../src/db/open-database";
import { createLogger } from "../src/logging/logger";

export interface BenchDatabase {
  url: string;
  name: string;
  organizationId: string;
  editorKey: string;
  editorKeyId: string;
}

export function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database for the run, migrated by the service's own runner, with one organization and an editor key. */
export async function createBenchDatabase(serverUrl: string, name: string): Promise<BenchDatabase> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(serverUrl, name);
  const log = createLogger({ level: "warn" });
  const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn", DEFAULT_ORG_SLUG: "bench" });
  const db = await openDatabase(config, log);
  try {
    // Same path as the service's start-up: migrations through src/db/migrations/runner.ts, then the organization.
    await prepareDatabase({ config, db, log });
    const org = await db.prisma.organization.findUniqueOrThrow({ where: { slug: "bench" } });
    const key = await createApiKey(db.prisma, { organizationId: org.id, name: "bench editor", role: "editor", actor: { type: "system", id: null } });
    const row = await db.prisma.apiKey.findFirstOrThrow({ where: { organizationId: org.id, name: "bench editor" } });
    return { url, name, organizationId: org.id, editorKey: key.secret, editorKeyId: row.id };
  } finally {
    await db.close();
  }
}

export async function dropBenchDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
