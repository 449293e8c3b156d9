import { randomBytes } from "node:crypto";
import { createApiKey } from "../../src/auth/create-api-key";
import { prepareDatabase } from "../../src/bootstrap/prepare-database";
import { loadConfig } from "../../src/config/config";
import type { Database } from "../../src/db/database";
import { newId } from "../../src/lib/ids";
import { createLogger } from "../../src/logging/logger";
import { ensureOrganization } from "../../src/organizations/ensure-organization";
import { readSeed } from "../../src/seed/seed-file";
import { memoryLogSink } from "../support/log-capture";
import { openTestDatabase } from "../support/test-db";

// Start-up is several transactions (organization, admin key, seed). These tests stop a
// first start between them, as a crash would, and check that the next start finishes it.

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

const seedClaims = readSeed().seed.claims.length;

async function prepare(slug: string, env: Record<string, string> = {}, signal?: AbortSignal) {
  const lines: Array<Record<string, unknown>> = [];
  const log = createLogger({ level: "info", destination: memoryLogSink("prepare-database", (l) => lines.push(l)) });
  const config = loadConfig({ DEFAULT_ORG_SLUG: slug, SEED_ON_START: "true", DATA_DIR: "/nonexistent", ...env });
  await prepareDatabase({ config, db, log, signal });
  const keys = lines.map((l) => l.adminApiKeyShownOnce).filter((k): k is string => typeof k === "string");
  return { lines, keys };
}

async function counts(organizationId: string) {
  const where = { where: { organizationId } };
  return {
    events: await db.prisma.event.count(where),
    sources: await db.prisma.source.count(where),
    articles: await db.prisma.article.count(where),
    claims: await db.prisma.claim.count(where),
    apiKeys: await db.prisma.apiKey.count(where),
  };
}

const newSlug = () => `boot-${randomBytes(5).toString("hex")}`;
const system = { type: "system" as const, id: null };

describe("prepareDatabase after an interrupted first start", () => {
  it("prints an admin key (embedded only) and loads the seed when a first start stopped after creating the organization", async () => {
    const slug = newSlug();
    const org = await ensureOrganization(db.prisma, slug);

    const first = await prepare(slug);
    // The embedded database's operator has no other way in; a server database never gets a minted key.
    expect(first.keys).toHaveLength(db.kind === "embedded" ? 1 : 0);
    if (db.kind === "embedded") {
      expect(first.keys[0]).toMatch(/^ct_/);
      const key = await db.prisma.apiKey.findFirstOrThrow({ where: { organizationId: org.id }, select: { role: true, revokedAt: true } });
      expect(key).toEqual({ role: "admin", revokedAt: null });
    }
    const after = await counts(org.id);
    expect(after).toMatchObject({ articles: 1, claims: seedClaims, apiKeys: db.kind === "embedded" ? 1 : 0 });

    // A further start finds everything in place and writes nothing.
    const second = await prepare(slug);
    expect(second.keys).toEqual([]);
    expect(await counts(org.id)).toEqual(after);
  });

  it("loads the seed but makes no second key when the first start stopped after creating the key", async () => {
    const slug = newSlug();
    const org = await ensureOrganization(db.prisma, slug);
    await createApiKey(db.prisma, { organizationId: org.id, name: "first admin", role: "admin", actor: system });

    const { keys } = await prepare(slug);
    expect(keys).toEqual([]);
    expect(await counts(org.id)).toMatchObject({ articles: 1, claims: seedClaims, apiKeys: 1 });
  });

  it("makes a new key when every admin key was revoked and no admin user exists, and none while an admin user can sign in", async () => {
    const slug = newSlug();
    const org = await ensureOrganization(db.prisma, slug);
    await createApiKey(db.prisma, { organizationId: org.id, name: "old admin", role: "admin", actor: system });
    await createApiKey(db.prisma, { organizationId: org.id, name: "an editor", role: "editor", actor: system });
    await db.prisma.apiKey.updateMany({ where: { organizationId: org.id, role: "admin" }, data: { revokedAt: new Date() } });

    expect((await prepare(slug)).keys).toHaveLength(db.kind === "embedded" ? 1 : 0);

    const other = await ensureOrganization(db.prisma, newSlug());
    await db.prisma.user.create({ data: { organizationId: other.id, id: newId(), email: "admin@example.org", name: "Admin", role: "admin", passwordHash: "not-a-real-hash" } });
    expect((await prepare(other.slug)).keys).toEqual([]);
  });

  it("leaves an organization already in use without the seed, and never seeds with SEED_ON_START=false", async () => {
    const slug = newSlug();
    await prepare(slug, { SEED_ON_START: "false" });
    const org = await db.prisma.organization.findUniqueOrThrow({ where: { slug } });
    expect(await counts(org.id)).toMatchObject({ articles: 0, claims: 0 });

    // In use: it has an article of its own.
    await db.prisma.article.create({ data: { organizationId: org.id, id: newId(), url: "https://news.example/a", title: "A", language: "en" } });
    await prepare(slug);
    expect(await counts(org.id)).toMatchObject({ articles: 1, claims: 0 });
  });

  it("loads the seed once when two instances start together", async () => {
    const slug = newSlug();
    const org = await ensureOrganization(db.prisma, slug);
    await Promise.all([prepare(slug), prepare(slug)]);
    expect(await counts(org.id)).toMatchObject({ articles: 1, claims: seedClaims });
  });

  it("stops before the next step when start-up is interrupted (SIGTERM), creating nothing", async () => {
    const slug = newSlug();
    const ac = new AbortController();
    ac.abort(new Error("SIGTERM"));
    await expect(prepare(slug, {}, ac.signal)).rejects.toThrow("SIGTERM");
    expect(await db.prisma.organization.findUnique({ where: { slug } })).toBeNull();
  });
});
