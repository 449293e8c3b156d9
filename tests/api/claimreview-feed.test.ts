import request from "supertest";
import { configureOrganization, loadSchemaOrgClasses, publishClaim, schemaViolations } from "../support/claimreview-fixtures";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";
import { auth, createClaim } from "../support/verification-fixtures";

let t: TestApp;
let org: TestOrg;
const published: string[] = [];
const classes = loadSchemaOrgClasses();
// The embedded database serialises everything; races need the server.
const serverIt = usingServer() ? it : it.skip;

type Node = Record<string, unknown>;

beforeAll(async () => {
  t = await startTestApp("claimreview-feed");
  org = await createTestOrg(t.db);
  await configureOrganization(t.app, org, { factCheckUrlTemplate: "https://news.example/checks/{claimId}" });
  for (let i = 0; i < 5; i++) {
    const id = await createClaim(t.db, org.id, { statement: `Feed claim number ${i}.` });
    await publishClaim(t.app, org, id);
    published.push(id);
  }
  await createClaim(t.db, org.id, { statement: "Never published." });
}, 180_000); // generous: the machine is shared
afterAll(() => t.close());

const nextLink = (link: string | undefined) => (link ? /<([^>]+)>; rel="next"/.exec(link)?.[1] : undefined);

async function readAll(firstUrl: string, key?: string): Promise<Node[]> {
  const items: Node[] = [];
  let url: string | undefined = firstUrl;
  while (url) {
    const r = request(t.app).get(url);
    if (key) r.set(auth(key));
    const res = await r.expect(200);
    expect(res.headers["content-type"]).toMatch(/^application\/ld\+json/);
    const feed = res.body as Node;
    expect(feed).toMatchObject({ "@context": "https://schema.org", "@type": "DataFeed" });
    expect(schemaViolations(feed, classes)).toEqual([]);
    items.push(...(feed.dataFeedElement as Node[]));
    url = nextLink(res.headers.link as string | undefined);
  }
  return items;
}

describe("GET /v1/claimreview/feed", () => {
  it("pages through every published ClaimReview once, newest first, with a Link to the next page", async () => {
    const items = await readAll("/v1/claimreview/feed?limit=2", org.keys.viewer);
    const urls = items.map((i) => (i.item as Node).url);
    expect(urls).toEqual([...published].reverse().map((id) => `https://news.example/checks/${id}`));
    expect(items[0]).toMatchObject({ "@type": "DataFeedItem", item: { "@type": "ClaimReview", reviewRating: { alternateName: "Mostly true" } } });
    expect((items[0]!.item as Node)["@context"]).toBeUndefined();
  });

  it("rejects a limit over 100 and a forged cursor with 400, and answers 401 without a key", async () => {
    expect((await request(t.app).get("/v1/claimreview/feed?limit=101").set(auth(org.keys.viewer)).expect(400)).body.code).toBe("validation_failed");
    expect((await request(t.app).get("/v1/claimreview/feed?cursor=abc").set(auth(org.keys.viewer)).expect(400)).body.code).toBe("invalid_cursor");
    await request(t.app).get("/v1/claimreview/feed").expect(401);
  });

  it("keeps another organization's reviews out of the feed", async () => {
    const other = await createTestOrg(t.db);
    await configureOrganization(t.app, other, { factCheckUrlTemplate: "https://other.example/{claimId}" });
    const res = await request(t.app).get("/v1/claimreview/feed").set(auth(other.keys.viewer)).expect(200);
    expect(res.body.dataFeedElement).toEqual([]);
  });
});

