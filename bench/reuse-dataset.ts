import { Client } from "pg";
import { createApiKey } from "../src/auth/create-api-key";
import { loadConfig } from "../src/config/config";
import { openDatabase } from "../src/db/open-database";
import { createLogger } from "../src/logging/logger";
import type { BenchDatabase } from "./bench-database";
import type { Dataset } from "./dataset-generator";

/**
 * `--reuse <database>`: the dataset of an earlier `--keep` run, read back from its
 * database, with a new editor key (the first one's secret was never stored). Loading a
 * million claims takes six minutes; this lets one workload be measured again in one.
 */
export async function reuseDataset(serverUrl: string, name: string): Promise<{ bench: BenchDatabase; ds: Dataset }> {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const c = new Client({ connectionString: url });
  await c.connect();
  let organizationId: string;
  let ds: Dataset;
  try {
    const org = await c.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'bench'`);
    if (!org.rows[0]) throw new Error(`${name} holds no bench organization`);
    organizationId = org.rows[0].id;
    const ids = (sql: string) => c.query<{ id: string }>(sql, [organizationId]).then((r) => r.rows.map((x) => x.id));
    const claimIds = await ids(`SELECT id FROM claims WHERE "organizationId" = $1 AND "externalId" IS NULL`);
    const editableIds = await ids(`SELECT id FROM (SELECT id, "createdAt" FROM claims WHERE "organizationId" = $1 AND status <> 'published' AND "externalId" IS NULL ORDER BY "createdAt" DESC, id DESC LIMIT 5000) x ORDER BY "createdAt", id`);
    const personIds = await ids(`SELECT id FROM sources WHERE "organizationId" = $1 AND type = 'person' ORDER BY "createdAt", id`);
    const publicationIds = await ids(`SELECT id FROM sources WHERE "organizationId" = $1 AND type = 'publication' ORDER BY "createdAt", id`);
    const anchors = await c.query<{ articleId: string; exact: string; start: number; end: number }>(
      `SELECT DISTINCT ON (a."articleId") a."articleId", a.exact, a.start, a."end" FROM claim_appearances a
       WHERE a."organizationId" = $1 AND a."anchorStatus" = 'anchored' ORDER BY a."articleId", a.start`,
      [organizationId],
    );
    ds = { claimIds, editableIds, speakerIds: personIds, anchors: anchors.rows, personIds, publicationIds, rows: {}, seconds: 0, phases: {} };
  } finally {
    await c.end();
  }
  const log = createLogger({ level: "warn" });
  const config = loadConfig({ ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn", DEFAULT_ORG_SLUG: "bench" });
  const db = await openDatabase(config, log);
  try {
    const keyName = `bench editor ${Date.now()}`;
    const key = await createApiKey(db.prisma, { organizationId, name: keyName, role: "editor", actor: { type: "system", id: null } });
    const row = await db.prisma.apiKey.findFirstOrThrow({ where: { organizationId, name: keyName } });
    return { bench: { url, name, organizationId, editorKey: key.secret, editorKeyId: row.id }, ds };
  } finally {
    await db.close();
  }
}
