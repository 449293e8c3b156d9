import request from "supertest";
import { listClaimsQuerySchema } from "../../src/claims/claim-filters";
import { listClaimPage } from "../../src/claims/claim-search";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
const sources = new Map<string, string>();
let articleId: string;
let userId: string;

interface Item {
  id: string;
  externalId: string | null;
  statement: string;
  createdAt: string;
  search?: { rank: number; snippet: string };
}

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const seedKey = (key: string) => `seed:${key}`;

beforeAll(async () => {
  t = await startTestApp("claims-list");
  org = await createTestOrg(t.db, { seed: true });
  other = await createTestOrg(t.db, { seed: true });
  const all = await request(t.app).get("/v1/sources?limit=200").set(auth(org.keys.viewer)).expect(200);
  for (const s of all.body.data as Array<{ id: string; name: string }>) sources.set(s.name, s.id);
  articleId = (await t.db.prisma.article.findFirstOrThrow({ where: { organizationId: org.id } })).id;

  // States that other features set (workflow, verdicts, assignment), written directly so
  // that each filter has something to find.
  const where = (key: string) => ({ organizationId_externalId: { organizationId: org.id, externalId: seedKey(key) } });
  userId = crypto.randomUUID();
  await t.db.prisma.user.create({ data: { organizationId: org.id, id: userId, email: `${userId}@example.org`, name: "Reviewer", role: "fact_checker", passwordHash: "x" } });
  await t.db.prisma.claim.update({ where: where("nato-china-decisive-enabler"), data: { status: "in_review", assigneeId: userId } });
  await t.db.prisma.claim.update({ where: where("putin-trade-up-7-percent-220bn"), data: { attributionRatingKey: "accurate", contentRatingKey: "mostly_true" } });
}, 120_000);
afterAll(() => t.close());

const sourceId = (namePart: string): string => {
  for (const [name, id] of sources) if (name.includes(namePart)) return id;
  throw new Error(`no seed source like ${namePart}`);
};

async function list(query: string, key = org.keys.viewer): Promise<Item[]> {
  const res = await request(t.app).get(`/v1/claims?limit=200&${query}`).set(auth(key)).expect(200);
  return res.body.data as Item[];
}
const keys = (items: Item[]) => items.map((i) => (i.externalId ?? "").replace(/^seed:/, "")).sort();

