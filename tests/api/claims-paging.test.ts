import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

let t: TestApp;
let org: TestOrg;
let anchor: { articleId: string; exact: string; start: number; end: number };
let speaker: string;

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

beforeAll(async () => {
  t = await startTestApp("claims-paging");
  org = await createTestOrg(t.db, { seed: true });
  const first = (await request(t.app).get("/v1/claims?limit=1").set(auth(org.keys.viewer)).expect(200)).body.data[0];
  const [quote, position] = first.anchor.selectors;
  anchor = { articleId: first.anchor.articleId, exact: quote.exact, start: position.start, end: position.end };
  speaker = first.chain[0].source.id;
}, 120_000);
afterAll(() => t.close());

let inserted = 0;
async function insertClaim(statement: string): Promise<string> {
  inserted++;
  const res = await request(t.app)
    .post("/v1/claims")
    .set(auth(org.keys.fact_checker))
    .send({ statement: `${statement} (${inserted})`, kind: "statement", fidelity: "paraphrase", anchor, chain: [{ source: { id: speaker }, role: "speaker", speechAct: "asserts" }] })
    .expect(201);
  return res.body.id as string;
}

async function all(query: string): Promise<string[]> {
  const res = await request(t.app).get(`/v1/claims?limit=200&${query}`).set(auth(org.keys.viewer)).expect(200);
  return (res.body.data as Array<{ id: string }>).map((c) => c.id);
}

/** Pages through with limit 3, inserting claims that sort before and after the cursor between fetches. */
async function pageWithInserts(query: string, insertStatements: string[]): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: request.Response = await request(t.app)
      .get(`/v1/claims?limit=3&${query}${cursor ? `&cursor=${cursor}` : ""}`)
      .set(auth(org.keys.viewer))
      .expect(200);
    seen.push(...(res.body.data as Array<{ id: string }>).map((c) => c.id));
    cursor = res.body.nextCursor as string | null;
    if (pages++ < 3) for (const s of insertStatements) await insertClaim(s);
  } while (cursor);
  return seen;
}

describe("GET /v1/claims cursor pagination under concurrent inserts", () => {
  it.each([
    ["created", "sort=created"],
    ["updated", "sort=updated"],
  ])("never repeats or skips a claim when sorted by %s", async (_name, query) => {
    const before = await all(query);
    const seen = await pageWithInserts(query, ["A claim added while someone pages"]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, before.length)).toEqual(before);
  });

  it("never repeats or skips a claim when sorted by relevance, even when new claims rank above and below the cursor", async () => {
    const query = `q=${encodeURIComponent("Russia OR China")}&sort=relevance`;
    const before = await all(query);
    expect(before.length).toBeGreaterThan(6);
    const seen = await pageWithInserts(query, ["Russia and China, China and Russia: Russia, China", "A note that mentions Russia once among many other words here"]);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
    // The existing claims keep their relative order.
    expect(seen.filter((id) => before.includes(id))).toEqual(before);
  });
});
