import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;
let target: { id: string; statement: string; speakerId: string };
let anchor: { articleId: string; exact: string; start: number; end: number };

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

beforeAll(async () => {
  t = await startTestApp("claims-similar");
  org = await createTestOrg(t.db, { seed: true });
  other = await createTestOrg(t.db, { seed: true });
  const hit = (await request(t.app).get(`/v1/claims?q=${encodeURIComponent('"largest consumer"')}`).set(auth(org.keys.viewer)).expect(200)).body.data[0];
  target = { id: hit.id, statement: hit.statement, speakerId: hit.chain[0].source.id };
  const [quote, position] = hit.anchor.selectors;
  anchor = { articleId: hit.anchor.articleId, exact: quote.exact, start: position.start, end: position.end };
}, 120_000);
afterAll(() => t.close());

async function createClaim(key: string, statement: string, speakerId: string): Promise<string> {
  const res = await request(t.app)
    .post("/v1/claims")
    .set(auth(key))
    .send({ statement, kind: "statement", fidelity: "paraphrase", anchor, chain: [{ source: { id: speakerId }, role: "speaker", speechAct: "asserts" }] })
    .expect(201);
  return res.body.id as string;
}

describe("GET /v1/claims/:id/similar", () => {
  it("lists likely duplicates, the same speaker first, then by similarity, leaving out archived ones", async () => {
    const sources = (await request(t.app).get("/v1/sources?limit=200").set(auth(org.keys.viewer)).expect(200)).body.data as Array<{ id: string; name: string }>;
    const kremlin = sources.find((s) => s.name.includes("Kremlin"))!.id;
    const closeOtherSpeaker = await createClaim(org.keys.fact_checker, `${target.statement} `.replace("Vladimir Putin said", "The Kremlin said"), kremlin);
    const looserSameSpeaker = await createClaim(org.keys.fact_checker, "Vladimir Putin said China is the largest consumer of Russian energy resources.", target.speakerId);
    const archived = await createClaim(org.keys.fact_checker, target.statement, target.speakerId);
    await request(t.app).delete(`/v1/claims/${archived}`).set(auth(org.keys.editor)).set("If-Match", '"1"').expect(200);

    const res = await request(t.app).get(`/v1/claims/${target.id}/similar`).set(auth(org.keys.viewer)).expect(200);
    const items = res.body.data as Array<{ claim: { id: string }; similarity: number; sameSpeaker: boolean }>;
    const ids = items.map((i) => i.claim.id);
    expect(ids).not.toContain(target.id);
    expect(ids).not.toContain(archived);
    expect(ids.indexOf(looserSameSpeaker)).toBeLessThan(ids.indexOf(closeOtherSpeaker));
    const same = items.find((i) => i.claim.id === looserSameSpeaker)!;
    const otherSpeaker = items.find((i) => i.claim.id === closeOtherSpeaker)!;
    expect(same.sameSpeaker).toBe(true);
    expect(otherSpeaker.sameSpeaker).toBe(false);
    expect(otherSpeaker.similarity).toBeGreaterThan(same.similarity);
    for (const i of items) {
      expect(i.similarity).toBeGreaterThanOrEqual(0.3);
      expect(i.similarity).toBeLessThanOrEqual(1);
    }
    // Within one group, most similar first.
    const sims = items.filter((i) => i.sameSpeaker).map((i) => i.similarity);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
  });

  it("applies limit and minSimilarity", async () => {
    const one = await request(t.app).get(`/v1/claims/${target.id}/similar?limit=1`).set(auth(org.keys.viewer)).expect(200);
    expect(one.body.data).toHaveLength(1);
    const strict = await request(t.app).get(`/v1/claims/${target.id}/similar?minSimilarity=0.99`).set(auth(org.keys.viewer)).expect(200);
    expect(strict.body.data).toEqual([]);
  });

  it("rejects a limit over 50, an unknown parameter and a threshold out of range with 400", async () => {
    const res = await request(t.app).get(`/v1/claims/${target.id}/similar?limit=51&minSimilarity=2&q=x`).set(auth(org.keys.viewer)).expect(400);
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(["limit", "minSimilarity", "q"]);
  });

  it("answers 404 for another organization's claim and 401 without a key", async () => {
    await request(t.app).get(`/v1/claims/${target.id}/similar`).set(auth(other.keys.viewer)).expect(404);
    await request(t.app).get(`/v1/claims/${target.id}/similar`).expect(401);
  });
});
