import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { storeCounts } from "../fuzz/store-counts";
import { bearer, claimBody, seedIds, type SeedIds } from "./attack-fixtures";

let t: TestApp;
let org: TestOrg;
let ids: SeedIds;

beforeAll(async () => {
  t = await startTestApp("attacks-bodies");
  org = await createTestOrg(t.db, { seed: true });
  ids = await seedIds(t, org);
});
afterAll(() => t.close());

const problem = (res: request.Response, status: number, code?: string) => {
  expect(res.status).toBe(status);
  expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
  if (code) expect(res.body.code).toBe(code);
};

describe("oversized and malformed bodies", () => {
  it("answers a body over BODY_LIMIT with 413 and stores nothing", async () => {
    const before = await storeCounts(t.db, org.id);
    const res = await request(t.app).post("/v1/claims").set(bearer(org.keys.fact_checker)).send(claimBody(ids, "x".repeat(2 * 1024 * 1024)));
    problem(res, 413, "payload_too_large");
    expect(await storeCounts(t.db, org.id)).toEqual(before);
  });

  it("rejects deeply nested JSON quickly, without a stack overflow", async () => {
    for (const depth of [1_000, 100_000]) {
      const body = `${"[".repeat(depth)}${"]".repeat(depth)}`;
      const nestedObject = `{"statement":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`;
      for (const payload of [body, nestedObject]) {
        const started = Date.now();
        const res = await request(t.app).post("/v1/sources").set(bearer(org.keys.fact_checker)).set("Content-Type", "application/json").send(payload);
        expect([400, 413]).toContain(res.status);
        expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
        expect(Date.now() - started).toBeLessThan(5000);
      }
    }
    // Still serving.
    await request(t.app).get("/v1/sources?limit=1").set(bearer(org.keys.viewer)).expect(200);
  });

  it("rejects invalid UTF-8 in a JSON body with 400 and stores nothing", async () => {
    const before = await storeCounts(t.db, org.id);
    const json = Buffer.from(JSON.stringify({ name: "Bad XX bytes", type: "person" }));
    const i = json.indexOf("XX");
    json[i] = 0xc3; // a lead byte followed by an ASCII byte: not UTF-8
    json[i + 1] = 0x28;
    const res = await request(t.app).post("/v1/sources").set(bearer(org.keys.fact_checker)).set("Content-Type", "application/json").send(json);
    problem(res, 400);
    const overlong = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc0, 0xaf, 0xff, 0xfe]), Buffer.from('","type":"person"}')]);
    problem(await request(t.app).post("/v1/sources").set(bearer(org.keys.fact_checker)).set("Content-Type", "application/json").send(overlong), 400);
    expect(await storeCounts(t.db, org.id)).toEqual(before);
  });

  it("answers invalid UTF-8 and malformed percent-encoding in paths with 400 or 404, never 500", async () => {
    for (const p of ["/v1/claims/%C0%AF", "/v1/claims/%FF%FE", "/v1/claims/%E0%A4%A", "/v1/claims/%", "/v1/sources/%ED%A0%80"]) {
      const res = await request(t.app).get(p).set(bearer(org.keys.viewer));
      expect([400, 404]).toContain(res.status);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
  });
});

describe("path traversal in ids", () => {
  it.each([
    "..%2F..%2Fapi-keys",
    "..%2f",
    "%2e%2e%2f%2e%2e%2fsessions",
    "..%252F",
    "a%2Fb",
    "%2F",
    "%00",
    "1%20OR%201=1",
  ])("answers GET /v1/claims/%s with 404", async (id) => {
    const res = await request(t.app).get(`/v1/claims/${id}`).set(bearer(org.keys.viewer));
    problem(res, 404);
  });

  it("does not let an encoded slash reach a nested route of another record", async () => {
    const res = await request(t.app).get(`/v1/claims/${ids.claimId}%2Fhistory`).set(bearer(org.keys.viewer));
    problem(res, 404);
    const res2 = await request(t.app).get(`/v1/sources/${ids.sourceId}%2F..%2F..%2Fclaims`).set(bearer(org.keys.viewer));
    problem(res2, 404);
  });
});
