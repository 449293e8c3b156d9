import type { Config } from "../config/config";
import { createApiKey, ensureBootstrapKey } from "../auth/create-api-key";
import type { Database } from "../db/database";
import { applyMigrations } from "../db/migrations/runner";
import type { Logger } from "../logging/logger";
import { ensureOrganization } from "../organizations/ensure-organization";
import { loadSeed } from "../seed/load-seed";
import { readSeed } from "../seed/seed-file";

/**
 * Everything that must hold before the service takes requests: migrations applied, the
 * default organization present, the bootstrap admin key in place, the seed loaded on a
 * new embedded database. Safe to run on every start and from several instances at once.
 */
export async function prepareDatabase({ config, db, log }: { config: Config; db: Database; log: Logger }): Promise<void> {
  const { applied } = await db.withSession((conn) => applyMigrations(conn, { log }));
  if (applied.length) log.info({ migrations: applied }, "applied database migrations");

  const org = await ensureOrganization(db.prisma, config.DEFAULT_ORG_SLUG, config.DEFAULT_ORG_SLUG === "default" ? "Default newsroom" : undefined);
  if (org.created) log.info({ organization: org.slug }, "created the default organization");

  if (config.BOOTSTRAP_ADMIN_KEY) {
    const r = await ensureBootstrapKey(db.prisma, org.id, config.BOOTSTRAP_ADMIN_KEY);
    if (r.created) log.info({ organization: org.slug, keyPrefix: r.prefix }, "created the bootstrap admin API key");
  } else if (org.created && db.kind === "embedded") {
    const key = await createApiKey(db.prisma, { organizationId: org.id, name: "first admin", role: "admin", actor: { type: "system", id: null } });
    // The one place a secret is written out: the operator of a new embedded instance
    // needs a key and has no other way to get one. It is not stored anywhere in clear.
    log.info(
      { organization: org.slug, adminApiKeyShownOnce: key.secret },
      "created an admin API key for this new database; it is shown only this once",
    );
  }

  if (config.SEED_ON_START && org.created) {
    const { seed, text } = readSeed();
    const r = await loadSeed(db.prisma, org.id, seed, text);
    log.info({ organization: org.slug, ...r.created }, "loaded the seed article and its claims");
  }
}
