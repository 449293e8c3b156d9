import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

// Seeding an organization runs a few hundred statements; on a busy machine that nears
// jest's default 30 s, so this file's hooks and tests get more time.
jest.setTimeout(120_000);

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  t = await startTestApp("sources-write");
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
});
afterAll(() => t.close());

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const zelenskyy = { name: "Volodymyr Zelenskyy", aliases: ["Zelenskyy", "zelenskyy", "Zelenskýy", "President Zelenskyy"], type: "person", wikidataId: "Q3881", country: "UA" };

async function create(body: object = zelenskyy, key = org.keys.fact_checker) {
  const res = await request(t.app).post("/v1/sources").set(auth(key)).send(body).expect(201);
  return res.body as { id: string; version: number; name: string; aliases: string[] };
}

describe("POST /v1/sources", () => {
  it("creates a source with Location, ETag, folded search text and a source.created event", async () => {
    const res = await request(t.app).post("/v1/sources").set(auth(org.keys.fact_checker)).send({ ...zelenskyy, description: "President of Ukraine." }).expect(201);
    expect(res.headers.location).toBe(`/v1/sources/${res.body.id}`);
    expect(res.headers.etag).toBe('"1"');
    // "zelenskyy" repeats "Zelenskyy" ignoring case; the accented spelling is kept.
    expect(res.body).toMatchObject({ name: "Volodymyr Zelenskyy", aliases: ["Zelenskyy", "Zelenskýy", "President Zelenskyy"], type: "person", wikidataId: "Q3881", country: "UA", mergedIntoId: null, version: 1 });
    const row = await t.db.prisma.source.findUnique({ where: { organizationId_id: { organizationId: org.id, id: res.body.id } } });
    expect(row?.searchText).toBe("volodymyr zelenskyy | zelenskyy | zelenskyy | president zelenskyy");
    const events = await t.db.prisma.event.findMany({ where: { organizationId: org.id, entityId: res.body.id } });
    expect(events.map((e) => e.action)).toEqual(["source.created"]);
    await request(t.app).get(res.headers.location as string).set(auth(org.keys.viewer)).expect(200);
  });

  it("defaults aliases and the optional fields", async () => {
    const res = await request(t.app).post("/v1/sources").set(auth(org.keys.fact_checker)).send({ name: "Reuters", type: "agency" }).expect(201);
    expect(res.body).toMatchObject({ aliases: [], wikidataId: null, country: null, description: null });
  });

  it("rejects unknown fields, a bad wikidataId and a non-ISO country with 400 listing them, storing nothing", async () => {
    const before = await t.db.prisma.source.count({ where: { organizationId: org.id } });
    const res = await request(t.app)
      .post("/v1/sources")
      .set(auth(org.keys.fact_checker))
      .send({ name: "Somebody", type: "person", wikidataId: "7747", country: "UK", nickname: "x" })
      .expect(400);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe("validation_failed");
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(["country", "nickname", "wikidataId"]);
    expect(await t.db.prisma.source.count({ where: { organizationId: org.id } })).toBe(before);
  });

  it("rejects a missing name, an unknown type and a name containing | with 400", async () => {
    const res = await request(t.app).post("/v1/sources").set(auth(org.keys.fact_checker)).send({ name: "A | B", type: "alien" }).expect(400);
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(["name", "type"]);
    await request(t.app).post("/v1/sources").set(auth(org.keys.fact_checker)).send({ type: "person" }).expect(400);
  });

  it("answers 401 without a key and 403 to a viewer", async () => {
    await request(t.app).post("/v1/sources").send(zelenskyy).expect(401);
    const res = await request(t.app).post("/v1/sources").set(auth(org.keys.viewer)).send(zelenskyy).expect(403);
    expect(res.body.code).toBe("forbidden");
  });

  it("replays the first response for a repeated Idempotency-Key and creates one source", async () => {
    const key = `create-${Date.now()}`;
    const first = await request(t.app).post("/v1/sources").set(auth(org.keys.fact_checker)).set("Idempotency-Key", key).send({ name: "Interfax", type: "agency" }).expect(201);
    const again = await request(t.app).post("/v1/sources").set(auth(org.keys.fact_checker)).set("Idempotency-Key", key).send({ name: "Interfax", type: "agency" }).expect(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await t.db.prisma.source.count({ where: { organizationId: org.id, name: "Interfax" } })).toBe(1);
  });
});

