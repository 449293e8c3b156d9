/**
 * Quoted phrases in `q` go through claims.search_pairs (migration *_search_phrase_pairs,
 * src/claims/phrase-pairs.ts): the keys of adjacent lexeme pairs, kept by the search
 * trigger on every path that writes a claim (create, edit, appearance, bulk import). The
 * pairs only narrow; these tests check that a phrase still finds exactly its claims.
 */
import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

let t: TestApp;
let org: TestOrg;
let articleId: string;
let speakerId: string;
const text = "The minister said the carbon tax would rise. Critics said a tax on carbon was unfair, and the carbon-tax plan was dropped.";

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const anchorOf = (exact: string) => {
  const start = text.indexOf(exact);
  return { articleId, exact, start, end: start + exact.length };
};

async function createClaim(statement: string, quote: string): Promise<{ id: string; etag: string }> {
  const res = await request(t.app)
    .post("/v1/claims")
    .set(auth(org.keys.fact_checker))
    .send({ statement, kind: "statement", fidelity: "paraphrase", anchor: anchorOf(quote), chain: [{ source: { id: speakerId }, role: "speaker", speechAct: "asserts" }] })
    .expect(201);
  return { id: res.body.id as string, etag: res.headers.etag as string };
}

async function search(q: string): Promise<string[]> {
  const res = await request(t.app).get(`/v1/claims?limit=200&q=${encodeURIComponent(q)}`).set(auth(org.keys.viewer)).expect(200);
  return (res.body.data as Array<{ statement: string }>).map((c) => c.statement).sort();
}

beforeAll(async () => {
  t = await startTestApp("claims-phrase-search");
  org = await createTestOrg(t.db);
  const article = await request(t.app)
    .post("/v1/articles")
    .set(auth(org.keys.fact_checker))
    .send({ url: "https://news.example/carbon", title: "Carbon", language: "en", text })
    .expect(201);
  articleId = article.body.id;
  const source = await request(t.app).post("/v1/sources").set(auth(org.keys.fact_checker)).send({ name: "The Minister", type: "person" }).expect(201);
  speakerId = source.body.id;
}, 120_000);
afterAll(() => t.close());

describe("phrase search", () => {
  it("finds a phrase, not its words apart or reversed, in statements and quotes", async () => {
    await createClaim("Carbon tax rises", "the carbon tax would rise");
    await createClaim("Levy on carbon is unfair", "a tax on carbon was unfair");
    await createClaim("Plan dropped", "the carbon-tax plan was dropped");
    expect(await search('"carbon tax"')).toEqual(["Carbon tax rises", "Plan dropped"]);
    expect(await search("carbon tax")).toEqual(["Carbon tax rises", "Levy on carbon is unfair", "Plan dropped"]);
    expect(await search('"tax carbon"')).toEqual([]);
    expect(await search("carbon-tax")).toEqual(["Plan dropped"]);
    // A phrase found only in the quote of the claim's appearance.
    expect(await search('"tax would rise"')).toEqual(["Carbon tax rises"]);
    // Phrases with the other operators: -exclusion keeps the pairs, OR drops them.
    expect(await search('"carbon tax" -plan')).toEqual(["Carbon tax rises"]);
    expect(await search('"carbon tax" OR unfair')).toEqual(["Carbon tax rises", "Levy on carbon is unfair", "Plan dropped"]);
    expect(await search('unfair -"carbon tax"')).toEqual(["Levy on carbon is unfair"]);
  });

  it("follows an edited statement: the old phrase is gone, the new one is found", async () => {
    const c = await createClaim("Fuel duty frozen for a year", "the carbon tax would rise");
    expect(await search('"fuel duty"')).toEqual(["Fuel duty frozen for a year"]);
    await request(t.app).patch(`/v1/claims/${c.id}`).set(auth(org.keys.fact_checker)).set("If-Match", c.etag).send({ statement: "Road pricing frozen" }).expect(200);
    expect(await search('"fuel duty"')).toEqual([]);
    expect(await search('"road pricing"')).toEqual(["Road pricing frozen"]);
  });

  it("finds phrases in claims written by the bulk import", async () => {
    const line = {
      type: "claim",
      data: { statement: "Border adjustment announced", kind: "statement", fidelity: "paraphrase", anchor: anchorOf("the carbon tax would rise"), chain: [{ source: { id: speakerId }, role: "speaker", speechAct: "asserts" }] },
    };
    await request(t.app)
      .post("/v1/import")
      .set({ ...auth(org.keys.fact_checker), "Content-Type": "application/x-ndjson" })
      .send(`${JSON.stringify(line)}\n`)
      .expect(200);
    expect(await search('"border adjustment"')).toEqual(["Border adjustment announced"]);
    expect(await search('"tax would rise"')).toContain("Border adjustment announced");
  });

  it("stores each adjacent pair's key, and none of words that are not adjacent", async () => {
    const has = async (pair: string) =>
      (
        await t.db.query<{ has: boolean }>(`SELECT search_pairs @> ARRAY[hashtext($2)] AS has FROM claims WHERE "organizationId" = $1::uuid AND statement = 'Carbon tax rises'`, [
          org.id,
          pair,
        ])
      )[0]?.has;
    expect(await has("carbon tax")).toBe(true); // statement
    expect(await has("would rise")).toBe(true); // quote
    expect(await has("tax carbon")).toBe(false);
  });
});
