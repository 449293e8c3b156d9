/**
 * Appearances of imported ClaimReviews: each URL is recorded once per claim
 * (claim_external_appearances), shown on the claim as `externalAppearances`, and listed in
 * the ClaimReview we publish, where the earliest dated one can be the firstAppearance.
 */
import request from "supertest";
import { presentClaim } from "../../src/claims/claim-presenter";
import { claimInclude, findClaims } from "../../src/claims/claim-queries";
import { newId } from "../../src/lib/ids";
import { configureOrganization, loadSchemaOrgClasses, publishClaim, schemaViolations } from "../support/claimreview-fixtures";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { auth } from "../support/verification-fixtures";

let t: TestApp;
let org: TestOrg;
const classes = loadSchemaOrgClasses();

beforeAll(async () => {
  t = await startTestApp("claimreview-appearances");
  org = await createTestOrg(t.db, { seed: true });
  await configureOrganization(t.app, org, { factCheckUrlTemplate: "https://news.example/fact-checks/{claimId}" });
}, 120_000);
afterAll(() => t.close());

type Node = Record<string, unknown>;
type Outcome = { status: string; claimId: string | null; warnings: string[] };

const importOne = async (body: object): Promise<Outcome> =>
  ((await request(t.app).post("/v1/import/claimreview").set(auth(org.keys.fact_checker)).send(body).expect(200)).body.data as Outcome[])[0]!;
const readClaim = async (id: string) => (await request(t.app).get(`/v1/claims/${id}`).set(auth(org.keys.viewer)).expect(200)).body as Node;

const review = (itemReviewed: object, extra: object = {}) => ({
  "@type": "ClaimReview",
  url: "https://checker.example/reviews/bridge",
  claimReviewed: "The bridge cost twice the budget.",
  author: { "@type": "Organization", name: "Checker" },
  reviewRating: { "@type": "Rating", alternateName: "False" },
  inLanguage: "en",
  itemReviewed: { "@type": "Claim", author: { "@type": "Person", name: "Bridge Speaker" }, ...itemReviewed },
  ...extra,
});

describe("external appearances of an imported ClaimReview", () => {
  it("records each URL once, with its title, date and language, and a second import adds and updates without duplicating", async () => {
    const first = await importOne(
      review({
        datePublished: "2024-03-01",
        firstAppearance: { "@type": "CreativeWork", url: "https://tv.example/interview", headline: "The interview" },
        appearance: [
          { "@type": "CreativeWork", url: "https://tv.example/interview", headline: "The interview, again" },
          { "@type": "CreativeWork", url: "https://paper.example/b", headline: "Paper B", datePublished: "2024-03-05", inLanguage: "de" },
          "https://paper.example/a",
        ],
      }),
    );
    expect(first.status).toBe("created");
    const id = first.claimId!;
    // Dated first (earliest first), undated last, then by URL; the claim's date goes to its first appearance.
    expect((await readClaim(id)).externalAppearances).toEqual([
      { url: "https://tv.example/interview", title: "The interview", datePublished: "2024-03-01T00:00:00.000Z", inLanguage: "en" },
      { url: "https://paper.example/b", title: "Paper B", datePublished: "2024-03-05T00:00:00.000Z", inLanguage: "de" },
      { url: "https://paper.example/a", title: null, datePublished: null, inLanguage: "en" },
    ]);

    const second = await importOne(
      review({
        appearance: [
          { "@type": "CreativeWork", url: "https://paper.example/a", headline: "Paper A", datePublished: "2024-02-20" },
          { "@type": "CreativeWork", url: "https://radio.example/c" },
        ],
      }),
    );
    expect(second).toMatchObject({ status: "updated", claimId: id });
    const after = await readClaim(id);
    expect(after.externalAppearances).toEqual([
      { url: "https://paper.example/a", title: "Paper A", datePublished: "2024-02-20T00:00:00.000Z", inLanguage: "en" },
      { url: "https://tv.example/interview", title: "The interview", datePublished: "2024-03-01T00:00:00.000Z", inLanguage: "en" },
      { url: "https://paper.example/b", title: "Paper B", datePublished: "2024-03-05T00:00:00.000Z", inLanguage: "de" },
      { url: "https://radio.example/c", title: null, datePublished: null, inLanguage: "en" },
    ]);
    expect(await t.db.prisma.claimExternalAppearance.count({ where: { organizationId: org.id, claimId: id } })).toBe(4);
    // Not evidence any more: the verdict's evidence is the review itself.
    expect((after.verdicts as { content: { evidence: Array<{ url: string }> } }).content.evidence.map((e) => e.url)).toEqual(["https://checker.example/reviews/bridge"]);
    // The import's events say what was recorded.
    const event = await t.db.prisma.event.findFirstOrThrow({ where: { organizationId: org.id, claimId: id, action: "claim.updated" }, orderBy: { seq: "desc" } });
    expect((event.after as { externalAppearances: Array<{ url: string }> }).externalAppearances.map((a) => a.url)).toEqual(["https://paper.example/a", "https://radio.example/c"]);
  });

  it("renders them in PostgreSQL exactly as presentClaim does, and loads them as Prisma's include does", async () => {
    const out = await importOne(
      review(
        { datePublished: "10/11/2023", appearance: [{ url: "https://z.example/1", headline: "Z" }, { url: "https://m.example/2", datePublished: "2023-11-01T10:20:30.456Z" }, "https://a.example/3"] },
        { url: "https://checker.example/reviews/render" },
      ),
    );
    const viaPrisma = await t.db.prisma.claim.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: out.claimId! } }, include: claimInclude });
    const [viaSql] = await findClaims(t.db.prisma, org.id, [out.claimId!]);
    expect(viaSql!.externalAppearances).toEqual(viaPrisma.externalAppearances);
    expect(viaSql!.externalAppearances[0]!.datePublished).toBeInstanceOf(Date);
    const served = await readClaim(out.claimId!);
    expect(served).toEqual(JSON.parse(JSON.stringify(presentClaim(viaSql!))));
    expect((served.externalAppearances as Array<{ url: string }>).map((a) => a.url)).toEqual(["https://m.example/2", "https://a.example/3", "https://z.example/1"]);
  });

  it("shows an empty list on claims that have none", async () => {
    const seedClaim = await t.db.prisma.claim.findFirstOrThrow({ where: { organizationId: org.id, NOT: { externalId: { startsWith: "claimreview:" } } }, select: { id: true } });
    expect((await readClaim(seedClaim.id)).externalAppearances).toEqual([]);
  });
});

