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
 * default organization present, an admin key in place, the seed loaded on a new embedded
 * database. Safe to run on every start and from several instances at once.
 *
 * Each step is its own transaction, so a start-up interrupted between them (a crash, a
 * SIGTERM) leaves a partial state. Every step therefore checks what exists, not whether
 * this run created the organization: the next start finishes the job.
 *
 * `signal` is checked between steps (never inside one): a SIGTERM during start-up stops
 * at the next step boundary, with nothing half-written.
 */
export async function prepareDatabase({ config, db, log, signal }: { config: Config; db: Database; log: Logger; signal?: AbortSignal }): Promise<void> {
  signal?.throwIfAborted();
  const { applied } = await db.withSession((conn) => applyMigrations(conn, { log }));
  if (applied.length) log.info({ migrations: applied }, "applied database migrations");

  signal?.throwIfAborted();
  const org = await ensureOrganization(db.prisma, config.DEFAULT_ORG_SLUG, config.DEFAULT_ORG_SLUG === "default" ? "Default newsroom" : undefined);
  if (org.created) log.info({ organization: org.slug }, "created the default organization");

  signal?.throwIfAborted();
  if (config.BOOTSTRAP_ADMIN_KEY) {
    const r = await ensureBootstrapKey(db.prisma, org.id, config.BOOTSTRAP_ADMIN_KEY);
    if (r.created) log.info({ organization: org.slug, keyPrefix: r.prefix }, "created the bootstrap admin API key");
  } else if (db.kind === "embedded" && !(await hasAdmin(db, org.id))) {
    // Only the embedded database: its operator has no other way in. A server database
    // gets its admins from BOOTSTRAP_ADMIN_KEY or `npm run keys:create`.
    const key = await createApiKey(db.prisma, { organizationId: org.id, name: "first admin", role: "admin", actor: { type: "system", id: null } });
    // The one place a secret is written out: the operator needs a key and has no other
    // way to get one. It is not stored anywhere in clear.
    log.info(
      { organization: org.slug, adminApiKeyShownOnce: key.secret },
      org.created
        ? "created an admin API key for this new database; it is shown only this once"
        : "created an admin API key: the organization had no usable admin key (an earlier start was interrupted, or every admin key was revoked); it is shown only this once",
    );
  }

  signal?.throwIfAborted();
  if (config.SEED_ON_START && (await needsSeed(db, org.id))) {
    const { seed, text } = readSeed();
    const r = await loadSeed(db.prisma, org.id, seed, text);
    log.info({ organization: org.slug, ...r.created }, "loaded the seed article and its claims");
  }
}

/** An unrevoked admin API key, or an enabled admin user who can sign in and make keys. */
async function hasAdmin(db: Database, organizationId: string): Promise<boolean> {
  const [key, user] = await Promise.all([
    db.prisma.apiKey.findFirst({ where: { organizationId, role: "admin", revokedAt: null }, select: { id: true } }),
    db.prisma.user.findFirst({ where: { organizationId, role: "admin", disabledAt: null }, select: { id: true } }),
  ]);
  return key !== null || user !== null;
}

/**
 * The seed goes into an organization that has no article yet (loadSeed writes all of it
 * in one transaction, so "no article" means it never ran to the end). An organization
 * already in use keeps its contents; `npm run seed` adds the seed there on request.
 */
async function needsSeed(db: Database, organizationId: string): Promise<boolean> {
  return (await db.prisma.article.findFirst({ where: { organizationId }, select: { id: true } })) === null;
}
