import { randomUUID } from "node:crypto";
import request from "supertest";
import { newId, sha256Hex } from "../../src/lib/ids";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let publisherId: string;
let otherPublisherId: string;

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const unique = () => randomUUID().slice(0, 8);

function article(overrides: Record<string, unknown> = {}) {
  return {
    url: `https://news.example/${unique()}`,
    title: "Ministers meet in Brussels",
    language: "en",
    publishedAt: "2025-01-21T13:32:00+02:00",
    text: "The minister said talks were \"constructive\". Officials declined to comment.",
    ...overrides,
  };
}

function create(body: Record<string, unknown> = article(), key = org.keys.fact_checker) {
  return request(t.app).post("/v1/articles").set(auth(key)).send(body);
}

async function addSource(organizationId: string): Promise<string> {
  const source = await t.db.prisma.source.create({
    data: { organizationId, id: newId(), name: "Kyiv Independent", searchText: "kyiv independent", type: "publication" },
  });
  return source.id;
}

beforeAll(async () => {
  t = await startTestApp("articles-write");
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
  publisherId = await addSource(org.id);
  otherPublisherId = await addSource(other.id);
}, 120_000);
afterAll(() => t.close());

describe("POST /v1/articles", () => {
  it("creates an article with revision 1, its SHA-256, a Location and an ETag", async () => {
    const externalId = `cms-${unique()}`;
    const body = article({ publisherId, externalId });
    const res = await create(body).expect(201);
    expect(res.headers.location).toBe(`/v1/articles/${res.body.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      externalId,
      url: body.url,
      title: body.title,
      language: "en",
      publishedAt: "2025-01-21T11:32:00.000Z",
      publisher: { id: publisherId },
      version: 1,
      revision: { number: 1, textHash: sha256Hex(body.text) },
      claims: [],
    });
    expect(res.body.text).toBeUndefined();
    const got = await request(t.app).get(`/v1/articles/${res.body.id}`).set(auth(org.keys.viewer)).expect(200);
    expect(got.body.text).toBe(body.text);
    const event = await t.db.prisma.event.findFirst({ where: { organizationId: org.id, entityId: res.body.id, action: "article.created" } });
    expect(event?.after).toMatchObject({ revision: 1, textHash: sha256Hex(body.text), url: body.url });
  });

  it("stores the language tag in canonical case and optional fields as null", async () => {
    const res = await create({ url: "http://news.example/a", title: "  Spaced title  ", language: "pt-br", text: "Olá." }).expect(201);
    expect(res.body).toMatchObject({ language: "pt-BR", title: "Spaced title", publishedAt: null, publisher: null, externalId: null });
  });

  it("accepts a text larger than the general 1 MB body limit", async () => {
    const text = "Quoted words. ".repeat(100_000); // 1.4 MB
    const res = await create(article({ text })).expect(201);
    expect(res.body.revision.textHash).toBe(sha256Hex(text));
  });

  it("rejects a text longer than 2,000,000 characters with 400", async () => {
    const res = await create(article({ text: "x".repeat(2_000_001) })).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: "text" })]));
  });

  it("rejects unknown fields with 400 listing them, and stores nothing", async () => {
    const url = `https://news.example/${unique()}`;
    const res = await create(article({ url, author: "me", body: "x" })).expect(400);
    expect(res.body.code).toBe("validation_failed");
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["author", "body"]);
    expect(await t.db.prisma.article.count({ where: { organizationId: org.id, url } })).toBe(0);
  });

  it.each([
    ["a non-http url", { url: "ftp://news.example/a" }, "url"],
    ["a url that is not one", { url: "news.example/a" }, "url"],
    ["a date without an offset", { publishedAt: "2025-01-21T13:32:00" }, "publishedAt"],
    ["an impossible date", { publishedAt: "2025-02-30T10:00:00Z" }, "publishedAt"],
    ["a language that is not BCP 47", { language: "english!" }, "language"],
    ["an empty text", { text: "   " }, "text"],
    ["a text with a NUL character", { text: "a\u0000b" }, "text"],
    ["a text with a lone surrogate", { text: "broken \ud83d emoji" }, "text"],
    ["an empty title", { title: "" }, "title"],
    ["a malformed publisherId", { publisherId: "not-a-uuid" }, "publisherId"],
    ["an externalId longer than 200 characters", { externalId: "e".repeat(201) }, "externalId"],
  ])("rejects %s with 400", async (_name, overrides, field) => {
    const res = await create(article(overrides)).expect(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it("rejects a request without an API key with 401", async () => {
    await request(t.app).post("/v1/articles").send(article()).expect(401);
  });

  it("rejects a viewer with 403", async () => {
    const res = await create(article(), org.keys.viewer).expect(403);
    expect(res.body.code).toBe("forbidden");
  });

  it("rejects an unknown publisher, or another organization's source, with 422", async () => {
    for (const id of [randomUUID(), otherPublisherId]) {
      const res = await create(article({ publisherId: id })).expect(422);
      expect(res.body).toMatchObject({ code: "unknown_publisher", errors: [{ field: "publisherId" }] });
    }
  });

  it("rejects a duplicate externalId with 409 naming the existing article", async () => {
    const externalId = `cms-${unique()}`;
    const first = await create(article({ externalId })).expect(201);
    const res = await create(article({ externalId })).expect(409);
    expect(res.body).toMatchObject({ code: "external_id_taken", articleId: first.body.id });
    // Another organization may use the same externalId.
    await create(article({ externalId }), other.keys.fact_checker).expect(201);
  });

  it("replays a retried create with the same Idempotency-Key instead of creating twice", async () => {
    const body = article();
    const key = `idem-${unique()}`;
    const first = await request(t.app).post("/v1/articles").set(auth(org.keys.fact_checker)).set("Idempotency-Key", key).send(body).expect(201);
    const again = await request(t.app).post("/v1/articles").set(auth(org.keys.fact_checker)).set("Idempotency-Key", key).send(body).expect(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    expect(await t.db.prisma.article.count({ where: { organizationId: org.id, url: body.url } })).toBe(1);
  });
});

describe("PATCH /v1/articles/:id", () => {
  it("changes metadata without a new revision, bumps the version and records article.updated", async () => {
    const created = await create().expect(201);
    const res = await request(t.app)
      .patch(`/v1/articles/${created.body.id}`)
      .set(auth(org.keys.fact_checker))
      .set("If-Match", '"1"')
      .send({ title: "New title", publisherId })
      .expect(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({ title: "New title", publisher: { id: publisherId }, version: 2, revision: { number: 1 } });
    const event = await t.db.prisma.event.findFirst({ where: { organizationId: org.id, entityId: created.body.id, action: "article.updated" } });
    expect(event).toMatchObject({ before: { title: "Ministers meet in Brussels", publisherId: null, version: 1 }, after: { title: "New title", publisherId, version: 2 } });
  });

  it("makes a new immutable revision when the text changes, and keeps the old one", async () => {
    const created = await create().expect(201);
    const id = created.body.id as string;
    const text = "The minister said talks were \"constructive\". A spokesperson confirmed it.";
    const res = await request(t.app).patch(`/v1/articles/${id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ text }).expect(200);
    expect(res.body).toMatchObject({ version: 2, revision: { number: 2, textHash: sha256Hex(text) } });
    const first = await request(t.app).get(`/v1/articles/${id}/revisions/1`).set(auth(org.keys.viewer)).expect(200);
    expect(first.body.text).toBe(article().text);
    const revised = await t.db.prisma.event.findFirst({ where: { organizationId: org.id, entityId: id, action: "article.revised" } });
    expect(revised).toMatchObject({ before: { revision: 1, textHash: created.body.revision.textHash }, after: { revision: 2, textHash: sha256Hex(text) } });
  });

  it("adds no revision and keeps the version when the request changes nothing", async () => {
    const body = article();
    const created = await create(body).expect(201);
    const res = await request(t.app).patch(`/v1/articles/${created.body.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ text: body.text, title: body.title }).expect(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ version: 1, revision: { number: 1 } });
  });

  it("bumps the version but adds no revision for a metadata change with the same text", async () => {
    const body = article();
    const created = await create(body).expect(201);
    const res = await request(t.app).patch(`/v1/articles/${created.body.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ text: body.text, publishedAt: null }).expect(200);
    expect(res.body).toMatchObject({ version: 2, publishedAt: null, revision: { number: 1 } });
  });

  it("requires If-Match with 428, and rejects a stale one with 412 naming the current ETag", async () => {
    const created = await create().expect(201);
    const url = `/v1/articles/${created.body.id}`;
    expect((await request(t.app).patch(url).set(auth(org.keys.fact_checker)).send({ title: "x" }).expect(428)).body.code).toBe("precondition_required");
    await request(t.app).patch(url).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ title: "y" }).expect(200);
    const stale = await request(t.app).patch(url).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ title: "z" }).expect(412);
    expect(stale.body).toMatchObject({ code: "version_conflict", currentEtag: '"2"' });
    expect(stale.headers.etag).toBe('"2"');
    await request(t.app).patch(url).set(auth(org.keys.fact_checker)).set("If-Match", "nope").send({ title: "z" }).expect(400);
  });

  it("rejects an empty patch, unknown fields and null for a required field with 400", async () => {
    const created = await create().expect(201);
    const url = `/v1/articles/${created.body.id}`;
    for (const body of [{}, { colour: "red" }, { title: null }, { text: null }]) {
      await request(t.app).patch(url).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send(body).expect(400);
    }
  });

  it("answers 404 for another organization's article and for a malformed id", async () => {
    const created = await create().expect(201);
    await request(t.app).patch(`/v1/articles/${created.body.id}`).set(auth(other.keys.fact_checker)).set("If-Match", '"1"').send({ title: "x" }).expect(404);
    await request(t.app).patch("/v1/articles/not-a-uuid").set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ title: "x" }).expect(404);
    await request(t.app).patch(`/v1/articles/${randomUUID()}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ title: "x" }).expect(404);
  });

  it("rejects a viewer with 403 and an unknown publisher with 422", async () => {
    const created = await create().expect(201);
    const url = `/v1/articles/${created.body.id}`;
    await request(t.app).patch(url).set(auth(org.keys.viewer)).set("If-Match", '"1"').send({ title: "x" }).expect(403);
    await request(t.app).patch(url).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ publisherId: otherPublisherId }).expect(422);
    const unchanged = await request(t.app).get(url).set(auth(org.keys.viewer)).expect(200);
    expect(unchanged.body.version).toBe(1);
  });

  it("rejects taking another article's externalId with 409", async () => {
    const externalId = `cms-${unique()}`;
    const owner = await create(article({ externalId })).expect(201);
    const created = await create().expect(201);
    const res = await request(t.app).patch(`/v1/articles/${created.body.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ externalId }).expect(409);
    expect(res.body).toMatchObject({ code: "external_id_taken", articleId: owner.body.id });
  });
});

describe("PUT /v1/articles/:id", () => {
  it("replaces every editable field; optional fields left out become null", async () => {
    const created = await create(article({ publisherId, externalId: `cms-${unique()}` })).expect(201);
    const body = { url: "https://news.example/replaced", title: "Replaced", language: "fr", text: "Texte remplacé." };
    const res = await request(t.app).put(`/v1/articles/${created.body.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send(body).expect(200);
    const { text, ...fields } = body;
    expect(res.body).toMatchObject({ ...fields, externalId: null, publisher: null, publishedAt: null, version: 2, revision: { number: 2, textHash: sha256Hex(text) } });
  });

  it("requires the full set of required fields", async () => {
    const created = await create().expect(201);
    const res = await request(t.app).put(`/v1/articles/${created.body.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ title: "Only a title" }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["language", "text", "url"]);
  });

  it("requires If-Match with 428", async () => {
    const created = await create().expect(201);
    await request(t.app).put(`/v1/articles/${created.body.id}`).set(auth(org.keys.fact_checker)).send(article()).expect(428);
  });
});
