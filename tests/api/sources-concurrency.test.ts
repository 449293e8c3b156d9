import request from "supertest";
import { deterministicId } from "../../src/lib/ids";
import { lockSourcesForReference } from "../../src/sources/lock-sources";
import { mergeSources } from "../../src/sources/merge-sources";
import { retryOnWriteConflict } from "../../src/sources/retry-write-conflict";
import { usingServer } from "../support/test-db";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

// Seeding an organization runs a few hundred statements; on a busy machine that nears
// jest's default 30 s, so this file's hooks and tests get more time.
jest.setTimeout(120_000);

// The embedded database serialises every transaction, which would hide lost updates and
// deadlocks: these run against a PostgreSQL server only (TEST_DATABASE_URL).
const serverIt = usingServer() ? it : it.skip;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("sources-concurrency");
});
afterAll(() => t.close());

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const seedSource = (org: TestOrg, key: string) => deterministicId(org.id, `seed:source:${key}`);
const merge = (org: TestOrg, dup: string, into: string, version: number) =>
  request(t.app).post(`/v1/sources/${dup}/merge`).set(auth(org.keys.editor)).set("If-Match", `"${version}"`).send({ into });

async function createSource(org: TestOrg, name: string): Promise<string> {
  return (await request(t.app).post("/v1/sources").set(auth(org.keys.fact_checker)).send({ name, type: "person" }).expect(201)).body.id as string;
}

/** Every link as it is now, and where each source finally went (following mergedIntoId). */
async function snapshot(org: TestOrg) {
  const links = await t.db.prisma.attributionLink.findMany({ where: { organizationId: org.id }, select: { id: true, claimId: true, sourceId: true } });
  const sources = await t.db.prisma.source.findMany({ where: { organizationId: org.id }, select: { id: true, mergedIntoId: true } });
  const mergedInto = new Map(sources.map((s) => [s.id, s.mergedIntoId]));
  const finalOf = (id: string): string => {
    const next = mergedInto.get(id);
    return next ? finalOf(next) : id;
  };
  return { links: new Map(links.map((l) => [l.id, l])), finalOf };
}

async function expectNoLinkLost(org: TestOrg, before: Awaited<ReturnType<typeof snapshot>>) {
  const after = await snapshot(org);
  expect(after.links.size).toBe(before.links.size);
  for (const [id, link] of before.links) {
    expect({ id, sourceId: after.links.get(id)?.sourceId }).toEqual({ id, sourceId: after.finalOf(link.sourceId) });
  }
  const claims = await t.db.prisma.claim.findMany({ where: { organizationId: org.id }, include: { chain: { where: { position: 0 } } } });
  for (const c of claims) expect(c.speakerSourceId).toBe(c.chain[0]?.sourceId ?? null);
}

