import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { operations, type JsonSchema } from "../fuzz/openapi-arbitraries";
import { storeCounts } from "../fuzz/store-counts";
import openapi from "../../docs/openapi.json";
import { bearer, seedIds, type SeedIds } from "./attack-fixtures";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let ids: SeedIds;

beforeAll(async () => {
  t = await startTestApp("attacks-mass-assignment", { RATE_LIMIT_API_PER_MINUTE: "0" });
  org = await createTestOrg(t.db, { seed: true });
  other = await createTestOrg(t.db);
  ids = await seedIds(t, org);
});
afterAll(() => t.close());

const schemas = (openapi as unknown as { components: { schemas: Record<string, JsonSchema> } }).components.schemas;
const resolve = (s: JsonSchema): JsonSchema => (s.$ref ? (schemas[s.$ref.replace("#/components/schemas/", "")] ?? {}) : s);

/** A path with real ids of the organization, so the request gets as far as it can. */
function concretePath(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === "kind") return "attribution";
    if (name === "number") return "1";
    if (name === "slug") return org.slug;
    if (name === "externalId") return "mass-assign-probe";
    if (path.startsWith("/v1/claims")) return ids.claimId;
    if (path.startsWith("/v1/sources")) return ids.sourceId;
    if (path.startsWith("/v1/articles")) return ids.articleId;
    return "0190a000-0000-7000-8000-000000000000";
  });
}

const PRIVILEGED = ["organizationId", "id", "role", "status", "version", "createdAt", "updatedAt", "createdBy", "secretHash"];
const writes = operations().filter((o) => o.bodySchema && o.path !== "/v1/session");

describe("mass assignment", () => {
  it.each(writes.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))("%s rejects every privileged field it does not declare as an unknown field, storing nothing", async (_name, op) => {
    const body = resolve(op.bodySchema!);
    const declared = new Set(Object.keys(body.properties ?? {}));
    const before = await storeCounts(t.db, org.id);
    const otherBefore = await storeCounts(t.db, other.id);
    // Documents in an outside format (ClaimReview import) ignore unknown keys by design:
    // there the field must be ignored — nothing lands anywhere it names.
    const strict = body.additionalProperties === false;
    for (const field of PRIVILEGED.filter((f) => !declared.has(f))) {
      const value = field === "organizationId" ? other.id : field === "version" ? 99 : field === "role" ? "admin" : field === "status" ? "published" : "0190a000-0000-7000-8000-000000000001";
      const res = await request(t.app)[op.method](concretePath(op.path)).set(bearer(org.keys.admin)).set("If-Match", '"1"').send({ [field]: value });
      if (strict) {
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code: "unknown_field" })]));
      } else {
        expect(res.status).toBeLessThan(500);
      }
    }
    if (strict) expect(await storeCounts(t.db, org.id)).toEqual(before);
    expect(await storeCounts(t.db, other.id)).toEqual(otherBefore);
  });

  it("keeps a source in its organization when organizationId is smuggled into an otherwise valid update", async () => {
    const src = await request(t.app).get(`/v1/sources/${ids.sourceId}`).set(bearer(org.keys.viewer)).expect(200);
    const res = await request(t.app).patch(`/v1/sources/${ids.sourceId}`).set(bearer(org.keys.editor)).set("If-Match", String(src.headers.etag)).send({ name: "Renamed", organizationId: other.id, version: 42 });
    expect(res.status).toBe(400);
    const after = await request(t.app).get(`/v1/sources/${ids.sourceId}`).set(bearer(org.keys.viewer)).expect(200);
    expect(after.body.name).toBe(src.body.name);
    expect(after.body.version).toBe(src.body.version);
  });
});

describe("prototype pollution", () => {
  const payloads = [
    '{"name":"P1","type":"person","__proto__":{"polluted":"yes","role":"admin"}}',
    '{"name":"P2","type":"person","constructor":{"prototype":{"polluted":"yes"}}}',
    '{"name":"P3","type":"person","prototype":{"polluted":"yes"}}',
    '{"name":"P4","type":"person","aliases":[{"__proto__":{"polluted":"yes"}}]}',
  ];

  it.each(payloads)("rejects %s as unknown fields and leaves Object.prototype untouched", async (payload) => {
    const before = await storeCounts(t.db, org.id);
    const res = await request(t.app).post("/v1/sources").set(bearer(org.keys.fact_checker)).set("Content-Type", "application/json").send(payload);
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
    expect(await storeCounts(t.db, org.id)).toEqual(before);
  });

  it("ignores or rejects __proto__ and constructor keys in query strings without polluting anything", async () => {
    for (const qs of ["__proto__[polluted]=yes", "constructor[prototype][polluted]=yes", "__proto__.polluted=yes", "__proto__=x", "limit=1&__proto__[limit]=1000", "prototype=1"]) {
      const res = await request(t.app).get(`/v1/claims?${qs}`).set(bearer(org.keys.viewer));
      expect([200, 400]).toContain(res.status);
      const src = await request(t.app).get(`/v1/sources?${qs}`).set(bearer(org.keys.viewer));
      expect([200, 400]).toContain(src.status);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The server process itself: a fresh object there carries no polluted key either.
    const probe = await request(t.app).get("/v1/claims?limit=1").set(bearer(org.keys.viewer)).expect(200);
    expect(probe.body).not.toHaveProperty("polluted");
  });
});
