import request from "supertest";
import { configureOrganization, loadGoogleRequirements, loadSchemaOrgClasses, publishClaim, schemaViolations } from "../support/claimreview-fixtures";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { auth, createClaim } from "../support/verification-fixtures";

let t: TestApp;
let org: TestOrg;
let seedClaims: Array<{ id: string; statement: string }>;
const classes = loadSchemaOrgClasses();
const google = loadGoogleRequirements();
const template = "https://news.example/fact-checks/{claimId}";

type Node = Record<string, unknown>;

beforeAll(async () => {
  t = await startTestApp("claimreview-out");
  org = await createTestOrg(t.db, { seed: true });
  await configureOrganization(t.app, org, { factCheckUrlTemplate: template });
  seedClaims = await t.db.prisma.claim.findMany({ where: { organizationId: org.id }, select: { id: true, statement: true }, orderBy: { id: "asc" } });
  for (const c of seedClaims) await publishClaim(t.app, org, c.id);
}, 300_000); // 15 claims published through the API: slow on a busy machine
afterAll(() => t.close());

const get = (claimId: string, key: string) => request(t.app).get(`/v1/claims/${claimId}/claimreview`).set(auth(key));

function googleMissing(review: Node): string[] {
  const missing: string[] = [];
  const need = (node: Node | undefined, type: string, where: string) => {
    for (const f of [...Object.keys(google[type]?.required ?? {}), ...Object.keys(google[type]?.recommended ?? {})]) {
      // Claim: "add appearance or firstAppearance, not necessarily both" — we give both anyway.
      if (node?.[f] === undefined || node[f] === null || node[f] === "") missing.push(`${where}.${f}`);
    }
  };
  need(review, "ClaimReview", "$");
  need(review.itemReviewed as Node, "Claim", "$.itemReviewed");
  const rating = review.reviewRating as Node;
  need(rating, "Rating", "$.reviewRating");
  return missing.filter((m) => m !== "$.reviewRating.name"); // name: only "when alternateName is absent"
}

