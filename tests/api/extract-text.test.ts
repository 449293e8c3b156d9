import { readFileSync } from "node:fs";
import path from "node:path";
import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { auth } from "../support/verification-fixtures";

type Span = { start: number; end: number; text: string };
type Ref = { id: string; name: string } | null;
type Link = { role: string; source: Span | null; cue: Span | null; speechAct: string; resolvedSource: Ref; carriedOver: boolean };
type Proposal = { id: string; source: Span | null; cue: Span | null; content: Span[]; speechAct: string; confidence: number; resolvedSource: Ref; chain: Link[] };

const seedDir = path.resolve(__dirname, "../../seeds");
const seedText = readFileSync(path.join(seedDir, "article.txt"), "utf8");
interface SeedClaim {
  key: string;
  anchor: { start: number; end: number };
  chain: Array<{ sourceKey: string; role: string; cue?: string | null; cueStart?: number | null; cueEnd?: number | null; speechAct: string }>;
}
const seed = JSON.parse(readFileSync(path.join(seedDir, "seed.json"), "utf8")) as { sources: Array<{ key: string; name: string }>; claims: SeedClaim[] };

let t: TestApp;
let org: TestOrg;
let sourceIdByKey: Map<string, string>;

beforeAll(async () => {
  t = await startTestApp("extract-text");
  org = await createTestOrg(t.db, { seed: true });
  const sources = await t.db.prisma.source.findMany({ where: { organizationId: org.id }, select: { id: true, name: true } });
  sourceIdByKey = new Map(seed.sources.map((s) => [s.key, sources.find((r) => r.name === s.name)!.id]));
}, 60_000);
afterAll(() => t.close());

const extract = (body: unknown, key = org.keys.viewer) => request(t.app).post("/v1/extract").set(auth(key)).send(body as object);
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

