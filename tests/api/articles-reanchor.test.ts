import request from "supertest";
import { readSeed } from "../../src/seed/seed-file";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";

let t: TestApp;
const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const serverIt = usingServer() ? it : it.skip;
const { seed, text: seedText } = readSeed();

interface ArticleClaim {
  claimId: string;
  anchorStatus: "anchored" | "anchor_lost";
  span: { start: number; end: number; exact: string } | null;
  quote: string;
  lastGoodRevisionNumber: number;
}
interface ClaimBody {
  externalId: string;
  version: number;
  anchor: { status: string; revisionNumber: number; lastGoodRevisionNumber: number; selectors: [{ exact: string; prefix: string; suffix: string }, { start: number; end: number }] };
  chain: Array<{ cue: string | null; cueSpan: { start: number; end: number } | null }>;
}

async function seedArticle(org: TestOrg): Promise<string> {
  const res = await request(t.app).get(`/v1/articles?externalId=${encodeURIComponent(seed.article.externalId ?? "")}`).set(auth(org.keys.viewer)).expect(200);
  return res.body.data[0].id as string;
}

const patchText = (org: TestOrg, id: string, etag: string, text: string) =>
  request(t.app).patch(`/v1/articles/${id}`).set(auth(org.keys.fact_checker)).set("If-Match", etag).send({ text });

beforeAll(async () => {
  t = await startTestApp("articles-reanchor");
}, 120_000);
afterAll(() => t.close());