describe("GET /v1/claims/:id/claimreview", () => {
  it("gives every published seed claim Google's required and recommended fields and only schema.org properties", async () => {
    expect(seedClaims).toHaveLength(15);
    for (const c of seedClaims) {
      const res = await get(c.id, org.keys.viewer).expect(200);
      expect(res.headers["content-type"]).toMatch(/^application\/ld\+json/);
      const review = res.body as Node;
      expect(schemaViolations(review, classes)).toEqual([]);
      expect(googleMissing(review)).toEqual([]);
      expect(googleMissing(review.associatedClaimReview as Node)).toEqual([]);
      expect(review).toMatchObject({ "@context": "https://schema.org", "@type": "ClaimReview", claimReviewed: c.statement, url: `https://news.example/fact-checks/${c.id}` });
      expect(review.author).toEqual({ "@type": "Organization", name: `Test ${org.slug}`, url: "https://news.example" });
      const rating = review.reviewRating as Node;
      expect(rating).toEqual({ "@type": "Rating", alternateName: "Mostly true", ratingValue: 4, bestRating: 5, worstRating: 1 });
      expect(Number(rating.bestRating)).toBeGreaterThan(Number(rating.worstRating));
      expect(Number(rating.worstRating)).toBeGreaterThanOrEqual(1);
    }
  });

  it("describes the speaker with Wikidata, the article appearances and the chain of the Xi claim", async () => {
    const xi = seedClaims.find((c) => c.statement.startsWith("Xi Jinping declared"));
    const review = (await get(xi!.id, org.keys.viewer).expect(200)).body as Node;
    const claim = review.itemReviewed as Node;
    expect(claim.author).toEqual({ "@type": "Person", name: "Xi Jinping", sameAs: "https://www.wikidata.org/wiki/Q15031" });
    const first = claim.firstAppearance as Node;
    expect(first).toMatchObject({ "@type": "CreativeWork", url: expect.stringContaining("kyivindependent.com"), headline: expect.stringContaining("Xi declares"), datePublished: "2025-01-21T11:32:00.000Z" });
    expect(claim.appearance).toEqual([first]);
    expect(claim.datePublished).toBe("2025-01-21T11:32:00.000Z");
    expect(review.reviewBody).toContain("Chain: Xi Jinping (declared) → Kremlin press service (reported) → The Kyiv Independent.");
    const attribution = review.associatedClaimReview as Node;
    expect(attribution).toMatchObject({
      "@type": "ClaimReview",
      claimReviewed: `Xi Jinping said: ${xi!.statement}`,
      url: `https://news.example/fact-checks/${xi!.id}#attribution`,
      reviewRating: { "@type": "Rating", alternateName: "Accurate", ratingValue: 5, bestRating: 5, worstRating: 1 },
    });
  });

  it("gives a label without a value only its alternateName", async () => {
    const id = await createClaim(t.db, org.id, { statement: "Unrated numbers were quoted." });
    await publishClaim(t.app, org, id, { content: "unproven", attribution: "unverifiable" });
    const review = (await get(id, org.keys.viewer).expect(200)).body as Node;
    expect(review.reviewRating).toEqual({ "@type": "Rating", alternateName: "Unproven" });
    expect((review.associatedClaimReview as Node).reviewRating).toEqual({ "@type": "Rating", alternateName: "Unverifiable" });
    expect(schemaViolations(review, classes)).toEqual([]);
  });

  it("shifts a custom scale that starts below 1 onto 1..N, since Google wants worstRating of at least 1", async () => {
    const o = await createTestOrg(t.db);
    await configureOrganization(t.app, o, { factCheckUrlTemplate: template });
    const scales = (await request(t.app).get("/v1/rating-scales").set(auth(o.keys.viewer)).expect(200)).body.data as Array<{ kind: string; etag: string }>;
    const label = (key: string, value: number | null) => ({ key, label: key.replace("_", " "), colour: "#123456", value });
    await request(t.app)
      .put("/v1/rating-scales/content")
      .set(auth(o.keys.admin))
      .set("If-Match", scales.find((s) => s.kind === "content")!.etag)
      .send({ labels: [label("true", 2), label("mostly_true", 1), label("half_true", 0), label("mostly_false", -1), label("false", -2), label("unproven", null)] })
      .expect(200);
    const rated = async (content: string) => {
      const id = await createClaim(t.db, o.id, { statement: `Rated ${content} on a custom scale.` });
      await publishClaim(t.app, o, id, { content });
      return ((await get(id, o.keys.viewer).expect(200)).body as Node).reviewRating;
    };
    // Same steps, same order: -2..2 becomes 1..5.
    expect(await rated("false")).toEqual({ "@type": "Rating", alternateName: "false", ratingValue: 1, bestRating: 5, worstRating: 1 });
    expect(await rated("half_true")).toEqual({ "@type": "Rating", alternateName: "half true", ratingValue: 3, bestRating: 5, worstRating: 1 });
    expect(await rated("true")).toEqual({ "@type": "Rating", alternateName: "true", ratingValue: 5, bestRating: 5, worstRating: 1 });
    expect(await rated("unproven")).toEqual({ "@type": "Rating", alternateName: "unproven" });
  });

  it("answers 409 claim_not_published for a claim that is not published", async () => {
    const id = await createClaim(t.db, org.id);
    const res = await get(id, org.keys.viewer).expect(409);
    expect(res.body).toMatchObject({ code: "claim_not_published", status: 409 });
  });

  it("answers 409 fact_check_url_not_configured when the organization has no fact-check URL", async () => {
    const bare = await createTestOrg(t.db);
    const id = await createClaim(t.db, bare.id);
    await publishClaim(t.app, bare, id);
    const res = await get(id, bare.keys.viewer).expect(409);
    expect(res.body.code).toBe("fact_check_url_not_configured");
  });

  it("answers 404 for another organization's claim and for a malformed id, and 401 without a key", async () => {
    const other = await createTestOrg(t.db);
    expect((await get(seedClaims[0]!.id, other.keys.admin).expect(404)).body.code).toBe("not_found");
    await get("not-a-uuid", org.keys.viewer).expect(404);
    await request(t.app).get(`/v1/claims/${seedClaims[0]!.id}/claimreview`).expect(401);
  });
});

describe("GET /v1/claims/:id/embed", () => {
  it("renders an accessible card with escaped user text and JSON-LD that cannot break out of its script", async () => {
    const nasty = `He said "</script><script>alert(1)</script>" & <b>left</b>`;
    const id = await createClaim(t.db, org.id, { statement: nasty });
    await publishClaim(t.app, org, id, { content: "false" });
    const res = await request(t.app).get(`/v1/claims/${id}/embed`).set(auth(org.keys.viewer)).expect(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    const html = res.text;
    expect(html).toContain("He said &quot;&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; &lt;b&gt;left&lt;/b&gt;");
    expect(html).toMatch(/<span class="ct-verdict-kind">Is it true:<\/span> <strong[^>]*>False<\/strong>/);
    expect(html).toMatch(/<span class="ct-verdict-kind">Who said it:<\/span> <strong[^>]*>Accurate<\/strong>/);
    expect(html).toContain(`<a href="https://news.example/fact-checks/${id}">`);
    expect(html).toContain('aria-labelledby="');
    // Exactly one script element, and its JSON is the ClaimReview.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    expect(json).not.toContain("<");
    const ld = JSON.parse(json) as Node;
    expect(ld.claimReviewed).toBe(nasty);
    expect(schemaViolations(ld, classes)).toEqual([]);
  });

  it("answers 409 for an unpublished claim and 404 for another organization's", async () => {
    const id = await createClaim(t.db, org.id);
    expect((await request(t.app).get(`/v1/claims/${id}/embed`).set(auth(org.keys.viewer)).expect(409)).body.code).toBe("claim_not_published");
    const other = await createTestOrg(t.db);
    await request(t.app).get(`/v1/claims/${id}/embed`).set(auth(other.keys.viewer)).expect(404);
  });
});
