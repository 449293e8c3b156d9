import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  t = await startTestApp("claims-read");
  org = await createTestOrg(t.db, { seed: true });
  other = await createTestOrg(t.db, { seed: true });
});
afterAll(() => t.close());

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

interface ClaimBody {
  id: string;
  statement: string;
  anchor: { articleId: string; selectors: [{ exact: string; prefix: string; suffix: string }, { start: number; end: number }] };
  chain: Array<{ role: string; cue: string | null; cueSpan: { start: number; end: number } | null; speechAct: string; source: { id: string; name: string } }>;
}

describe("GET /v1/claims", () => {
  it("lists the seed claims with their chains, sources and spans that match the article text", async () => {
    const res = await request(t.app).get("/v1/claims?limit=200").set(auth(org.keys.viewer)).expect(200);
    const claims = res.body.data as ClaimBody[];
    expect(claims.length).toBeGreaterThanOrEqual(11);
    const articleId = claims[0]!.anchor.articleId;
    const article = await request(t.app).get(`/v1/articles/${articleId}`).set(auth(org.keys.viewer)).expect(200);
    const text = article.body.text as string;
    for (const c of claims) {
      const [quote, position] = c.anchor.selectors;
      expect(text.slice(position.start, position.end)).toBe(quote.exact);
      expect(text.slice(position.start - quote.prefix.length, position.start)).toBe(quote.prefix);
      expect(text.slice(position.end, position.end + quote.suffix.length)).toBe(quote.suffix);
      expect(c.chain.length).toBeGreaterThanOrEqual(1);
      for (const link of c.chain) {
        expect(link.source.name).toEqual(expect.any(String));
        if (link.cueSpan) expect(text.slice(link.cueSpan.start, link.cueSpan.end)).toBe(link.cue);
      }
    }
    const xi = claims.find((c) => c.anchor.selectors[0].exact.includes("a new height"));
    expect(xi?.chain.map((l) => l.role)).toEqual(["speaker", "intermediary", "publisher"]);
    expect(xi?.chain[0]?.source.name).toMatch(/Xi Jinping/);
    expect(xi?.chain[1]?.source.name).toMatch(/Kremlin/);
  });

  it("pages newest first with a cursor and never repeats or skips a claim", async () => {
    const all = await request(t.app).get("/v1/claims?limit=200").set(auth(org.keys.viewer)).expect(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await request(t.app)
        .get(`/v1/claims?limit=4${cursor ? `&cursor=${cursor}` : ""}`)
        .set(auth(org.keys.viewer))
        .expect(200);
      seen.push(...(res.body.data as ClaimBody[]).map((c) => c.id));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual((all.body.data as ClaimBody[]).map((c) => c.id));
  });

  it("rejects a malformed cursor with 400 problem+json", async () => {
    const res = await request(t.app).get("/v1/claims?cursor=not-a-cursor").set(auth(org.keys.viewer)).expect(400);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: "invalid_cursor" });
  });

  it("rejects an unknown query parameter and a limit over 200 with field errors", async () => {
    const res = await request(t.app).get("/v1/claims?limit=500&colour=red").set(auth(org.keys.viewer)).expect(400);
    expect(res.body.code).toBe("validation_failed");
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(["colour", "limit"]);
  });

  it("answers 401 problem+json without a key, with a wrong key and with a malformed header", async () => {
    for (const headers of [{}, auth("ct_wrong"), { Authorization: "Basic abc" }]) {
      const res = await request(t.app).get("/v1/claims").set(headers).expect(401);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 401, code: "unauthorized" });
    }
  });

  it("never shows another organization's claims", async () => {
    const mine = await request(t.app).get("/v1/claims?limit=200").set(auth(org.keys.viewer)).expect(200);
    const theirs = await request(t.app).get("/v1/claims?limit=200").set(auth(other.keys.viewer)).expect(200);
    const mineIds = new Set((mine.body.data as ClaimBody[]).map((c) => c.id));
    for (const c of theirs.body.data as ClaimBody[]) expect(mineIds.has(c.id)).toBe(false);
  });
});

describe("GET /v1/claims/:id", () => {
  it("returns one claim with anchor, chain, verdicts, status and an ETag", async () => {
    const list = await request(t.app).get("/v1/claims?limit=1").set(auth(org.keys.viewer)).expect(200);
    const id = (list.body.data as ClaimBody[])[0]!.id;
    const res = await request(t.app).get(`/v1/claims/${id}`).set(auth(org.keys.viewer)).expect(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ id, status: "new", verdicts: { attribution: null, content: null } });
  });

  it("answers 404 for an unknown id, a malformed id and another organization's id alike", async () => {
    const theirs = await request(t.app).get("/v1/claims?limit=1").set(auth(other.keys.viewer)).expect(200);
    const theirId = (theirs.body.data as ClaimBody[])[0]!.id;
    const bodies = [];
    for (const id of ["0190d6a4-0000-7000-8000-000000000000", "../etc/passwd", theirId]) {
      const res = await request(t.app).get(`/v1/claims/${encodeURIComponent(id)}`).set(auth(org.keys.viewer)).expect(404);
      bodies.push({ code: res.body.code, detail: res.body.detail });
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it("sends the stored JSON text with its length and charset, and a 304 to a conditional GET with the current ETag", async () => {
    const list = await request(t.app).get("/v1/claims?limit=1").set(auth(org.keys.viewer)).expect(200);
    expect(list.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(Number(list.headers["content-length"])).toBe(Buffer.byteLength(list.text));
    const id = (list.body.data as ClaimBody[])[0]!.id;

    const res = await request(t.app).get(`/v1/claims/${id}`).set(auth(org.keys.viewer)).expect(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(Number(res.headers["content-length"])).toBe(Buffer.byteLength(res.text));
    expect((JSON.parse(res.text) as ClaimBody).id).toBe(id);
    const etag = res.headers.etag as string;

    const fresh = await request(t.app).get(`/v1/claims/${id}`).set(auth(org.keys.viewer)).set("If-None-Match", etag).expect(304);
    expect(fresh.text).toBe("");
    expect(fresh.headers.etag).toBe(etag);
    await request(t.app).get(`/v1/claims/${id}`).set(auth(org.keys.viewer)).set("If-None-Match", '"999"').expect(200);

    const head = await request(t.app).head(`/v1/claims/${id}`).set(auth(org.keys.viewer)).expect(200);
    expect(head.headers["content-length"]).toBe(res.headers["content-length"]);
    expect(head.text).toBeUndefined();
  });
});