describe("re-anchoring the seed article's claims on a new revision", () => {
  const removedSentence = "The call took place shortly after the inauguration of U.S. President Donald Trump.\n";
  const intro = "Editor's note: this article was updated on Jan. 22 with more background.\n";
  const edited = intro + seedText.replace(removedSentence, "").replace("a 7% increase in trade between", "a 7% increase in commerce between");
  const lostKeys = ["call-after-trump-inauguration", "putin-trade-up-7-percent-220bn"];
  let org: TestOrg;
  let articleId: string;

  beforeAll(async () => {
    org = await createTestOrg(t.db, { seed: true });
    articleId = await seedArticle(org);
  }, 120_000);

  it("keeps the spans of surviving quotes exact and flags the others anchor_lost", async () => {
    expect(edited).not.toBe(seedText);
    const res = await patchText(org, articleId, '"1"', edited).expect(200);
    expect(res.body.revision.number).toBe(2);

    const article = await request(t.app).get(`/v1/articles/${articleId}`).set(auth(org.keys.viewer)).expect(200);
    expect(article.body.text).toBe(edited);
    const claims = article.body.claims as ArticleClaim[];
    expect(claims).toHaveLength(seed.claims.length);

    const all = await request(t.app).get("/v1/claims?limit=200").set(auth(org.keys.viewer)).expect(200);
    const byKey = new Map((all.body.data as Array<ClaimBody & { id: string }>).map((c) => [c.externalId.replace(/^seed:/, ""), c]));
    for (const s of seed.claims) {
      const claim = byKey.get(s.key);
      if (!claim) throw new Error(`seed claim ${s.key} missing`);
      const inArticle = claims.find((c) => c.claimId === claim.id);
      // Its anchor changed, so its ETag did: a stale copy cannot write old offsets back.
      expect({ key: s.key, version: claim.version }).toEqual({ key: s.key, version: 2 });
      const [quote, position] = claim.anchor.selectors;
      if (lostKeys.includes(s.key)) {
        expect({ key: s.key, status: inArticle?.anchorStatus, span: inArticle?.span }).toEqual({ key: s.key, status: "anchor_lost", span: null });
        // Never moved silently: the anchor still points at revision 1, where the quote is.
        expect(claim.anchor).toMatchObject({ status: "anchor_lost", revisionNumber: 1, lastGoodRevisionNumber: 1 });
        expect(position).toMatchObject({ start: s.anchor.start, end: s.anchor.end });
        expect(seedText.slice(position.start, position.end)).toBe(quote.exact);
        continue;
      }
      expect({ key: s.key, status: inArticle?.anchorStatus }).toEqual({ key: s.key, status: "anchored" });
      expect(claim.anchor).toMatchObject({ status: "anchored", revisionNumber: 2, lastGoodRevisionNumber: 2 });
      expect(edited.slice(position.start, position.end)).toBe(s.anchor.exact);
      expect(inArticle?.span).toEqual({ start: position.start, end: position.end, exact: s.anchor.exact });
      expect(edited.slice(position.start - quote.prefix.length, position.start)).toBe(quote.prefix);
      expect(edited.slice(position.end, position.end + quote.suffix.length)).toBe(quote.suffix);
      // The chain's cue spans moved with the quote.
      for (const link of claim.chain) {
        if (link.cue !== null && link.cueSpan) expect(edited.slice(link.cueSpan.start, link.cueSpan.end)).toBe(link.cue);
      }
    }

    const events = await t.db.prisma.event.groupBy({ by: ["action"], where: { organizationId: org.id, action: { in: ["article.revised", "claim.reanchored", "claim.anchor_lost"] } }, _count: true });
    expect(Object.fromEntries(events.map((e) => [e.action, e._count]))).toEqual({
      "article.revised": 1,
      "claim.reanchored": seed.claims.length - lostKeys.length,
      "claim.anchor_lost": lostKeys.length,
    });
  });

  it("re-anchors a lost claim when a later revision brings its quote back", async () => {
    const restored = edited.replace("a 7% increase in commerce between", "a 7% increase in trade between");
    await patchText(org, articleId, '"2"', restored).expect(200);
    const article = await request(t.app).get(`/v1/articles/${articleId}`).set(auth(org.keys.viewer)).expect(200);
    const quote = seed.claims.find((c) => c.key === "putin-trade-up-7-percent-220bn")!.anchor.exact;
    const back = (article.body.claims as ArticleClaim[]).find((c) => c.quote === quote);
    expect(back).toMatchObject({ anchorStatus: "anchored", lastGoodRevisionNumber: 3, span: { exact: quote } });
    expect(restored.slice(back!.span!.start, back!.span!.end)).toBe(quote);
    const stillLost = (article.body.claims as ArticleClaim[]).find((c) => c.quote.startsWith("The call took place"));
    expect(stillLost).toMatchObject({ anchorStatus: "anchor_lost", span: null, lastGoodRevisionNumber: 1 });
    // Still lost is not a change: one anchor_lost event for it, from revision 2.
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id, claimId: stillLost!.claimId, action: "claim.anchor_lost" } })).toBe(1);
  });

  it("adds no revision and re-anchors nothing when the same text is sent again", async () => {
    const current = await request(t.app).get(`/v1/articles/${articleId}`).set(auth(org.keys.viewer)).expect(200);
    const before = await t.db.prisma.event.count({ where: { organizationId: org.id } });
    const res = await patchText(org, articleId, current.headers.etag as string, current.body.text as string).expect(200);
    expect(res.body.revision.number).toBe(current.body.revision.number);
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id } })).toBe(before);
  });
});

describe("concurrent revisions", () => {
  let org: TestOrg;
  let articleId: string;

  beforeAll(async () => {
    if (!usingServer()) return;
    org = await createTestOrg(t.db, { seed: true });
    articleId = await seedArticle(org);
  }, 120_000);

  serverIt("ten PATCHes of the text with the same If-Match make exactly one new revision; the rest get 412", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => patchText(org, articleId, '"1"', `Version ${i}. ${seedText}`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(9).fill(412)]);
    const revisions = await t.db.prisma.articleRevision.findMany({ where: { organizationId: org.id, articleId }, select: { number: true } });
    expect(revisions.map((r) => r.number).sort()).toEqual([1, 2]);
    const winner = results.find((r) => r.status === 200)!;
    const article = await request(t.app).get(`/v1/articles/${articleId}`).set(auth(org.keys.viewer)).expect(200);
    expect(article.body.revision.textHash).toBe(winner.body.revision.textHash);
    expect(article.body.claims.every((c: ArticleClaim) => c.anchorStatus === "anchored" && c.span !== null)).toBe(true);
    expect(await t.db.prisma.event.count({ where: { organizationId: org.id, action: "article.revised" } })).toBe(1);
  }, 60_000);
});