describe("external appearances in the published ClaimReview", () => {
  const xiClaim = () => t.db.prisma.claim.findFirstOrThrow({ where: { organizationId: org.id, statement: { startsWith: "Xi Jinping declared" } }, select: { id: true } });
  const addExternal = (claimId: string, url: string, datePublished: Date | null, title: string | null = null) =>
    t.db.prisma.claimExternalAppearance.create({ data: { organizationId: org.id, id: newId(), claimId, url, title, datePublished, inLanguage: "ru" } });

  it("lists them after the articles and takes the earliest dated one as firstAppearance when it predates the articles", async () => {
    const { id } = await xiClaim();
    await publishClaim(t.app, org, id);
    const itemOf = async () => ((await request(t.app).get(`/v1/claims/${id}/claimreview`).set(auth(org.keys.viewer)).expect(200)).body as Node).itemReviewed as Node;

    // Later than the article (2025-01-21T11:32Z) and undated: the article stays first.
    await addExternal(id, "https://kremlin.example/later", new Date("2025-01-22T08:00:00.000Z"), "Kremlin readout");
    await addExternal(id, "https://tass.example/undated", null);
    let item = await itemOf();
    expect((item.firstAppearance as Node).url).toEqual(expect.stringContaining("kyivindependent.com"));
    expect(item.datePublished).toBe("2025-01-21T11:32:00.000Z");
    expect((item.appearance as Node[]).map((a) => a.url)).toEqual([expect.stringContaining("kyivindependent.com"), "https://kremlin.example/later", "https://tass.example/undated"]);
    expect((item.appearance as Node[])[1]).toEqual({ "@type": "CreativeWork", url: "https://kremlin.example/later", headline: "Kremlin readout", datePublished: "2025-01-22T08:00:00.000Z", inLanguage: "ru" });

    // Earlier than the article: it is where the claim first appeared.
    await addExternal(id, "https://kremlin.example/first", new Date("2025-01-21T09:00:00.000Z"), "Kremlin first");
    item = await itemOf();
    expect(item.firstAppearance).toEqual({ "@type": "CreativeWork", url: "https://kremlin.example/first", headline: "Kremlin first", datePublished: "2025-01-21T09:00:00.000Z", inLanguage: "ru" });
    expect(item.datePublished).toBe("2025-01-21T09:00:00.000Z");
    expect((item.appearance as Node[]).map((a) => a.url)).toEqual(["https://kremlin.example/first", expect.stringContaining("kyivindependent.com"), "https://kremlin.example/later", "https://tass.example/undated"]);
    const review = (await request(t.app).get(`/v1/claims/${id}/claimreview`).set(auth(org.keys.viewer)).expect(200)).body as Node;
    expect(schemaViolations(review, classes)).toEqual([]);
  });

  it("gives an imported, then published claim its imported appearances", async () => {
    const out = await importOne(review({ datePublished: "2024-01-02", appearance: { url: "https://only.example/seen", headline: "Seen" } }, { url: "https://checker.example/reviews/published" }));
    await publishClaim(t.app, org, out.claimId!);
    const item = ((await request(t.app).get(`/v1/claims/${out.claimId}/claimreview`).set(auth(org.keys.viewer)).expect(200)).body as Node).itemReviewed as Node;
    const seen = { "@type": "CreativeWork", url: "https://only.example/seen", headline: "Seen", datePublished: "2024-01-02T00:00:00.000Z", inLanguage: "en" };
    expect(item).toMatchObject({ appearance: [seen], firstAppearance: seen, datePublished: "2024-01-02T00:00:00.000Z" });
  });
});
