import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { bearer, claimBody, seedIds, type SeedIds } from "./attack-fixtures";

let t: TestApp;
let org: TestOrg;
let ids: SeedIds;

const INJECTIONS = [
  "'; DROP TABLE claims; --",
  "Robert'); DELETE FROM events WHERE ('1'='1",
  "\" OR \"1\"=\"1",
  "1' OR '1'='1' --",
  "x' UNION SELECT \"secretHash\" FROM api_keys --",
  "$$; SELECT pg_sleep(10); $$",
  "\\'; SELECT 1; --",
  "%' OR 1=1 OR name LIKE '%",
];

beforeAll(async () => {
  t = await startTestApp("attacks-sql");
  org = await createTestOrg(t.db, { seed: true });
  ids = await seedIds(t, org);
});
afterAll(() => t.close());

describe("SQL injection strings", () => {
  it("stores them verbatim in claim statements and source names and reads them back unchanged", async () => {
    for (const s of INJECTIONS) {
      const claim = await request(t.app).post("/v1/claims").set(bearer(org.keys.fact_checker)).send(claimBody(ids, s)).expect(201);
      expect(claim.body.statement).toBe(s);
      expect((await request(t.app).get(`/v1/claims/${claim.body.id}`).set(bearer(org.keys.viewer)).expect(200)).body.statement).toBe(s);
      const source = await request(t.app).post("/v1/sources").set(bearer(org.keys.fact_checker)).send({ name: s, type: "person" }).expect(201);
      expect((await request(t.app).get(`/v1/sources/${source.body.id}`).set(bearer(org.keys.viewer)).expect(200)).body.name).toBe(s);
    }
    // The tables they named are still there, with every row.
    const claimCount = await t.db.prisma.claim.count({ where: { organizationId: org.id } });
    const list = await request(t.app).get("/v1/claims?limit=200").set(bearer(org.keys.viewer)).expect(200);
    expect(list.body.data.length).toBe(claimCount);
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id } })).toBeGreaterThan(INJECTIONS.length * 2);
  });

  it("treats them as plain search text in q= and finds the claim that contains them", async () => {
    const marker = "zebracorn";
    const s = `${marker} '; DROP TABLE sources; --`;
    const created = await request(t.app).post("/v1/claims").set(bearer(org.keys.fact_checker)).send(claimBody(ids, s)).expect(201);
    for (const q of [...INJECTIONS, `${marker} ' OR 1=1 --`, "a & b | !c", "foo:*", "\"unterminated", "-", "OR OR OR"]) {
      const claims = await request(t.app).get("/v1/claims").query({ q }).set(bearer(org.keys.viewer));
      expect([200, 400]).toContain(claims.status);
      const sources = await request(t.app).get("/v1/sources").query({ q }).set(bearer(org.keys.viewer));
      expect([200, 400]).toContain(sources.status);
    }
    // The whole string is searched as words: it finds the claim, and only claims with those words.
    const found = await request(t.app).get("/v1/claims").query({ q: s }).set(bearer(org.keys.viewer)).expect(200);
    expect(found.body.data.map((c: { id: string }) => c.id)).toContain(created.body.id);
    expect(found.body.data.every((c: { statement: string }) => c.statement.includes(marker))).toBe(true);
  });

  it("rejects them in enum and id filters with 400, never a 500", async () => {
    for (const s of INJECTIONS) {
      for (const param of ["status", "kind", "speechAct", "attributionVerdict", "sort", "speaker", "article", "createdFrom", "cursor"]) {
        const res = await request(t.app).get("/v1/claims").query({ [param]: s }).set(bearer(org.keys.viewer));
        expect(res.status).toBe(400);
        expect(res.body.code).toMatch(/^[a-z_]+$/);
      }
      const src = await request(t.app).get("/v1/sources").query({ type: s }).set(bearer(org.keys.viewer));
      expect(src.status).toBe(400);
    }
    expect(await t.db.prisma.claim.count({ where: { organizationId: org.id } })).toBeGreaterThan(0);
  });
});
