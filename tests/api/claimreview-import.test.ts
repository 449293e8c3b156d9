import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";
import { auth } from "../support/verification-fixtures";

// The embedded database serialises everything; races need the server.
const serverIt = usingServer() ? it : it.skip;

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await startTestApp("claimreview-import");
  org = await createTestOrg(t.db);
});
afterAll(() => t.close());

type Outcome = { index: number; status: string; claimId: string | null; url: string | null; warnings: string[]; error: { code: string; message: string } | null };

const post = (body: unknown, key = org.keys.fact_checker) => request(t.app).post("/v1/import/claimreview").set(auth(key)).send(body as object);
const one = async (body: unknown): Promise<Outcome> => {
  const res = await post(body).expect(200);
  return (res.body.data as Outcome[])[0]!;
};
const claim = (id: string) => request(t.app).get(`/v1/claims/${id}`).set(auth(org.keys.viewer)).expect(200).then((r) => r.body as Record<string, any>);

const politifact = (overrides: Record<string, unknown> = {}) => ({
  "@context": "https://schema.org",
  "@type": "ClaimReview",
  url: "https://www.politifact.example/factchecks/2024/may/16/jane-doe/crime-doubled/",
  claimReviewed: "Crime doubled in the city last year.",
  datePublished: "2024-05-16",
  author: { "@type": "Organization", name: "PolitiFact", url: "https://www.politifact.example" },
  reviewRating: { "@type": "Rating", ratingValue: 2, bestRating: 6, worstRating: 1, alternateName: "False" },
  itemReviewed: {
    "@type": "Claim",
    author: { "@type": "Person", name: "Jane Doe", sameAs: ["https://www.wikidata.org/wiki/Q4115189"] },
    datePublished: "2024-05-10",
    appearance: [{ "@type": "CreativeWork", url: "https://news.example/jane-doe-speech", headline: "Jane Doe's speech" }],
  },
  ...overrides,
});