describe("GET /v1/organizations/:slug/claimreview/feed", () => {
  it("answers 404 while the feed is not public, and serves it without a key once it is", async () => {
    await request(t.app).get(`/v1/organizations/${org.slug}/claimreview/feed`).expect(404);
    await request(t.app).get(`/v1/organizations/no-such-org/claimreview/feed`).expect(404);
    await configureOrganization(t.app, org, { publicFeed: true });
    const items = await readAll(`/v1/organizations/${org.slug}/claimreview/feed?limit=3`);
    expect(items).toHaveLength(5);
    await configureOrganization(t.app, org, { publicFeed: false });
    await request(t.app).get(`/v1/organizations/${org.slug}/claimreview/feed`).expect(404);
  });

  it("is the only anonymous URL: /v1/claimreview/feed needs a key even when the feed is public", async () => {
    await configureOrganization(t.app, org, { publicFeed: true });
    try {
      expect((await request(t.app).get("/v1/claimreview/feed").expect(401)).body.code).toBe("unauthorized");
      const res = await request(t.app).get(`/v1/organizations/${org.slug}/claimreview/feed`).expect(200);
      expect((res.body.dataFeedElement as Node[]).map((i) => (i.item as Node).url)).toEqual([...published].reverse().map((id) => `https://news.example/checks/${id}`));
    } finally {
      await configureOrganization(t.app, org, { publicFeed: false });
    }
  });

  it("answers a disabled feed exactly like a missing organization, so a stranger cannot tell them apart", async () => {
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined, requestId: undefined });
    const disabled = await request(t.app).get(`/v1/organizations/${org.slug}/claimreview/feed?limit=2`).expect(404);
    const missing = await request(t.app).get("/v1/organizations/no-such-org-at-all/claimreview/feed?limit=2").expect(404);
    expect(disabled.headers["content-type"]).toBe(missing.headers["content-type"]);
    expect(strip(disabled.body as Record<string, unknown>)).toEqual(strip(missing.body as Record<string, unknown>));
    expect(disabled.body).toMatchObject({ status: 404, code: "not_found" });
    // A key of the organization does not open a disabled public URL either.
    await request(t.app).get(`/v1/organizations/${org.slug}/claimreview/feed`).set(auth(org.keys.admin)).expect(404);
  });
});

describe("GET/PATCH /v1/organization", () => {
  it("changes the settings with the ETag and records an event", async () => {
    const o = await createTestOrg(t.db);
    const got = await request(t.app).get("/v1/organization").set(auth(o.keys.admin)).expect(200);
    expect(got.body).toMatchObject({ slug: o.slug, factCheckUrlTemplate: null, publicFeed: false });
    const res = await request(t.app).patch("/v1/organization").set(auth(o.keys.admin)).set("If-Match", got.headers.etag as string)
      .send({ factCheckUrlTemplate: "https://x.example/c/{claimId}", publicFeed: true }).expect(200);
    expect(res.body).toMatchObject({ factCheckUrlTemplate: "https://x.example/c/{claimId}", publicFeed: true });
    expect(res.headers.etag).not.toBe(got.headers.etag);
    expect(await t.db.prisma.event.count({ where: { organizationId: o.id, action: "organization.updated" } })).toBe(1);
    // The first ETag is stale now.
    const stale = await request(t.app).patch("/v1/organization").set(auth(o.keys.admin)).set("If-Match", got.headers.etag as string).send({ publicFeed: false }).expect(412);
    expect(stale.body.code).toBe("version_conflict");
  });

  it("refuses a template without {claimId} or not http(s), unknown fields, a missing If-Match and non-admins", async () => {
    const o = await createTestOrg(t.db);
    const etag = (await request(t.app).get("/v1/organization").set(auth(o.keys.admin)).expect(200)).headers.etag as string;
    const patch = (body: object, key = o.keys.admin) => request(t.app).patch("/v1/organization").set(auth(key)).set("If-Match", etag).send(body);
    expect((await patch({ factCheckUrlTemplate: "https://x.example/c/" }).expect(400)).body.errors[0].field).toBe("factCheckUrlTemplate");
    await patch({ factCheckUrlTemplate: "javascript:alert({claimId})" }).expect(400);
    expect((await patch({ slug: "new" }).expect(400)).body.errors[0]).toMatchObject({ field: "slug", code: "unknown_field" });
    await patch({ publicFeed: true }, o.keys.editor).expect(403);
    await request(t.app).get("/v1/organization").set(auth(o.keys.viewer)).expect(403);
    await request(t.app).patch("/v1/organization").set(auth(o.keys.admin)).send({ publicFeed: true }).expect(428);
  });

  serverIt("lets only one of two concurrent changes with the same ETag through; the other gets 412", async () => {
    const o = await createTestOrg(t.db);
    const etag = (await request(t.app).get("/v1/organization").set(auth(o.keys.admin)).expect(200)).headers.etag as string;
    const send = (body: object) => request(t.app).patch("/v1/organization").set(auth(o.keys.admin)).set("If-Match", etag).send(body);
    const statuses = (await Promise.all([send({ name: "First" }), send({ name: "Second" }), send({ publicFeed: true })])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412]);
    expect(await t.db.prisma.event.count({ where: { organizationId: o.id, action: "organization.updated" } })).toBe(1);
  });
});
