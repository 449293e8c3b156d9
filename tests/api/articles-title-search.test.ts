import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

/** GET /v1/articles?q=: the UI's article picker finds any article by a part of its title. */
let t: TestApp;
let org: TestOrg;
let other: TestOrg;
const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const create = (o: TestOrg, title: string, n: number) =>
  request(t.app).post("/v1/articles").set(auth(o.keys.fact_checker)).send({ url: `https://news.example/search-${n}`, title, language: "en", text: `Text ${n}.` }).expect(201);

beforeAll(async () => {
  t = await startTestApp("articles-title-search");
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
  await create(org, "Xi declares readiness for talks", 1);
  await create(org, "Power of Siberia: the pipeline in numbers", 2);
  await create(org, "Another READINESS review", 3);
  await create(other, "Readiness elsewhere", 4);
}, 120_000);
afterAll(() => t.close());

describe("GET /v1/articles?q=", () => {
  it("finds the organization's articles whose title contains the text, case-insensitively, newest first", async () => {
    const res = await request(t.app).get("/v1/articles?q=readiness").set(auth(org.keys.viewer)).expect(200);
    expect(res.body.data.map((a: { title: string }) => a.title)).toEqual(["Another READINESS review", "Xi declares readiness for talks"]);
  });

  it("pages a search with the cursor", async () => {
    const first = await request(t.app).get("/v1/articles?q=readiness&limit=1").set(auth(org.keys.viewer)).expect(200);
    expect(first.body.data).toHaveLength(1);
    const second = await request(t.app).get(`/v1/articles?q=readiness&limit=1&cursor=${first.body.nextCursor}`).set(auth(org.keys.viewer)).expect(200);
    expect(second.body.data.map((a: { title: string }) => a.title)).toEqual(["Xi declares readiness for talks"]);
  });

  it("rejects an empty or too long search with 400", async () => {
    expect((await request(t.app).get("/v1/articles?q=").set(auth(org.keys.viewer)).expect(400)).body.code).toBe("validation_failed");
    await request(t.app).get(`/v1/articles?q=${"x".repeat(201)}`).set(auth(org.keys.viewer)).expect(400);
  });
});
