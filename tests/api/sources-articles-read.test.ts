import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  t = await startTestApp("sources-articles-read");
  org = await createTestOrg(t.db, { seed: true });
  other = await createTestOrg(t.db, { seed: true });
});
afterAll(() => t.close());

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

describe("GET /v1/sources", () => {
  it("lists the seed sources with their aliases", async () => {
    const res = await request(t.app).get("/v1/sources?limit=200").set(auth(org.keys.viewer)).expect(200);
    const names = (res.body.data as Array<{ name: string }>).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining([expect.stringMatching(/Xi Jinping/), expect.stringMatching(/Putin/), expect.stringMatching(/NATO|North Atlantic/)]));
  });

  it("finds a source by an alias, case- and accent-insensitively", async () => {
    const res = await request(t.app).get(`/v1/sources?q=${encodeURIComponent("BÉIJING")}`).set(auth(org.keys.viewer)).expect(200);
    expect((res.body.data as Array<{ aliases: string[] }>).some((s) => s.aliases.includes("Beijing"))).toBe(true);
  });

  it("returns one source with an ETag, and 404 for another organization's source", async () => {
    const mine = await request(t.app).get("/v1/sources?limit=1").set(auth(org.keys.viewer)).expect(200);
    const id = (mine.body.data as Array<{ id: string }>)[0]!.id;
    const res = await request(t.app).get(`/v1/sources/${id}`).set(auth(org.keys.viewer)).expect(200);
    expect(res.headers.etag).toBe('"1"');
    await request(t.app).get(`/v1/sources/${id}`).set(auth(other.keys.viewer)).expect(404);
  });
});

describe("GET /v1/articles/:id", () => {
  it("returns the latest revision's text, its hash and every claim's span", async () => {
    const claims = await request(t.app).get("/v1/claims?limit=1").set(auth(org.keys.viewer)).expect(200);
    const articleId = claims.body.data[0].anchor.articleId as string;
    const res = await request(t.app).get(`/v1/articles/${articleId}`).set(auth(org.keys.viewer)).expect(200);
    expect(res.body.text).toMatch(/^Chinese President Xi Jinping declared readiness/);
    expect(res.body.revision).toMatchObject({ number: 1, textHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(res.body.publisher.name).toMatch(/Kyiv Independent/);
    for (const c of res.body.claims as Array<{ span: { start: number; end: number; exact: string } }>) {
      expect((res.body.text as string).slice(c.span.start, c.span.end)).toBe(c.span.exact);
    }
    await request(t.app).get(`/v1/articles/${articleId}`).set(auth(other.keys.viewer)).expect(404);
  });
});
