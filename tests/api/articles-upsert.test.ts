import { randomUUID } from "node:crypto";
import request from "supertest";
import { sha256Hex } from "../../src/lib/ids";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const serverIt = usingServer() ? it : it.skip;
const path = (externalId: string) => `/v1/articles/by-external-id/${encodeURIComponent(externalId)}`;
const newExternalId = () => `cms/${randomUUID()}`;

const body = {
  url: "https://news.example/upsert",
  title: "Summit ends without a deal",
  language: "en",
  publishedAt: "2025-03-01T09:00:00Z",
  text: "The envoy said the summit ended \"without a deal\".",
};

const put = (externalId: string, payload: object = body, key = org.keys.fact_checker) =>
  request(t.app).put(path(externalId)).set(auth(key)).send(payload);

beforeAll(async () => {
  t = await startTestApp("articles-upsert");
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
}, 120_000);
afterAll(() => t.close());

describe("PUT /v1/articles/by-external-id/:externalId", () => {
  it("creates the article when the externalId is new (201, Location, ETag), decoding the path", async () => {
    const externalId = `${newExternalId()} ✓`;
    const res = await put(externalId).expect(201);
    expect(res.headers.location).toBe(`/v1/articles/${res.body.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ externalId, title: body.title, version: 1, revision: { number: 1, textHash: sha256Hex(body.text) } });
  });

  it("answers an identical request with 200 and no new version, without If-Match", async () => {
    const externalId = newExternalId();
    const created = await put(externalId).expect(201);
    const again = await put(externalId).expect(200);
    expect(again.headers.etag).toBe('"1"');
    expect(again.body).toMatchObject({ id: created.body.id, version: 1, revision: { number: 1 } });
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id, entityId: created.body.id } })).toBe(1);
  });

  it("requires If-Match (428) to change an existing article, and rejects a stale one (412)", async () => {
    const externalId = newExternalId();
    await put(externalId).expect(201);
    const changed = { ...body, title: "Summit ends with a deal" };
    expect((await put(externalId, changed).expect(428)).body.code).toBe("precondition_required");
    const res = await request(t.app).put(path(externalId)).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send(changed).expect(200);
    expect(res.body).toMatchObject({ title: changed.title, version: 2, revision: { number: 1 } });
    const stale = await request(t.app).put(path(externalId)).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ ...changed, title: "Third" }).expect(412);
    expect(stale.body.currentEtag).toBe('"2"');
  });

  it("replaces the text as a new revision", async () => {
    const externalId = newExternalId();
    await put(externalId).expect(201);
    const text = `${body.text} Talks resume next week.`;
    const res = await request(t.app).put(path(externalId)).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ ...body, text }).expect(200);
    expect(res.body).toMatchObject({ version: 2, revision: { number: 2, textHash: sha256Hex(text) } });
  });

  it("answers 412 to an If-Match for an article that does not exist", async () => {
    const externalId = newExternalId();
    const res = await request(t.app).put(path(externalId)).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send(body).expect(412);
    expect(res.body.code).toBe("precondition_failed");
    expect(await t.db.prisma.article.count({ where: { organizationId: org.id, externalId } })).toBe(0);
  });

  it("keeps organizations apart: the same externalId creates one article per organization", async () => {
    const externalId = newExternalId();
    const mine = await put(externalId).expect(201);
    const theirs = await put(externalId, body, other.keys.fact_checker).expect(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it("rejects an externalId longer than 200 characters, or one in the body, with 400", async () => {
    const long = await put("e".repeat(201)).expect(400);
    expect(long.body.errors).toEqual([expect.objectContaining({ field: "externalId" })]);
    const inBody = await put(newExternalId(), { ...body, externalId: "x" }).expect(400);
    expect(inBody.body.errors).toEqual([expect.objectContaining({ field: "externalId", code: "unknown_field" })]);
    await put(newExternalId(), { ...body, url: "mailto:a@b.c" }).expect(400);
  });

  it("rejects a missing key with 401, a viewer with 403 and an unknown publisher with 422", async () => {
    await request(t.app).put(path(newExternalId())).send(body).expect(401);
    await put(newExternalId(), body, org.keys.viewer).expect(403);
    await put(newExternalId(), { ...body, publisherId: randomUUID() }).expect(422);
  });

  serverIt("creates one article when several first pushes of the same externalId race; the others are no-ops", async () => {
    const externalId = newExternalId();
    const results = await Promise.all(Array.from({ length: 6 }, () => put(externalId)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(await t.db.prisma.article.count({ where: { organizationId: org.id, externalId } })).toBe(1);
  }, 60_000);
});