describe("GET /v1/claims filters", () => {
  it("filters by status, with several values as a comma-separated list", async () => {
    expect(keys(await list("status=in_review"))).toEqual(["nato-china-decisive-enabler"]);
    expect(await list("status=new,in_review")).toHaveLength(15);
    expect(await list("status=published")).toEqual([]);
  });

  it("filters by attribution and content verdict rating keys", async () => {
    expect(keys(await list("attributionVerdict=accurate"))).toEqual(["putin-trade-up-7-percent-220bn"]);
    expect(keys(await list("contentVerdict=false,mostly_true"))).toEqual(["putin-trade-up-7-percent-220bn"]);
  });

  it("filters by speaker, by any source in the chain and by speech act", async () => {
    expect(keys(await list(`speaker=${sourceId("Xi Jinping")}`))).toEqual(["xi-cooperation-trade-expanding", "xi-face-external-uncertainties", "xi-new-height"]);
    expect(await list(`source=${sourceId("Kremlin")}`)).toHaveLength(6);
    expect(keys(await list("speechAct=denies"))).toEqual(["beijing-denies-military-support"]);
  });

  it("filters by article and kind", async () => {
    expect(await list(`article=${articleId}`)).toHaveLength(15);
    expect(await list(`article=${crypto.randomUUID()}`)).toEqual([]);
    expect(keys(await list("kind=accusation"))).toEqual(["china-accuses-us-exacerbating-war", "nato-china-decisive-enabler"]);
  });

  it("filters by assignee id and none; `me` matches nothing for an API key", async () => {
    expect(keys(await list(`assignee=${userId}`))).toEqual(["nato-china-decisive-enabler"]);
    expect(await list("assignee=none")).toHaveLength(14);
    expect(await list("assignee=me")).toEqual([]);
    expect(await list("assignee=me,none")).toHaveLength(14);
  });

  it("filters by creation and update time", async () => {
    expect(await list("createdFrom=2999-01-01T00:00:00Z")).toEqual([]);
    expect(await list("createdTo=2999-01-01")).toHaveLength(15);
    const mark = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await t.db.prisma.claim.update({ where: { organizationId_externalId: { organizationId: org.id, externalId: seedKey("xi-new-height") } }, data: { kind: "statement" } });
    expect(keys(await list(`updatedFrom=${encodeURIComponent(mark.toISOString())}`))).toEqual(["xi-new-height"]);
    expect(await list(`updatedTo=${encodeURIComponent(mark.toISOString())}`)).toHaveLength(14);
    // sort=updated puts the claim changed last first.
    const latest = await request(t.app).get("/v1/claims?sort=updated&limit=1").set(auth(org.keys.viewer)).expect(200);
    expect(latest.body.data[0].externalId).toBe(seedKey("xi-new-height"));
  });

  it("combines filters with AND", async () => {
    expect(keys(await list(`source=${sourceId("Kremlin")}&speechAct=characterises`))).toEqual(["putin-china-leading-trading-partner"]);
  });

  it("never shows another organization's claims through a filter", async () => {
    const theirs = await request(t.app).get("/v1/sources?limit=200").set(auth(other.keys.viewer)).expect(200);
    const theirXi = (theirs.body.data as Array<{ id: string; name: string }>).find((s) => s.name === "Xi Jinping")!.id;
    expect(await list(`speaker=${theirXi}`)).toEqual([]);
  });

  it("rejects unknown filters, bad enums, bad ids, bad dates and a limit over 200 with 400 naming each", async () => {
    const res = await request(t.app)
      .get("/v1/claims?colour=red&status=new,rumoured&speaker=xi&createdFrom=yesterday&kind=&limit=201")
      .set(auth(org.keys.viewer))
      .expect(400);
    expect(res.body.code).toBe("validation_failed");
    const fields = new Set((res.body.errors as Array<{ field: string }>).map((e) => e.field.split(".")[0]));
    expect([...fields].sort()).toEqual(["colour", "createdFrom", "kind", "limit", "speaker", "status"]);
  });

  it("rejects sort=relevance without q, and a cursor made for another sort, with 400", async () => {
    const rel = await request(t.app).get("/v1/claims?sort=relevance").set(auth(org.keys.viewer)).expect(400);
    expect(rel.body.errors).toEqual([expect.objectContaining({ field: "sort" })]);
    const page = await request(t.app).get("/v1/claims?limit=2").set(auth(org.keys.viewer)).expect(200);
    const wrong = await request(t.app).get(`/v1/claims?limit=2&sort=updated&cursor=${page.body.nextCursor}`).set(auth(org.keys.viewer)).expect(400);
    expect(wrong.body.code).toBe("invalid_cursor");
    expect(wrong.body.errors[0].message).toContain("sort=created");
  });

  it("answers 401 without a key", async () => {
    await request(t.app).get("/v1/claims?status=new").expect(401);
  });
});

