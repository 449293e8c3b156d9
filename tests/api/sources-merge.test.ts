import request from "supertest";
import { deterministicId } from "../../src/lib/ids";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

// Seeding an organization runs a few hundred statements; on a busy machine that nears
// jest's default 30 s, so this file's hooks and tests get more time.
jest.setTimeout(120_000);

let t: TestApp;
let other: TestOrg;

beforeAll(async () => {
  t = await startTestApp("sources-merge");
  other = await createTestOrg(t.db);
});
afterAll(() => t.close());

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const seedId = (org: TestOrg, kind: string, key: string) => deterministicId(org.id, `seed:${kind}:${key}`);

async function createSource(org: TestOrg, body: object): Promise<string> {
  const res = await request(t.app).post("/v1/sources").set(auth(org.keys.fact_checker)).send(body).expect(201);
  return res.body.id as string;
}
const merge = (org: TestOrg, dup: string, into: string, ifMatch = '"1"', key = org.keys.editor) =>
  request(t.app).post(`/v1/sources/${dup}/merge`).set(auth(key)).set("If-Match", ifMatch).send({ into });

describe("POST /v1/sources/:id/merge", () => {
  it("moves every link, the speaker and the aliases to the target and keeps the duplicate pointing at it", async () => {
    const org = await createTestOrg(t.db, { seed: true });
    const xi = seedId(org, "source", "xi-jinping");
    const target = await createSource(org, { name: "Xi Jinping (PRC)", aliases: ["xi", "习近平"], type: "person", wikidataId: "Q15031", country: "CN" });

    const res = await merge(org, xi, target).expect(200);
    expect(res.headers.etag).toBe('"2"');
    // "Xi" is already there as "xi"; the duplicate's name and other aliases are added.
    expect(res.body).toMatchObject({
      id: target,
      aliases: ["xi", "习近平", "Xi Jinping", "President Xi", "Chinese President Xi Jinping", "the Chinese president"],
      version: 2,
      mergedIntoId: null,
    });

    const claim = await request(t.app).get(`/v1/claims/${seedId(org, "claim", "xi-new-height")}`).set(auth(org.keys.viewer)).expect(200);
    expect(claim.body.chain.map((l: { source: { id: string } }) => l.source.id)).toEqual([target, seedId(org, "source", "kremlin-press-service"), seedId(org, "source", "kyiv-independent")]);
    expect(claim.body.version).toBe(2);
    const row = await t.db.prisma.claim.findUnique({ where: { organizationId_id: { organizationId: org.id, id: seedId(org, "claim", "xi-new-height") } } });
    expect(row?.speakerSourceId).toBe(target);

    const dup = await request(t.app).get(`/v1/sources/${xi}`).set(auth(org.keys.viewer)).expect(200);
    expect(dup.body).toMatchObject({ name: "Xi Jinping", mergedIntoId: target, version: 2 });
    expect((await request(t.app).get(`/v1/sources/${xi}/claims`).set(auth(org.keys.viewer)).expect(200)).body.data).toEqual([]);
    expect((await request(t.app).get(`/v1/sources/${target}/claims`).set(auth(org.keys.viewer)).expect(200)).body.data).toHaveLength(3);
    expect(await t.db.prisma.attributionLink.count({ where: { organizationId: org.id, sourceId: xi } })).toBe(0);

    const found = await request(t.app).get("/v1/sources?q=president+xi").set(auth(org.keys.viewer)).expect(200);
    const foundIds = found.body.data.map((s: { id: string }) => s.id);
    expect(found.body.data[0]).toMatchObject({ id: target, match: { kind: "exact" } });
    expect(foundIds).not.toContain(xi);
  });

  it("records the merge as one source.merged event listing what moved", async () => {
    const org = await createTestOrg(t.db, { seed: true });
    const putin = seedId(org, "source", "vladimir-putin");
    const target = await createSource(org, { name: "Vladimir Vladimirovich Putin", type: "person" });
    await merge(org, putin, target).expect(200);
    const events = await t.db.prisma.event.findMany({ where: { organizationId: org.id, action: "source.merged" } });
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e).toMatchObject({ entityType: "source", entityId: putin, actorType: "api_key" });
    const putinClaims = ["putin-trade-up-7-percent-220bn", "putin-china-leading-trading-partner", "putin-china-largest-energy-consumer"].map((k) => seedId(org, "claim", k));
    expect(e.before).toMatchObject({ duplicate: { id: putin, mergedIntoId: null, version: 1 }, target: { id: target, aliases: [], version: 1 } });
    const after = e.after as { movedClaimIds: string[]; movedLinks: Array<{ claimId: string; position: number }>; movedArticleIds: string[]; duplicate: object };
    expect([...after.movedClaimIds].sort()).toEqual([...putinClaims].sort());
    expect(after.movedLinks.map((l) => l.position)).toEqual([0, 0, 0]);
    expect(after.movedArticleIds).toEqual([]);
    expect(after.duplicate).toEqual({ id: putin, mergedIntoId: target, version: 2 });
  });

  it("moves an article's publisher and gives the article a new version", async () => {
    const org = await createTestOrg(t.db, { seed: true });
    const kyiv = seedId(org, "source", "kyiv-independent");
    const row = await t.db.prisma.article.findFirstOrThrow({ where: { organizationId: org.id } });
    const target = await createSource(org, { name: "Kyiv Independent (outlet)", type: "publication", country: "UA" });
    await merge(org, kyiv, target).expect(200);
    const after = await t.db.prisma.article.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: row.id } } });
    expect(after.publisherId).toBe(target);
    expect(after.version).toBe(row.version + 1);
    const res = await request(t.app).get(`/v1/articles/${row.id}`).set(auth(org.keys.viewer)).expect(200);
    expect(res.body.publisher.name).toBe("Kyiv Independent (outlet)");
    expect(await t.db.prisma.attributionLink.count({ where: { organizationId: org.id, sourceId: target } })).toBe(15);
  });

  it("replays a merge retried with the same Idempotency-Key instead of refusing it", async () => {
    const org = await createTestOrg(t.db);
    const dup = await createSource(org, { name: "Reuters news agency", type: "agency" });
    const target = await createSource(org, { name: "Reuters", type: "agency" });
    const send = () => merge(org, dup, target).set("Idempotency-Key", `merge-${dup}`);
    const first = await send().expect(200);
    const again = await send().expect(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id, action: "source.merged" } })).toBe(1);
  });

  describe("refusals", () => {
    let org: TestOrg;
    let a: string;
    let b: string;
    beforeAll(async () => {
      org = await createTestOrg(t.db);
      a = await createSource(org, { name: "Source A", type: "person" });
      b = await createSource(org, { name: "Source B", type: "person" });
    });

    it("refuses to merge a source into itself with 422", async () => {
      const res = await merge(org, a, a).expect(422);
      expect(res.body.code).toBe("merge_into_self");
    });

    it("refuses an unknown target, also another organization's source, with 422", async () => {
      const foreign = await createSource(other, { name: "Foreign", type: "person" });
      for (const into of [foreign, "0190a1b2-0000-7000-8000-000000000000"]) {
        const res = await merge(org, a, into).expect(422);
        expect(res.body.code).toBe("merge_target_not_found");
      }
    });

    it("answers 404 for another organization's duplicate and a malformed id", async () => {
      await merge(other, a, b, '"1"', other.keys.editor).expect(404);
      await merge(org, "nope", b).expect(404);
    });

    it("requires If-Match (428) and a current one (412)", async () => {
      expect((await request(t.app).post(`/v1/sources/${a}/merge`).set(auth(org.keys.editor)).send({ into: b }).expect(428)).body.code).toBe("precondition_required");
      const res = await merge(org, a, b, '"7"').expect(412);
      expect(res.body).toMatchObject({ code: "version_conflict", currentVersion: 1 });
    });

    it("rejects an unknown field and a malformed target with 400", async () => {
      await request(t.app).post(`/v1/sources/${a}/merge`).set(auth(org.keys.editor)).set("If-Match", '"1"').send({ into: b, force: true }).expect(400);
      await merge(org, a, "b").expect(400);
    });

    it("is for editors: 403 for a fact-checker, 401 without a key", async () => {
      await merge(org, a, b, '"1"', org.keys.fact_checker).expect(403);
      await request(t.app).post(`/v1/sources/${a}/merge`).set("If-Match", '"1"').send({ into: b }).expect(401);
    });

    it("refuses a duplicate that is already merged, and a target that is, with 409 naming where they went", async () => {
      const c = await createSource(org, { name: "Source C", type: "person" });
      const d = await createSource(org, { name: "Source D", type: "person" });
      await merge(org, c, d).expect(200);
      const again = await merge(org, c, b, '"2"').expect(409);
      expect(again.body).toMatchObject({ code: "source_merged", mergedIntoId: d });
      const intoMerged = await merge(org, b, c).expect(409);
      expect(intoMerged.body).toMatchObject({ code: "merge_target_merged", mergedIntoId: d });
      // Nothing changed by the refusals.
      const bNow = await request(t.app).get(`/v1/sources/${b}`).set(auth(org.keys.viewer)).expect(200);
      expect(bNow.body).toMatchObject({ version: 1, mergedIntoId: null });
    });
  });
});