describe("POST /v1/extract", () => {
  it("proposes every cued seed claim's speaker, cue and content, resolved to the organization's seed sources", async () => {
    const res = await extract({ text: seedText, language: "en" }).expect(200);
    const proposals = res.body.proposals as Proposal[];
    // The outlet's own claims (speaker: the Kyiv Independent, no cue) are not attributions in the text: not expected.
    const cued = seed.claims.filter((c) => c.chain[0]!.sourceKey !== "kyiv-independent");
    expect(cued.map((c) => c.key)).toHaveLength(9);
    for (const claim of cued) {
      const speaker = claim.chain[0]!;
      const found = proposals.find((p) => p.content.some((s) => overlaps(s, claim.anchor)));
      expect({ claim: claim.key, found: Boolean(found) }).toEqual({ claim: claim.key, found: true });
      expect({ claim: claim.key, source: found!.resolvedSource?.id }).toEqual({ claim: claim.key, source: sourceIdByKey.get(speaker.sourceKey) });
      expect(found!.cue).not.toBeNull();
      expect(overlaps(found!.cue!, { start: speaker.cueStart!, end: speaker.cueEnd! })).toBe(true);
      expect(found!.source!.text).toBe(seedText.slice(found!.source!.start, found!.source!.end));
    }
  });

  it("gives Xi's declaration the Kremlin press service as intermediary, Beijing's denial as denies and NATO's naming as an accusation or characterisation", async () => {
    const proposals = (await extract({ text: seedText }).expect(200)).body.proposals as Proposal[];
    const xi = proposals.find((p) => p.cue?.text === "declared")!;
    expect(xi.chain.map((l) => [l.role, l.resolvedSource?.id])).toEqual([
      ["speaker", sourceIdByKey.get("xi-jinping")],
      ["intermediary", sourceIdByKey.get("kremlin-press-service")],
    ]);
    expect(xi.chain[1]!.cue?.text).toBe("reported");
    expect(xi.chain.map((l) => l.carriedOver)).toEqual([false, false]);
    const denial = proposals.find((p) => p.source?.text === "Beijing" && p.cue?.text.includes("denied"))!;
    expect(denial.speechAct).toBe("denies");
    expect(denial.resolvedSource?.id).toBe(sourceIdByKey.get("government-of-china"));
    const nato = proposals.find((p) => p.source?.text === "NATO")!;
    expect(["accuses", "characterises"]).toContain(nato.speechAct);
    expect(nato.cue?.text).toBe("has named");
    for (const p of proposals) expect(p.confidence).toBeGreaterThanOrEqual(0);
  });

  it("marks the press service frame carried over to Xi's later 'added' statement as implied, not stated", async () => {
    const proposals = (await extract({ text: seedText }).expect(200)).body.proposals as Proposal[];
    const added = proposals.find((p) => p.cue?.text === "added")!;
    expect(added.chain.map((l) => [l.role, l.resolvedSource?.id, l.cue?.text, l.carriedOver])).toEqual([
      ["speaker", sourceIdByKey.get("xi-jinping"), "added", false],
      ["intermediary", sourceIdByKey.get("kremlin-press-service"), "reported", true],
    ]);
    // The carried-over cue points into the earlier sentence that states the frame.
    expect(added.chain[1]!.cue!.end).toBeLessThanOrEqual(added.source!.start);
  });

  it("resolves mentions only to the caller's own sources", async () => {
    const other = await createTestOrg(t.db);
    const proposals = (await extract({ text: seedText }, other.keys.viewer).expect(200)).body.proposals as Proposal[];
    expect(proposals.length).toBeGreaterThan(0);
    expect(proposals.every((p) => p.resolvedSource === null && p.chain.every((l) => l.resolvedSource === null))).toBe(true);
  });

  it("stores nothing", async () => {
    const before = await t.db.prisma.extractionProposal.count({ where: { organizationId: org.id } });
    await extract({ text: seedText }).expect(200);
    expect(await t.db.prisma.extractionProposal.count({ where: { organizationId: org.id } })).toBe(before);
  });

  it("rejects empty text, a missing text and unknown fields with 400", async () => {
    expect((await extract({ text: "" }).expect(400)).body.code).toBe("validation_failed");
    await extract({}).expect(400);
    const res = await extract({ text: "Putin said so.", model: "big" }).expect(400);
    expect(JSON.stringify(res.body.errors)).toContain("model");
  });

  it("answers text longer than 1,000,000 code units with 413 text_too_long", async () => {
    const res = await extract({ text: "a".repeat(1_000_001) }).expect(413);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe("text_too_long");
  });

  it("answers a 5 MB body with 413 problem+json, never a 500", async () => {
    const res = await extract({ text: "The minister said that it was fine. ".repeat(140_000) }).expect(413);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe("payload_too_large");
  });

  it("gives a sane result for binary garbage, NUL bytes and unbalanced quotes", async () => {
    let x = 12345;
    const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) % 65536;
    // Random UTF-16 code units, lone surrogates left out (those are refused, below).
    const garbage = Array.from({ length: 20_000 }, () => {
      const c = next();
      return String.fromCharCode(c >= 0xd800 && c <= 0xdfff ? c - 0x800 : c);
    }).join("");
    for (const text of [garbage, "\u0000\u0001 said \"\u0000", '"""""', 'He said "the plan will fail. She said «never', "“unclosed, said Putin"]) {
      const res = await extract({ text }).expect(200);
      for (const p of res.body.proposals as Proposal[]) {
        for (const s of [p.source, p.cue, ...p.content]) if (s) expect(text.slice(s.start, s.end)).toBe(s.text);
      }
    }
  });

  it("refuses text with lone surrogates (not Unicode) with a 400 that names the field", async () => {
    const res = await extract({ text: `Putin said \ud800 trade grew` }).expect(400);
    expect(res.body).toMatchObject({ code: "invalid_unicode" });
    expect(JSON.stringify(res.body)).toContain("text");
  });

  it("returns no proposals for text without attribution", async () => {
    expect((await extract({ text: "The bridge opened in 1932. It is 503 metres long." }).expect(200)).body.proposals).toEqual([]);
  });

  it("answers 401 without credentials", async () => {
    await request(t.app).post("/v1/extract").send({ text: "x" }).expect(401);
  });
});