describe("PATCH /v1/sources/:id", () => {
  it("changes the given fields, bumps the version and records before/after", async () => {
    const s = await create();
    const res = await request(t.app)
      .patch(`/v1/sources/${s.id}`)
      .set(auth(org.keys.fact_checker))
      .set("If-Match", '"1"')
      .send({ aliases: ["Zelensky", "ZELENSKY"], country: null, description: "President of Ukraine since 2019." })
      .expect(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({ name: "Volodymyr Zelenskyy", aliases: ["Zelensky"], country: null, type: "person", version: 2 });
    const row = await t.db.prisma.source.findUnique({ where: { organizationId_id: { organizationId: org.id, id: s.id } } });
    expect(row?.searchText).toBe("volodymyr zelenskyy | zelensky");
    const event = await t.db.prisma.event.findFirst({ where: { organizationId: org.id, entityId: s.id, action: "source.updated" } });
    expect(event?.before).toEqual({ aliases: ["Zelenskyy", "Zelenskýy", "President Zelenskyy"], country: "UA", description: null, version: 1 });
    expect(event?.after).toEqual({ aliases: ["Zelensky"], country: null, description: "President of Ukraine since 2019.", version: 2 });
  });

  it("answers a change that changes nothing with the source as it is, without a new version or event", async () => {
    const s = await create();
    const res = await request(t.app).patch(`/v1/sources/${s.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ name: s.name }).expect(200);
    expect(res.body.version).toBe(1);
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id, entityId: s.id } })).toBe(1);
  });

  it("requires If-Match with 428", async () => {
    const s = await create();
    const res = await request(t.app).patch(`/v1/sources/${s.id}`).set(auth(org.keys.fact_checker)).send({ name: "X" }).expect(428);
    expect(res.body.code).toBe("precondition_required");
  });

  it("rejects a stale If-Match with 412 naming the current version, changing nothing", async () => {
    const s = await create();
    await request(t.app).patch(`/v1/sources/${s.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ description: "first" }).expect(200);
    const res = await request(t.app).patch(`/v1/sources/${s.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ description: "second" }).expect(412);
    expect(res.body).toMatchObject({ code: "version_conflict", currentVersion: 2 });
    expect(res.headers.etag).toBe('"2"');
    const now = await request(t.app).get(`/v1/sources/${s.id}`).set(auth(org.keys.viewer)).expect(200);
    expect(now.body.description).toBe("first");
  });

  it("rejects an empty body, an unknown field and name null with 400", async () => {
    const s = await create();
    const patch = (body: object) => request(t.app).patch(`/v1/sources/${s.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send(body);
    expect((await patch({}).expect(400)).body.code).toBe("validation_failed");
    expect((await patch({ mergedIntoId: s.id }).expect(400)).body.errors).toEqual([expect.objectContaining({ field: "mergedIntoId", code: "unknown_field" })]);
    await patch({ name: null }).expect(400);
    await patch({ wikidataId: "Q" }).expect(400);
  });

  it("answers 404 for another organization's source and for a malformed id", async () => {
    const s = await create();
    await request(t.app).patch(`/v1/sources/${s.id}`).set(auth(other.keys.fact_checker)).set("If-Match", '"1"').send({ name: "X" }).expect(404);
    await request(t.app).patch("/v1/sources/not-a-uuid").set(auth(org.keys.fact_checker)).set("If-Match", '"1"').send({ name: "X" }).expect(404);
  });

  it("refuses a viewer with 403", async () => {
    const s = await create();
    await request(t.app).patch(`/v1/sources/${s.id}`).set(auth(org.keys.viewer)).set("If-Match", '"1"').send({ name: "X" }).expect(403);
  });

  it("refuses to edit a merged source with 409 naming the target", async () => {
    const dup = await create({ name: "V. Zelenskyy", type: "person" });
    const target = await create();
    await request(t.app).post(`/v1/sources/${dup.id}/merge`).set(auth(org.keys.editor)).set("If-Match", '"1"').send({ into: target.id }).expect(200);
    const res = await request(t.app).patch(`/v1/sources/${dup.id}`).set(auth(org.keys.fact_checker)).set("If-Match", '"2"').send({ name: "X" }).expect(409);
    expect(res.body).toMatchObject({ code: "source_merged", mergedIntoId: target.id });
    expect(res.body.detail).toContain(target.id);
  });
});
