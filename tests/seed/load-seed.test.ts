import { randomBytes } from "node:crypto";
import type { Database } from "../../src/db/database";
import { ensureOrganization } from "../../src/organizations/ensure-organization";
import { loadSeed } from "../../src/seed/load-seed";
import { readSeed } from "../../src/seed/seed-file";
import { openTestDatabase } from "../support/test-db";

// `npm run seed` (scripts/seed.ts) is ensureOrganization + loadSeed: running it twice
// must change nothing.

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

async function rowCounts(organizationId: string) {
  const where = { where: { organizationId } };
  return {
    sources: await db.prisma.source.count(where),
    articles: await db.prisma.article.count(where),
    revisions: await db.prisma.articleRevision.count(where),
    claims: await db.prisma.claim.count(where),
    appearances: await db.prisma.claimAppearance.count(where),
    links: await db.prisma.attributionLink.count(where),
    events: await db.prisma.event.count(where),
  };
}

describe("the seed loader", () => {
  it("loads the seed once; a second run creates nothing and leaves every row and event as it was", async () => {
    const org = await ensureOrganization(db.prisma, `seed-${randomBytes(5).toString("hex")}`);
    const { seed, text } = readSeed();

    const first = await loadSeed(db.prisma, org.id, seed, text);
    expect(first.created).toEqual({ sources: seed.sources.length, articles: 1, claims: seed.claims.length });
    const afterFirst = await rowCounts(org.id);
    expect(afterFirst).toMatchObject({ sources: seed.sources.length, articles: 1, revisions: 1, claims: seed.claims.length, appearances: seed.claims.length });
    const lastEvent = await db.prisma.event.findFirstOrThrow({ where: { organizationId: org.id }, orderBy: { seq: "desc" }, select: { id: true, seq: true } });

    const second = await loadSeed(db.prisma, org.id, seed, text);
    expect(second.created).toEqual({ sources: 0, articles: 0, claims: 0 });
    expect(await rowCounts(org.id)).toEqual(afterFirst);
    expect(await db.prisma.event.findFirstOrThrow({ where: { organizationId: org.id }, orderBy: { seq: "desc" }, select: { id: true, seq: true } })).toEqual(lastEvent);
  });
});