describe("POST /v1/import/claimreview", () => {
  it("records a ClaimReview as a claim with the speaker, a content verdict by the external fact-checker and its appearances", async () => {
    const out = await one(politifact());
    expect(out).toMatchObject({ index: 0, status: "created", warnings: [], error: null, url: "https://www.politifact.example/factchecks/2024/may/16/jane-doe/crime-doubled/" });
    const c = await claim(out.claimId!);
    expect(c).toMatchObject({ statement: "Crime doubled in the city last year.", status: "new", externalId: `claimreview:${out.url}` });
    expect(c.chain).toEqual([expect.objectContaining({ position: 0, role: "speaker", source: expect.objectContaining({ name: "Jane Doe", type: "person", wikidataId: "Q4115189" }) })]);
    expect(c.verdicts.attribution).toBeNull();
    expect(c.verdicts.content).toMatchObject({ rating: { key: "false" }, reviewer: { type: "system" } });
    expect(c.verdicts.content.rationale).toContain("PolitiFact");
    expect(c.verdicts.content.evidence.map((e: { url: string }) => e.url)).toEqual([out.url]);
    // The appearance is recorded as such (by URL), dated by itemReviewed.datePublished.
    expect(c.externalAppearances).toEqual([{ url: "https://news.example/jane-doe-speech", title: "Jane Doe's speech", datePublished: "2024-05-10T00:00:00.000Z", inLanguage: null }]);
    const reviewer = await t.db.prisma.source.findFirstOrThrow({ where: { organizationId: org.id, id: c.verdicts.content.reviewer.id } });
    expect(reviewer).toMatchObject({ name: "PolitiFact", type: "publication" });
  });

  it("updates the same claim when the same review URL is imported again, and reuses the sources", async () => {
    const url = "https://factcheck.example/2024/again";
    const first = await one(politifact({ url }));
    const sourcesBefore = await t.db.prisma.source.count({ where: { organizationId: org.id } });
    const second = await one(politifact({ url, claimReviewed: "Crime doubled last year.", reviewRating: { "@type": "Rating", alternateName: "Mostly False" } }));
    expect(second).toMatchObject({ status: "updated", claimId: first.claimId });
    const c = await claim(first.claimId!);
    expect(c).toMatchObject({ statement: "Crime doubled last year.", version: 2, verdicts: { content: { rating: { key: "mostly_false" } } } });
    expect(await t.db.prisma.source.count({ where: { organizationId: org.id } })).toBe(sourcesBefore);
    expect(await t.db.prisma.claim.count({ where: { organizationId: org.id, externalId: `claimreview:${url}` } })).toBe(1);
  });

  it("imports each irregularity of real markup with a warning", async () => {
    const base = (n: number) => ({ "@type": "ClaimReview", url: `https://irregular.example/${n}`, claimReviewed: `Irregular claim ${n}.`, author: { "@type": "Organization", name: "AFP Factuel" } });
    const res = await post([
      { ...base(1), claimReviewed: ["First version of the claim.", "Second version"], reviewRating: { alternateName: "Faux" } },
      { ...base(2), reviewRating: { "@type": "Rating", ratingValue: "2", bestRating: "5", worstRating: "1" } },
      { ...base(3), itemReviewed: { "@type": "CreativeWork", url: "https://video.example/v/1", author: { "@type": "Person", name: "Some Speaker" } }, reviewRating: { alternateName: "Engañoso" } },
      { ...base(4), author: "Full Fact", itemReviewed: { "@type": "Claim", author: "Boris Someone" }, reviewRating: { alternateName: "Incorrect. The figures show a 3% fall, not a rise." } },
      { ...base(5) },
      { ...base(6), reviewRating: { alternateName: "Pants on Fire!" }, datePublished: "May 16, 2024", itemReviewed: { "@type": "Claim", datePublished: "16/05/2024" } },
      { ...base(7), reviewRating: { alternateName: "Blorf" }, datePublished: "16 mai 2024", itemReviewed: { "@type": "Claim", datePublished: "someday" } },
      { ...base(8), inLanguage: "es", claimReviewed: "El crimen se duplicó.", reviewRating: { alternateName: "Falso", ratingValue: "1" } },
    ]).expect(200);
    const data = res.body.data as Outcome[];
    expect(data.map((d) => d.status)).toEqual(Array(8).fill("created"));
    const rating = async (i: number) => (await claim(data[i]!.claimId!)).verdicts.content.rating.key;
    expect(await rating(0)).toBe("false");
    expect(data[0]!.warnings.join(" ")).toMatch(/claimReviewed has 2 values/);
    expect((await claim(data[0]!.claimId!)).statement).toBe("First version of the claim.");
    expect(await rating(1)).toBe("mostly_false");
    expect(data[1]!.warnings.join(" ")).toMatch(/ratingValue/);
    expect(await rating(2)).toBe("misleading");
    expect(data[2]!.warnings.join(" ")).toMatch(/itemReviewed is a CreativeWork/);
    const c3 = await claim(data[2]!.claimId!);
    expect(c3.chain[0].source.name).toBe("Some Speaker");
    expect(c3.externalAppearances.map((e: { url: string }) => e.url)).toEqual(["https://video.example/v/1"]);
    expect(await rating(3)).toBe("false");
    expect(data[3]!.warnings.join(" ")).toMatch(/plain name \("Boris Someone"\)/);
    expect(await rating(4)).toBe("unproven");
    expect(data[4]!.warnings.join(" ")).toMatch(/no reviewRating/);
    expect(await rating(5)).toBe("false");
    expect(data[5]!.warnings.join(" ")).not.toMatch(/not a date|ambiguous/);
    expect((await claim(data[5]!.claimId!)).verdicts.content.rationale).toContain("on 2024-05-16");
    expect(await rating(6)).toBe("unproven");
    expect(data[6]!.warnings.join(" ")).toMatch(/"Blorf" matches no label/);
    expect(data[6]!.warnings.join(" ")).toMatch(/"someday" is not a date/);
    expect(await rating(7)).toBe("false");
  });

  it("reads a @graph, ignores its other nodes and rejects what it cannot record, each with a precise reason", async () => {
    const res = await post([
      { "@context": "https://schema.org", "@graph": [{ "@type": "WebPage", url: "https://x.example/page" }, politifact({ url: "https://graph.example/1" })] },
      "just a string",
      { "@type": "Article", url: "https://x.example/a", claimReviewed: "x" },
      { "@type": "ClaimReview", claimReviewed: "No URL here." },
      { "@type": "ClaimReview", url: "ftp://x.example/a", claimReviewed: "Bad URL." },
      { "@type": "ClaimReview", url: "https://x.example/empty", claimReviewed: ["", "  "] },
    ]).expect(200);
    const data = res.body.data as Outcome[];
    expect(data.map((d) => [d.status, d.error?.code ?? null])).toEqual([
      ["created", null],
      ["rejected", "not_an_object"],
      ["rejected", "not_a_claimreview"],
      ["rejected", "missing_url"],
      ["rejected", "missing_url"],
      ["rejected", "missing_claim_reviewed"],
    ]);
    expect(res.body.summary).toEqual({ created: 1, updated: 0, rejected: 5 });
    expect(await t.db.prisma.claim.count({ where: { organizationId: org.id, externalId: "claimreview:https://x.example/empty" } })).toBe(0);
  });

  it("never answers 500 for odd shapes of real-world markup", async () => {
    const odd: unknown[] = [
      null, 42, [], [[politifact({ url: "https://odd.example/nested" })]],
      { "@type": ["ClaimReview", "CreativeWork"], url: { "@id": "https://odd.example/1" }, claimReviewed: { "@value": "Typed value claim." }, reviewRating: "Mostly True" },
      { "@type": "schema:ClaimReview", url: "https://odd.example/2", claimReviewed: 12345, reviewRating: { ratingValue: "abc", bestRating: "x" }, author: [null, 3, { name: "" }] },
      { "@type": "ClaimReview", url: "https://odd.example/3", claimReviewed: "Odd dates.", datePublished: 1715817600, itemReviewed: { "@type": "Claim", datePublished: "31/02/2024", appearance: ["not a url", { url: 5 }], author: { name: ["A", "B"] } } },
      { "@type": "ClaimReview", url: "https://odd.example/4", claimReviewed: "x".repeat(2001) },
      { "@type": "ClaimReview", url: "https://odd.example/5", claimReviewed: "Rated out of range.", reviewRating: { ratingValue: 9, bestRating: 5, worstRating: 1 } },
      { "@type": "ClaimReview", url: "https://odd.example/6", claimReviewed: "Zero width\u0000 and emoji 😀.", reviewRating: { alternateName: "真" } },
    ];
    const res = await post(odd).expect(200);
    const data = res.body.data as Outcome[];
    expect(data).toHaveLength(odd.length);
    for (const d of data) {
      expect(["created", "updated", "rejected"]).toContain(d.status);
      if (d.status === "rejected") expect(d.error?.code).toMatch(/^[a-z_]+$/);
    }
    expect(data[4]).toMatchObject({ status: "created" });
    expect((await claim(data[4]!.claimId!)).verdicts.content.rating.key).toBe("mostly_true");
    expect(data[7]).toMatchObject({ status: "rejected", error: { code: "claim_reviewed_too_long" } });
    expect(data[8]!.warnings.join(" ")).toMatch(/matches no label/);
  });

  it("answers a date out of any range, a deeply nested value and an over-long URL with a record or a precise rejection, never a 500", async () => {
    // author.name nested 20,000 levels (180 KB): a recursive reader overflows the call stack.
    // Written as text: the test client's own serialiser would overflow on the object.
    const deep = '{"name":'.repeat(20_000) + '"Deep Speaker"' + "}".repeat(20_000);
    const body = JSON.stringify([
      { "@type": "ClaimReview", url: "https://hostile.example/1", claimReviewed: "A date beyond any calendar.", datePublished: 1e20, itemReviewed: { "@type": "Claim", datePublished: -5 } },
      { "@type": "ClaimReview", url: "https://hostile.example/2", claimReviewed: "Deep author.", itemReviewed: { "@type": "Claim", author: "DEEP" } },
      { "@type": "ClaimReview", url: "https://hostile.example/3", claimReviewed: "Far dates.", datePublished: "+275760-09-13T00:00:00.000Z", itemReviewed: { "@type": "Claim", datePublished: "0000-01-01" } },
      { "@type": "ClaimReview", url: `https://hostile.example/${"x".repeat(3000)}`, claimReviewed: "Long review URL." },
      { "@type": "ClaimReview", url: "https://hostile.example/5", claimReviewed: "Long appearance URL.", itemReviewed: { "@type": "Claim", appearance: [`https://a.example/${"y".repeat(3000)}`, "https://a.example/ok"] } },
      { "@type": "ClaimReview", url: "https://hostile.example/6", claimReviewed: "Wrapped name.", author: { name: { name: { name: { name: { name: { name: "Too Wrapped" } } } } } } },
    ]).replace('"DEEP"', deep);
    const res = await request(t.app).post("/v1/import/claimreview").set(auth(org.keys.fact_checker)).set("Content-Type", "application/json").send(body).expect(200);
    const data = res.body.data as Outcome[];
    expect(data[0]).toMatchObject({ status: "created" });
    expect(data[0]!.warnings.join(" ")).toMatch(/datePublished "100000000000000000000" is outside the years 1 to 9999: left out/);
    expect(data[0]!.warnings.join(" ")).toMatch(/itemReviewed.datePublished "-5" is not a date I can read/);
    expect((await claim(data[0]!.claimId!)).verdicts.content.rationale).not.toMatch(/ on \d/);
    expect(data[1]).toMatchObject({ status: "rejected", error: { code: "too_deeply_nested" } });
    expect(await t.db.prisma.claim.count({ where: { organizationId: org.id, externalId: "claimreview:https://hostile.example/2" } })).toBe(0);
    expect(data[2]).toMatchObject({ status: "created" });
    expect(data[2]!.warnings.join(" ")).toMatch(/datePublished "\+275760-09-13T00:00:00.000Z" is outside the years/);
    expect(data[2]!.warnings.join(" ")).toMatch(/itemReviewed.datePublished "0000-01-01" is outside the years/);
    expect(data[3]).toMatchObject({ status: "rejected", error: { code: "url_too_long" } });
    expect(data[4]).toMatchObject({ status: "created" });
    expect(data[4]!.warnings.join(" ")).toMatch(/An appearance URL has 3018 characters/);
    expect((await claim(data[4]!.claimId!)).externalAppearances.map((a: { url: string }) => a.url)).toEqual(["https://a.example/ok"]);
    // Wrappers are followed a few levels only: past them the author has no name.
    expect(data[5]).toMatchObject({ status: "created" });
    expect(data[5]!.warnings.join(" ")).toMatch(/The review's author has no name/);
  });

  it("reads unambiguous day/month orders either way and says which reading it took for an ambiguous one", async () => {
    const dated = (n: number, date: string, extra: Record<string, unknown> = {}) => ({
      "@type": "ClaimReview",
      url: `https://dates.example/${n}`,
      claimReviewed: `Dated claim ${n}.`,
      datePublished: date,
      itemReviewed: { "@type": "Claim", datePublished: date, appearance: { url: `https://dates.example/seen/${n}` } },
      ...extra,
    });
    const res = await post([
      dated(1, "05/16/2024"),
      dated(2, "16/05/2024"),
      dated(3, "05/06/2024"),
      dated(4, "05/06/2024", { inLanguage: "en-US" }),
      dated(5, "16.05.2024"),
      dated(6, "06/06/2024"),
      dated(7, "13/14/2024"),
      dated(8, "16 de mayo de 2024", { inLanguage: "es" }),
    ]).expect(200);
    const data = res.body.data as Outcome[];
    expect(data.map((d) => d.status)).toEqual(Array(8).fill("created"));
    const seen = async (i: number) => ((await claim(data[i]!.claimId!)).externalAppearances[0] as { datePublished: string | null }).datePublished;
    const reviewed = async (i: number) => /on (\d{4}-\d{2}-\d{2})/.exec((await claim(data[i]!.claimId!)).verdicts.content.rationale as string)?.[1] ?? null;
    const warned = (i: number) => data[i]!.warnings.join(" ");

    expect([await seen(0), await reviewed(0)]).toEqual(["2024-05-16T00:00:00.000Z", "2024-05-16"]);
    expect(warned(0)).not.toMatch(/ambiguous|not a date/);
    expect([await seen(1), await reviewed(1)]).toEqual(["2024-05-16T00:00:00.000Z", "2024-05-16"]);
    expect(warned(1)).not.toMatch(/ambiguous|not a date/);
    // Day first by default, and said so, with the other reading.
    expect([await seen(2), await reviewed(2)]).toEqual(["2024-06-05T00:00:00.000Z", "2024-06-05"]);
    expect(warned(2)).toContain('datePublished "05/06/2024" is ambiguous: read as day/month (2024-06-05); as month/day it would be 2024-05-06.');
    expect(warned(2)).toContain('itemReviewed.datePublished "05/06/2024" is ambiguous: read as day/month (2024-06-05)');
    // A review in US English is read month first.
    expect([await seen(3), await reviewed(3)]).toEqual(["2024-05-06T00:00:00.000Z", "2024-05-06"]);
    expect(warned(3)).toContain('datePublished "05/06/2024" is ambiguous: read as month/day (2024-05-06); as day/month it would be 2024-06-05.');
    expect([await seen(4), await reviewed(4)]).toEqual(["2024-05-16T00:00:00.000Z", "2024-05-16"]);
    expect([await seen(5), await reviewed(5)]).toEqual(["2024-06-06T00:00:00.000Z", "2024-06-06"]);
    expect(warned(5)).not.toMatch(/ambiguous/);
    expect([await seen(6), await reviewed(6)]).toEqual([null, null]);
    expect(warned(6)).toMatch(/"13\/14\/2024" is not a date I can read/);
    expect([await seen(7), await reviewed(7)]).toEqual(["2024-05-16T00:00:00.000Z", "2024-05-16"]);
  });

  it("refuses a lone UTF-16 surrogate anywhere in the body with 400 invalid_unicode naming the field, and stores nothing", async () => {
    const before = await t.db.prisma.claim.count({ where: { organizationId: org.id } });
    // JSON.stringify writes a lone surrogate as the escape \ud800, as a hostile client would.
    const res = await post([politifact({ url: "https://unicode.example/1" }), politifact({ url: "https://unicode.example/2", itemReviewed: { "@type": "Claim", author: { name: "Bad \ud800 name" } } })]).expect(400);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: "invalid_unicode", pointer: "/1/itemReviewed/author/name", errors: [{ field: "1.itemReviewed.author.name", code: "invalid_unicode" }] });
    expect(await t.db.prisma.claim.count({ where: { organizationId: org.id } })).toBe(before);
  });

  it("matches an existing speaker by name regardless of case and accents", async () => {
    const a = await one(politifact({ url: "https://match.example/1", itemReviewed: { "@type": "Claim", author: { "@type": "Person", name: "José Pérez" } } }));
    const b = await one(politifact({ url: "https://match.example/2", itemReviewed: { "@type": "Claim", author: { "@type": "Person", name: "JOSE PEREZ" } } }));
    const [ca, cb] = [await claim(a.claimId!), await claim(b.claimId!)];
    expect(cb.chain[0].source.id).toBe(ca.chain[0].source.id);
  });

  it("replays the first response for a repeated Idempotency-Key", async () => {
    const body = politifact({ url: "https://idem.example/1" });
    const first = await request(t.app).post("/v1/import/claimreview").set(auth(org.keys.fact_checker)).set("Idempotency-Key", "import-1").send(body).expect(200);
    const again = await request(t.app).post("/v1/import/claimreview").set(auth(org.keys.fact_checker)).set("Idempotency-Key", "import-1").send(body).expect(200);
    expect(again.body).toEqual(first.body);
    expect(first.body.data[0].status).toBe("created");
  });

  it("answers 400 for an empty list, a bare value or too many objects, 403 for a viewer and 401 without a key", async () => {
    expect((await post([]).expect(400)).body.code).toBe("validation_failed");
    await request(t.app).post("/v1/import/claimreview").set(auth(org.keys.fact_checker)).set("Content-Type", "application/json").send('"text"').expect(400);
    expect((await post({ "@graph": [] }).expect(400)).body.code).toBe("nothing_to_import");
    expect((await post(Array(101).fill(politifact())).expect(400)).body.code).toBe("too_many_objects");
    await post(politifact(), org.keys.viewer).expect(403);
    await request(t.app).post("/v1/import/claimreview").send(politifact()).expect(401);
  });

  it("keeps imports of one organization out of another's", async () => {
    const other = await createTestOrg(t.db);
    const out = await one(politifact({ url: "https://tenant.example/1" }));
    await request(t.app).get(`/v1/claims/${out.claimId}`).set(auth(other.keys.viewer)).expect(404);
  });

  serverIt("creates one claim when the same review URL is imported by concurrent requests", async () => {
    const url = "https://race.example/1";
    const results = await Promise.all(Array.from({ length: 6 }, () => post(politifact({ url })).then((r) => r)));
    const outcomes = results.map((r) => (r.status === 200 ? (r.body.data as Outcome[])[0]!.status : `http ${r.status}`));
    expect(outcomes.filter((o) => o === "created")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "updated")).toHaveLength(5);
    expect(await t.db.prisma.claim.count({ where: { organizationId: org.id, externalId: `claimreview:${url}` } })).toBe(1);
    expect(await t.db.prisma.source.count({ where: { organizationId: org.id, name: "Jane Doe" } })).toBe(1);
  });

  serverIt("creates one source for a new speaker named by concurrent imports of different reviews", async () => {
    const author = { "@type": "Claim", author: { "@type": "Person", name: "Concurrent Speaker" } };
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => post([politifact({ url: `https://race.example/s${i}`, itemReviewed: author }), politifact({ url: `https://race.example/t${4 - i}`, itemReviewed: author })])));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(await t.db.prisma.source.count({ where: { organizationId: org.id, name: "Concurrent Speaker" } })).toBe(1);
  });
});
