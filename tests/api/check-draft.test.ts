import request from "supertest";
import { splitSentenceSpans } from "../../src/check/sentence-spans";
import { publishClaim } from "../support/claimreview-fixtures";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { auth } from "../support/verification-fixtures";

let t: TestApp;
let org: TestOrg;
let seedClaims: Array<{ id: string; statement: string; externalId: string | null }>;

// The seed article, rewritten in other words (same facts, same speakers).
const draft = [
  "In a video call with Vladimir Putin, Xi Jinping declared he is ready to take China-Russia relations to \"a new height\" together with the Russian leader, according to the Kremlin.",
  "The Xi-Putin video call took place just after the inauguration of U.S. President Donald Trump.",
  "Since Russia began its full-scale war against Ukraine, China has deepened its ties with Russia.",
  "China has become Russia's main source of dual-use goods feeding the Russian defense industry.",
  "The Chinese government still denies accusations that it supports Russia's military efforts.",
  "Xi also said China stands ready with Russia to face external uncertainties on the basis of stable China-Russia relations.",
  "According to Xi, bilateral cooperation is gradually expanding and joint trade keeps trending upward.",
  "Putin pointed out that trade between Russia and China grew by 7% and now amounts to more than $220 billion.",
  "Putin also called China Russia's leading trading partner.",
  "\"China is the biggest buyer of Russian energy resources; we rank first in oil exports to China and now also first in natural gas supplies,\" Putin said.",
  "Since February 2022 Putin has been to China twice: days before the full-scale invasion of Ukraine began, and in May 2024.",
  "In March 2023 Xi Jinping visited Russia, where Putin welcomed him.",
  "China also presents itself as a mediator between Russia and Ukraine and has sent envoy Li Hui on several rounds of shuttle diplomacy in Europe.",
  "China has accused the U.S. and its allies of making the war worse by supplying Ukraine with arms.",
  "NATO, for its part, has called China a \"decisive enabler\" of Russia's war.",
].join(" ");

beforeAll(async () => {
  t = await startTestApp("check-draft");
  org = await createTestOrg(t.db, { seed: true });
  seedClaims = await t.db.prisma.claim.findMany({ where: { organizationId: org.id }, select: { id: true, statement: true, externalId: true } });
}, 180_000); // generous: the machine is shared
afterAll(() => t.close());

const check = (text: string, key = org.keys.viewer) => request(t.app).post("/v1/check").set(auth(key)).send({ text });

type Match = { sentence: { start: number; end: number; text: string }; claim: { id: string; statement: string; status: string; verdicts: { attribution: { label: string } | null; content: { label: string } | null } }; similarity: number; speakerMatched: boolean };

describe("POST /v1/check", () => {
  it("finds the seed claims in a paraphrased draft of the seed article, with spans and speaker matches", async () => {
    const res = await check(draft).expect(200);
    const matches = res.body.data as Match[];
    const byStatement = (start: string) => seedClaims.find((c) => c.statement.startsWith(start))!.id;
    const expected = [
      byStatement("Xi Jinping declared"),
      byStatement("The Xi-Putin video call"),
      byStatement("China has deepened"),
      byStatement("China has become"),
      byStatement("The Chinese government denies"),
      byStatement("Xi Jinping said China is ready"),
      byStatement("Xi Jinping said bilateral"),
      byStatement("Vladimir Putin said trade"),
      byStatement("Vladimir Putin called China"),
      byStatement("Vladimir Putin said China is the largest"),
      byStatement("Since February 2022"),
      byStatement("Xi Jinping visited Russia"),
      byStatement("China has positioned itself"),
      byStatement("China has accused"),
      byStatement("NATO has called"),
    ];
    expect(expected).toHaveLength(15);
    const found = new Set(matches.map((m) => m.claim.id));
    const missing = expected.filter((id) => !found.has(id)).map((id) => seedClaims.find((c) => c.id === id)!.statement);
    expect(missing).toEqual([]);
    // Each sentence's best match is the claim it paraphrases (no sentence is taken by another claim).
    const best = new Map<number, string>();
    for (const m of matches) if (!best.has(m.sentence.start)) best.set(m.sentence.start, m.claim.id);
    expect(new Set(best.values())).toEqual(new Set(expected));
    for (const m of matches) expect(draft.slice(m.sentence.start, m.sentence.end)).toBe(m.sentence.text);
    const putin = matches.find((m) => m.claim.id === byStatement("Vladimir Putin said trade"))!;
    expect(putin.speakerMatched).toBe(true);
    expect(putin.sentence.text).toMatch(/^Putin pointed out/);
    expect(putin.claim.status).toBe("new");
    // No seed claim is about the unrelated sentence.
    const unrelated = await check("The weather in Lisbon was sunny and warm for most of the week, said the forecaster.").expect(200);
    expect(unrelated.body.data).toEqual([]);
  });

  it("reports the verdicts and status of a published claim so the CMS can warn", async () => {
    const id = seedClaims.find((c) => c.statement.startsWith("Vladimir Putin called China"))!.id;
    await publishClaim(t.app, org, id, { content: "false", attribution: "misattributed" });
    const res = await check("Yesterday Putin called China the leading trading partner of Russia.").expect(200);
    const m = (res.body.data as Match[]).find((x) => x.claim.id === id);
    expect(m).toMatchObject({ claim: { status: "published", verdicts: { attribution: { label: "Misattributed" }, content: { label: "False" } } }, speakerMatched: true, sentence: { start: 0 } });
  });

  it("counts spans in UTF-16 code units", async () => {
    const text = "😀 Emoji first. Putin also called China Russia's leading trading partner.";
    const res = await check(text).expect(200);
    const m = (res.body.data as Match[])[0]!;
    expect(text.slice(m.sentence.start, m.sentence.end)).toBe("Putin also called China Russia's leading trading partner.");
  });

  it("copes with control characters in the draft", async () => {
    const text = "Putin also called China\u0000 Russia's leading trading partner.\u0001";
    const res = await check(text).expect(200);
    expect((res.body.data as Match[]).length).toBeGreaterThan(0);
  });

  it("keeps other organizations' claims out", async () => {
    const other = await createTestOrg(t.db);
    const res = await request(t.app).post("/v1/check").set(auth(other.keys.viewer)).send({ text: draft }).expect(200);
    expect(res.body.data).toEqual([]);
  });

  it("rejects an empty or too long text and unknown fields with 400, and answers 401 without a key", async () => {
    await check("").expect(400);
    await check("a".repeat(200_001)).expect(400);
    expect((await request(t.app).post("/v1/check").set(auth(org.keys.viewer)).send({ text: "x", html: true }).expect(400)).body.errors[0]).toMatchObject({ field: "html", code: "unknown_field" });
    await request(t.app).post("/v1/check").send({ text: "x" }).expect(401);
  });

  it("accepts a draft of 200,000 characters", async () => {
    const long = (draft + "\n").repeat(Math.floor(200_000 / (draft.length + 1)));
    const res = await check(long).expect(200);
    expect((res.body.data as Match[]).length).toBeGreaterThan(9);
  });
});

describe("splitSentenceSpans", () => {
  it("does not split at abbreviations such as Jan. and U.S., and splits after closing quotes", () => {
    const spans = splitSentenceSpans('The call was on Jan. 21 with U.S. officials. "It is done." Then Dr. Smith left!');
    expect(spans.map((s) => s.text)).toEqual(["The call was on Jan. 21 with U.S. officials.", '"It is done."', "Then Dr. Smith left!"]);
  });
});