describe("concurrent source writes (PostgreSQL server)", () => {
  serverIt("lets exactly one of two PATCHes with the same If-Match win, every time", async () => {
    const org = await createTestOrg(t.db);
    for (let round = 0; round < 5; round++) {
      const id = await createSource(org, `Racer ${round}`);
      const patch = (name: string) => request(t.app).patch(`/v1/sources/${id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ name });
      const results = await Promise.all([patch(`Left ${round}`), patch(`Right ${round}`)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
      const winner = results.find((r) => r.status === 200)!;
      const now = await request(t.app).get(`/v1/sources/${id}`).set(auth(org.keys.viewer)).expect(200);
      expect(now.body).toMatchObject({ name: winner.body.name, version: 2 });
      expect(await t.db.prisma.event.count({ where: { organizationId: org.id, entityId: id, action: "source.updated" } })).toBe(1);
    }
  });

  serverIt("never loses a link when a merge races one into its target (A→B with B→C)", async () => {
    const org = await createTestOrg(t.db, { seed: true });
    const before = await snapshot(org);
    const putin = seedSource(org, "vladimir-putin");
    const xi = seedSource(org, "xi-jinping");
    const kremlin = seedSource(org, "kremlin-press-service");
    const results = await Promise.all([merge(org, putin, xi, 1), merge(org, xi, kremlin, 1)]);
    // Whichever commits first wins; the other finds its precondition broken: the target
    // was merged away (409), or the duplicate gained aliases and a version (412).
    const statuses = results.map((r) => r.status).sort();
    expect([[200, 409], [200, 412]]).toContainEqual(statuses);
    await expectNoLinkLost(org, before);
  });

  serverIt("merges two pairs of sources that share claims at the same time without deadlock", async () => {
    const org = await createTestOrg(t.db, { seed: true });
    const before = await snapshot(org);
    const xiTarget = await createSource(org, "Xi Jinping (canonical)");
    const kremlinTarget = await createSource(org, "Kremlin press service (canonical)");
    // Three claims have both Xi and the Kremlin press service in their chain.
    const results = await Promise.all([
      merge(org, seedSource(org, "xi-jinping"), xiTarget, 1),
      merge(org, seedSource(org, "kremlin-press-service"), kremlinTarget, 1),
      merge(org, seedSource(org, "kyiv-independent"), seedSource(org, "nato"), 1),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await expectNoLinkLost(org, before);
    expect(await t.db.prisma.attributionLink.count({ where: { organizationId: org.id, sourceId: kremlinTarget } })).toBe(6);
  });

  serverIt("keeps every duplicate's names when several merge into one target at once", async () => {
    const org = await createTestOrg(t.db);
    const target = await createSource(org, "Target");
    const dups = await Promise.all([1, 2, 3, 4].map((i) => createSource(org, `Duplicate ${i}`)));
    const results = await Promise.all(dups.map((d) => merge(org, d, target, 1)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const now = await request(t.app).get(`/v1/sources/${target}`).set(auth(org.keys.viewer)).expect(200);
    expect([...now.body.aliases].sort()).toEqual(["Duplicate 1", "Duplicate 2", "Duplicate 3", "Duplicate 4"]);
    expect(now.body.version).toBe(5);
  });

  serverIt("makes a claim or article write that references a source being merged wait, then see it merged", async () => {
    const org = await createTestOrg(t.db);
    const dup = await createSource(org, "Duplicate");
    const target = await createSource(org, "Target");
    let mergeDone!: () => void;
    const merged = new Promise<void>((resolve) => (mergeDone = resolve));
    let commit!: () => void;
    const gate = new Promise<void>((resolve) => (commit = resolve));
    const merging = t.db.prisma.$transaction(async (tx) => {
      await mergeSources(tx, { organizationId: org.id, duplicateId: dup, targetId: target, expectedVersion: 1, actor: { type: "system", id: null } });
      mergeDone();
      await gate;
    });
    await merged;
    const referencing = t.db.prisma.$transaction((tx) => lockSourcesForReference(tx, org.id, [dup, target]));
    await new Promise((resolve) => setTimeout(resolve, 200));
    commit();
    await merging;
    const seen = await referencing;
    expect(seen.get(dup)).toEqual({ id: dup, mergedIntoId: target });
    expect(seen.get(target)).toEqual({ id: target, mergedIntoId: null });
  });

  serverIt("runs a transaction that PostgreSQL aborted for a deadlock again, so both writers succeed", async () => {
    const org = await createTestOrg(t.db);
    const a = await createSource(org, "Lock A");
    const b = await createSource(org, "Lock B");
    let attempts = 0;
    // Opposite lock orders on purpose: PostgreSQL aborts one of the two with 40P01.
    const write = (first: string, second: string) =>
      retryOnWriteConflict(() =>
        t.db.prisma.$transaction(async (tx) => {
          attempts++;
          await tx.$executeRaw`UPDATE sources SET description = 'touched' WHERE "organizationId" = ${org.id}::uuid AND id = ${first}::uuid`;
          await new Promise((resolve) => setTimeout(resolve, 300));
          await tx.$executeRaw`UPDATE sources SET description = 'touched' WHERE "organizationId" = ${org.id}::uuid AND id = ${second}::uuid`;
        }),
      );
    await Promise.all([write(a, b), write(b, a)]);
    expect(attempts).toBe(3);
  });
});