describe("GET /v1/claims?q= full-text search", () => {
  it("matches stemmed words in statements and quotes, with a rank and a highlighted snippet; sort=relevance orders by rank", async () => {
    const hits = await list("q=trade&sort=relevance");
    expect(keys(hits)).toEqual(["putin-china-leading-trading-partner", "putin-trade-up-7-percent-220bn", "xi-cooperation-trade-expanding"]);
    for (const h of hits) {
      expect(h.search?.rank).toBeGreaterThan(0);
      expect(h.search?.snippet).toMatch(/<mark>trad(e|ing)<\/mark>/i);
    }
    const ranks = hits.map((h) => h.search!.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
    // Words found only in an appearance's quote count too.
    const siberia = await list("q=Siberia");
    expect(keys(siberia)).toEqual(["putin-china-largest-energy-consumer"]);
    expect(siberia[0]?.search?.snippet).toContain("<mark>Siberia</mark>");
  });

  it("supports quoted phrases, OR and -exclusion (web-search syntax)", async () => {
    expect(keys(await list(`q=${encodeURIComponent('"largest consumer"')}`))).toEqual(["putin-china-largest-energy-consumer"]);
    expect(await list(`q=${encodeURIComponent('"consumer largest"')}`)).toEqual([]);
    expect(keys(await list(`q=${encodeURIComponent("NATO OR Siberia")}`))).toEqual(["nato-china-decisive-enabler", "putin-china-largest-energy-consumer"]);
    expect(keys(await list(`q=${encodeURIComponent("trade -Xi")}`))).toEqual(["putin-china-leading-trading-partner", "putin-trade-up-7-percent-220bn"]);
  });

  it("lists matches newest first unless sort=relevance is asked for", async () => {
    const hits = await list("q=trade");
    expect(keys(hits)).toHaveLength(3);
    const created = hits.map((h) => `${h.createdAt} ${h.id}`);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it("combines search with filters and another sort", async () => {
    const hits = await list(`q=trade&speaker=${sourceId("Xi Jinping")}&sort=created`);
    expect(keys(hits)).toEqual(["xi-cooperation-trade-expanding"]);
    expect(hits[0]?.search?.rank).toBeGreaterThan(0);
    expect(hits[0]?.search?.rank).toBeLessThan(1);
  });

  it("returns a snippet that is safe HTML: the text is escaped and only <mark> is markup", async () => {
    const fresh = await createTestOrg(t.db, { seed: true });
    const seedClaim = (await request(t.app).get("/v1/claims?limit=1&q=Siberia").set(auth(fresh.keys.viewer)).expect(200)).body.data[0];
    const [quote, pos] = seedClaim.anchor.selectors;
    await request(t.app)
      .post("/v1/claims")
      .set(auth(fresh.keys.fact_checker))
      .send({
        statement: `Putin wrote <b onclick="steal()">alert</b> & <img src=x onerror=pipeline()> about 'the "pipeline"'`,
        kind: "quote",
        fidelity: "verbatim",
        anchor: { articleId: seedClaim.anchor.articleId, exact: quote.exact, start: pos.start, end: pos.end },
        chain: [{ source: { id: seedClaim.chain[0].source.id }, role: "speaker", speechAct: "asserts" }],
      })
      .expect(201);
    const res = await request(t.app).get("/v1/claims?q=alert").set(auth(fresh.keys.viewer)).expect(200);
    expect(res.body.data).toHaveLength(1);
    const snippet = res.body.data[0].search.snippet as string;
    expect(snippet).toContain("<mark>alert</mark>");
    // ts_headline drops what its parser takes for a tag; whatever text remains is escaped.
    // (A fragment ends at a word: the quotes after the last word are not part of it.)
    expect(snippet).toContain("&amp; &lt;img src=x onerror=pipeline()&gt; about &#39;the &quot;pipeline");
    expect(snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>"']/);
  });

  it("matches `assignee=me` to the signed-in user (sessions are another feature: the use case is called with a user actor)", async () => {
    const asUser = { organizationId: org.id, role: "viewer" as const, scopes: [], actor: { type: "user" as const, id: userId } };
    const page = await listClaimPage(t.db, asUser, listClaimsQuerySchema.parse({ assignee: "me" }));
    expect(page.items.map((i) => (JSON.parse(i.claim.json) as { externalId: string }).externalId)).toEqual([seedKey("nato-china-decisive-enabler")]);
  });

  it("treats a query of stop words only as matching nothing, and rejects an overlong q with 400", async () => {
    expect(await list("q=the")).toEqual([]);
    await request(t.app).get(`/v1/claims?q=${"a".repeat(501)}`).set(auth(org.keys.viewer)).expect(400);
  });
});
