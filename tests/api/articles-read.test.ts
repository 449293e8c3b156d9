import { randomUUID } from "node:crypto";
import request from "supertest";
import { newId, sha256Hex } from "../../src/lib/ids";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let publisherId: string;
const ids: string[] = [];
const urlOf = (i: number) => `https://news.example/read-${i}`;

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

beforeAll(async () => {
  t = await startTestApp("articles-read");
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
  publisherId = (await t.db.prisma.source.create({ data: { organizationId: org.id, id: newId(), name: "Outlet", searchText: "outlet", type: "publication" } })).id;
  for (let i = 0; i < 3; i++) {
    const res = await request(t.app)
      .post("/v1/articles")
      .set(auth(org.keys.fact_checker))
      .send({ url: urlOf(i), title: `Article ${i}`, language: "en", text: `Text of article ${i}.`, externalId: `read-${i}`, ...(i === 1 ? { publisherId } : {}) })
      .expect(201);
    ids.push(res.body.id as string);
  }
  await request(t.app).post("/v1/articles").set(auth(other.keys.fact_checker)).send({ url: urlOf(0), title: "Theirs", language: "en", text: "Theirs." }).expect(201);
}, 120_000);
afterAll(() => t.close());

describe("GET /v1/articles", () => {
  it("lists the organization's articles newest first, without their text", async () => {
    const res = await request(t.app).get("/v1/articles").set(auth(org.keys.viewer)).expect(200);
    expect(res.body.data.map((a: { id: string }) => a.id)).toEqual([...ids].reverse());
    expect(res.body.data[0]).toMatchObject({ title: "Article 2", revision: { number: 1, textHash: sha256Hex("Text of article 2.") } });
    expect(res.body.data[0].text).toBeUndefined();
    expect(res.body.nextCursor).toBeNull();
  });

  it("pages with the cursor", async () => {
    const first = await request(t.app).get("/v1/articles?limit=2").set(auth(org.keys.viewer)).expect(200);
    expect(first.body.data.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[1]]);
    const second = await request(t.app).get(`/v1/articles?limit=2&cursor=${first.body.nextCursor}`).set(auth(org.keys.viewer)).expect(200);
    expect(second.body.data.map((a: { id: string }) => a.id)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("filters by externalId, url and publisherId", async () => {
    const byExternal = await request(t.app).get("/v1/articles?externalId=read-1").set(auth(org.keys.viewer)).expect(200);
    expect(byExternal.body.data.map((a: { id: string }) => a.id)).toEqual([ids[1]]);
    const byUrl = await request(t.app).get(`/v1/articles?url=${encodeURIComponent(urlOf(2))}`).set(auth(org.keys.viewer)).expect(200);
    expect(byUrl.body.data.map((a: { id: string }) => a.id)).toEqual([ids[2]]);
    const byPublisher = await request(t.app).get(`/v1/articles?publisherId=${publisherId}`).set(auth(org.keys.viewer)).expect(200);
    expect(byPublisher.body.data).toEqual([expect.objectContaining({ id: ids[1], publisher: expect.objectContaining({ id: publisherId }) })]);
  });

  it("rejects a malformed filter, an unknown parameter and a bad cursor with 400", async () => {
    await request(t.app).get("/v1/articles?publisherId=nope").set(auth(org.keys.viewer)).expect(400);
    await request(t.app).get("/v1/articles?author=me").set(auth(org.keys.viewer)).expect(400);
    await request(t.app).get("/v1/articles?cursor=garbage").set(auth(org.keys.viewer)).expect(400);
  });

  it("requires an API key (401)", async () => {
    await request(t.app).get("/v1/articles").expect(401);
  });
});

describe("GET /v1/articles/:id/revisions", () => {
  let id: string;
  const texts = ["First draft.", "Second draft with an emoji 🎉.", "Third draft: 👍👍 done."];

  beforeAll(async () => {
    const created = await request(t.app).post("/v1/articles").set(auth(org.keys.fact_checker)).send({ url: urlOf(9), title: "Drafts", language: "en", text: texts[0] }).expect(201);
    id = created.body.id as string;
    for (let i = 1; i < texts.length; i++) {
      await request(t.app).patch(`/v1/articles/${id}`).set(auth(org.keys.fact_checker)).set("If-Match", `"${i}"`).send({ text: texts[i] }).expect(200);
    }
  }, 60_000);

  it("lists revisions newest first with their hash and UTF-16 length, without text", async () => {
    const res = await request(t.app).get(`/v1/articles/${id}/revisions`).set(auth(org.keys.viewer)).expect(200);
    expect(res.body.data).toEqual(
      [3, 2, 1].map((n) => ({ id: expect.any(String), number: n, textHash: sha256Hex(texts[n - 1]!), length: texts[n - 1]!.length, createdAt: expect.any(String) })),
    );
  });

  it("pages revisions with the cursor", async () => {
    const first = await request(t.app).get(`/v1/articles/${id}/revisions?limit=2`).set(auth(org.keys.viewer)).expect(200);
    expect(first.body.data.map((r: { number: number }) => r.number)).toEqual([3, 2]);
    const second = await request(t.app).get(`/v1/articles/${id}/revisions?limit=2&cursor=${first.body.nextCursor}`).set(auth(org.keys.viewer)).expect(200);
    expect(second.body.data.map((r: { number: number }) => r.number)).toEqual([1]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("returns one revision with its text", async () => {
    const res = await request(t.app).get(`/v1/articles/${id}/revisions/2`).set(auth(org.keys.viewer)).expect(200);
    expect(res.body).toMatchObject({ number: 2, text: texts[1], length: texts[1]!.length, textHash: sha256Hex(texts[1]!) });
  });

  it("answers 404 for a missing revision, a malformed number, another organization and a missing article", async () => {
    await request(t.app).get(`/v1/articles/${id}/revisions/4`).set(auth(org.keys.viewer)).expect(404);
    await request(t.app).get(`/v1/articles/${id}/revisions/first`).set(auth(org.keys.viewer)).expect(404);
    await request(t.app).get(`/v1/articles/${id}/revisions/1`).set(auth(other.keys.viewer)).expect(404);
    await request(t.app).get(`/v1/articles/${id}/revisions`).set(auth(other.keys.viewer)).expect(404);
    await request(t.app).get(`/v1/articles/${randomUUID()}/revisions`).set(auth(org.keys.viewer)).expect(404);
    await request(t.app).get("/v1/articles/nope/revisions").set(auth(org.keys.viewer)).expect(404);
  });
});
