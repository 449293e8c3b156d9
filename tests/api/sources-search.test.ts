import request from "supertest";
import { deterministicId } from "../../src/lib/ids";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";

// Seeding an organization runs a few hundred statements; on a busy machine that nears
// jest's default 30 s, so this file's hooks and tests get more time.
jest.setTimeout(120_000);

let t: TestApp;
let org: TestOrg;
let seeded: TestOrg;
let other: TestOrg;
const ids: Record<string, string> = {};

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
type Item = { id: string; name: string; match?: { kind: string; score: number } };

beforeAll(async () => {
  t = await startTestApp("sources-search");
  [org, seeded, other] = await Promise.all([createTestOrg(t.db), createTestOrg(t.db, { seed: true }), createTestOrg(t.db)]);
  const sources = {
    president: { name: "Volodymyr Zelenskyy", aliases: ["Zelenskýy", "President Zelenskyy"], type: "person" },
    foundation: { name: "Zelenskyy Foundation", type: "organization" },
    olena: { name: "Olena Zelenska", type: "person" },
    office: { name: "Office of the President of Ukraine", aliases: ["Bankova"], type: "government" },
    agency: { name: "Fifty_50 Agency", type: "agency" },
  };
  for (const [key, body] of Object.entries(sources)) {
    const res = await request(t.app).post("/v1/sources").set(auth(org.keys.fact_checker)).send(body).expect(201);
    ids[key] = res.body.id as string;
  }
});
afterAll(() => t.close());

const search = async (q: string, extra = "") => {
  const res = await request(t.app).get(`/v1/sources?q=${encodeURIComponent(q)}${extra}`).set(auth(org.keys.viewer)).expect(200);
  expect(res.body.nextCursor).toBeNull();
  return res.body.data as Item[];
};

describe("GET /v1/sources?q=", () => {
  it("finds an alias case- and accent-insensitively both ways (Zelenskyy / Zelenskýy)", async () => {
    for (const q of ["Zelenskyy", "Zelenskýy", "ZELENSKÝY"]) {
      const data = await search(q);
      expect(data[0]).toMatchObject({ id: ids.president, match: { kind: "exact", score: 1 } });
    }
  });

  it("ranks exact matches first, then prefixes, then similar spellings", async () => {
    const data = await search("zelenskyy");
    expect(data.map((s) => [s.id, s.match?.kind])).toEqual([
      [ids.president, "exact"],
      [ids.foundation, "prefix"],
      [ids.olena, "similar"],
    ]);
  });

  it("matches the beginning of a word and text inside a name", async () => {
    expect((await search("foundation")).map((s) => [s.id, s.match?.kind])).toEqual([[ids.foundation, "word_prefix"]]);
    expect((await search("ankov")).map((s) => [s.id, s.match?.kind])).toEqual([[ids.office, "contains"]]);
  });

  it("finds another transliteration by trigram similarity", async () => {
    const data = await search("Zelenskiy");
    expect(data.find((s) => s.id === ids.president)?.match?.kind).toBe("similar");
  });

  it("treats LIKE wildcards in q literally", async () => {
    expect(await search("%")).toEqual([]);
    // Unescaped, "_" would match every name; literally, only the one that contains it.
    expect((await search("_")).map((s) => s.id)).toEqual([ids.agency]);
  });

  it("filters by type and returns at most limit matches", async () => {
    expect((await search("zelensk", "&type=organization")).map((s) => s.id)).toEqual([ids.foundation]);
    expect(await search("zelensk", "&limit=1")).toHaveLength(1);
  });

  it("refuses a cursor together with q, an unknown parameter and a bad type with 400", async () => {
    const cursor = Buffer.from(JSON.stringify({ t: new Date().toISOString(), i: ids.president })).toString("base64url");
    const res = await request(t.app).get(`/v1/sources?q=x&cursor=${cursor}`).set(auth(org.keys.viewer)).expect(400);
    expect(res.body.code).toBe("cursor_with_search");
    await request(t.app).get("/v1/sources?name=x").set(auth(org.keys.viewer)).expect(400);
    await request(t.app).get("/v1/sources?type=alien").set(auth(org.keys.viewer)).expect(400);
    await request(t.app).get("/v1/sources?includeMerged=yes").set(auth(org.keys.viewer)).expect(400);
  });

  it("never shows another organization's sources and needs a key", async () => {
    const res = await request(t.app).get("/v1/sources?q=zelenskyy").set(auth(other.keys.viewer)).expect(200);
    expect(res.body.data).toEqual([]);
    await request(t.app).get("/v1/sources?q=zelenskyy").expect(401);
  });
});

describe("GET /v1/sources (listing)", () => {
  it("pages through every source with the cursor, newest first", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await request(t.app)
        .get(`/v1/sources?limit=2${cursor ? `&cursor=${cursor}` : ""}`)
        .set(auth(org.keys.viewer))
        .expect(200);
      seen.push(...(res.body.data as Item[]).map((s) => s.id));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual(Object.values(ids).reverse());
  });

  it("leaves merged sources out unless includeMerged=true, also in search", async () => {
    const own = await createTestOrg(t.db);
    const create = async (name: string) =>
      (await request(t.app).post("/v1/sources").set(auth(own.keys.fact_checker)).send({ name, type: "organization" }).expect(201)).body.id as string;
    const target = await create("Zelenskyy Foundation");
    const dup = await create("Zelenskyy Foundation Kyiv");
    await request(t.app).post(`/v1/sources/${dup}/merge`).set(auth(own.keys.editor)).set("If-Match", '"1"').send({ into: target }).expect(200);
    const get = async (query: string) => ((await request(t.app).get(`/v1/sources?${query}`).set(auth(own.keys.viewer)).expect(200)).body.data as Item[]).map((s) => s.id);
    expect(await get("")).toEqual([target]);
    expect(await get("includeMerged=true")).toEqual([dup, target]);
    expect(await get("includeMerged=false&q=zelenskyy+foundation+kyiv")).toEqual([target]);
    expect(await get("includeMerged=true&q=zelenskyy+foundation+kyiv")).toEqual([target, dup]);
  });
});

describe("GET /v1/sources/:id/claims", () => {
  const seedSource = (key: string) => deterministicId(seeded.id, `seed:source:${key}`);

  it("lists the claims with the source anywhere in their chain, newest first, paged", async () => {
    const kremlin = seedSource("kremlin-press-service");
    const first = await request(t.app).get(`/v1/sources/${kremlin}/claims?limit=4`).set(auth(seeded.keys.viewer)).expect(200);
    expect(first.body.data).toHaveLength(4);
    const rest = await request(t.app).get(`/v1/sources/${kremlin}/claims?limit=4&cursor=${first.body.nextCursor}`).set(auth(seeded.keys.viewer)).expect(200);
    expect(rest.body.nextCursor).toBeNull();
    const claims = [...first.body.data, ...rest.body.data] as Array<{ id: string; createdAt: string; chain: Array<{ source: { id: string } }> }>;
    expect(claims).toHaveLength(6);
    expect(new Set(claims.map((c) => c.id)).size).toBe(6);
    for (const c of claims) expect(c.chain.map((l) => l.source.id)).toContain(kremlin);
    const order = claims.map((c) => c.createdAt);
    expect([...order].sort().reverse()).toEqual(order);
  });

  it("filters by the source's role in the chain", async () => {
    const kyiv = seedSource("kyiv-independent");
    const all = await request(t.app).get(`/v1/sources/${kyiv}/claims?limit=200`).set(auth(seeded.keys.viewer)).expect(200);
    expect(all.body.data).toHaveLength(15);
    const speaking = await request(t.app).get(`/v1/sources/${kyiv}/claims?role=speaker`).set(auth(seeded.keys.viewer)).expect(200);
    expect(speaking.body.data).toHaveLength(6);
  });

  it("answers 404 for another organization's source or a malformed id, and 400 for an unknown parameter", async () => {
    const kyiv = seedSource("kyiv-independent");
    await request(t.app).get(`/v1/sources/${kyiv}/claims`).set(auth(other.keys.viewer)).expect(404);
    await request(t.app).get("/v1/sources/123/claims").set(auth(seeded.keys.viewer)).expect(404);
    await request(t.app).get(`/v1/sources/${kyiv}/claims?status=new`).set(auth(seeded.keys.viewer)).expect(400);
    await request(t.app).get(`/v1/sources/${kyiv}/claims`).expect(401);
  });
});
