import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkSeed, findDuplicateJsonMembers, validateSeed, type Seed } from "../../seeds/validate-seed";

const seedsDir = join(__dirname, "..", "..", "seeds");
const raw = readFileSync(join(seedsDir, "seed.json"), "utf8");
const seed = JSON.parse(raw) as Seed;
const textBytes = readFileSync(join(seedsDir, seed.article.textFile));
const text = textBytes.toString("utf8");

const clone = (): Seed => structuredClone(seed);
const claim = (s: Seed, key: string) => {
  const c = s.claims.find((x) => x.key === key);
  if (!c) throw new Error(`no claim ${key}`);
  return c;
};

describe("seed data", () => {
  it("uses the Kyiv Independent article text unchanged", () => {
    // /work/shared/seeds/000_f4d29d23110e2492.txt, copied byte for byte.
    expect(textBytes.length).toBe(2047);
    expect(createHash("sha256").update(textBytes).digest("hex")).toBe(
      "bbf85cdfaa1315693130e4bdf6f9831343d65eb7099ea9670a66fe9cce007a0a",
    );
    expect(text.length).toBe(2045); // one em dash: 3 UTF-8 bytes, 1 UTF-16 unit
  });

  it("passes every check", () => {
    expect(checkSeed(raw, text)).toEqual([]);
  });

  it("anchors and cues match the text exactly", () => {
    for (const c of seed.claims) {
      expect(text.slice(c.anchor.start, c.anchor.end)).toBe(c.anchor.exact);
      for (const l of c.chain) {
        if (l.cue === null) continue;
        expect(text.slice(l.cueStart as number, l.cueEnd as number)).toBe(l.cue);
      }
    }
  });

  it("resolves every source key and has no duplicate keys", () => {
    const sourceKeys = seed.sources.map((s) => s.key);
    const claimKeys = seed.claims.map((c) => c.key);
    expect(new Set(sourceKeys).size).toBe(sourceKeys.length);
    expect(new Set(claimKeys).size).toBe(claimKeys.length);
    expect(sourceKeys).toContain(seed.article.publisherKey);
    for (const c of seed.claims) for (const l of c.chain) expect(sourceKeys).toContain(l.sourceKey);
    expect(findDuplicateJsonMembers(raw)).toEqual([]);
  });

  it("records the required claims with their attribution", () => {
    const summary = (key: string) => {
      const c = claim(seed, key);
      return [c.kind, c.chain.map((l) => `${l.sourceKey}/${l.role}/${l.speechAct}/${l.cue ?? "-"}`)];
    };
    const KI = "kyiv-independent/publisher/reports/-";
    const KREMLIN = "kremlin-press-service/intermediary/reports/-";
    expect(summary("xi-new-height")).toEqual([
      "promise",
      ["xi-jinping/speaker/promises/declared", "kremlin-press-service/intermediary/reports/reported", KI],
    ]);
    expect(summary("china-dual-use-goods")).toEqual(["statement", ["kyiv-independent/speaker/asserts/-"]]);
    expect(summary("beijing-denies-military-support")).toEqual(["denial", ["government-of-china/speaker/denies/has nevertheless denied", KI]]);
    expect(summary("xi-face-external-uncertainties")).toEqual(["promise", ["xi-jinping/speaker/promises/added", KREMLIN, KI]]);
    expect(summary("xi-cooperation-trade-expanding")).toEqual(["statement", ["xi-jinping/speaker/asserts/stressed", KREMLIN, KI]]);
    expect(summary("putin-trade-up-7-percent-220bn")).toEqual(["statistic", ["vladimir-putin/speaker/asserts/noted", KREMLIN, KI]]);
    expect(summary("putin-china-largest-energy-consumer")).toEqual(["quote", ["vladimir-putin/speaker/asserts/said", KREMLIN, KI]]);
    expect(summary("putin-two-china-visits-since-2022")).toEqual(["statement", ["kyiv-independent/speaker/asserts/-"]]);
    expect(summary("beijing-mediator-li-hui")).toEqual(["statement", ["kyiv-independent/speaker/asserts/-"]]);
    expect(summary("china-accuses-us-exacerbating-war")).toEqual(["accusation", ["government-of-china/speaker/accuses/has criticized", KI]]);
    expect(summary("nato-china-decisive-enabler")).toEqual(["accusation", ["nato/speaker/accuses/has named", KI]]);
    expect(claim(seed, "putin-china-largest-energy-consumer").fidelity).toBe("translation");
  });

  it("counts offsets in UTF-16 units after the em dash", () => {
    const c = claim(seed, "putin-two-china-visits-since-2022");
    expect(c.anchor.exact).toContain("\u2014");
    const after = claim(seed, "nato-china-decisive-enabler");
    expect(after.anchor.end).toBeLessThanOrEqual(text.length);
    expect(Buffer.byteLength(text.slice(0, after.anchor.start))).toBe(after.anchor.start + 2);
  });
});

describe("validateSeed catches mistakes", () => {
  it("reports a shifted anchor", () => {
    const s = clone();
    claim(s, "xi-new-height").anchor.start += 1;
    expect(validateSeed(s, text).join("\n")).toMatch(/claim "xi-new-height" anchor: text\.slice/);
  });

  it("reports an anchor whose text is not in the article", () => {
    const s = clone();
    claim(s, "nato-china-decisive-enabler").anchor.exact = "Beijing a decisive enabler";
    expect(validateSeed(s, text).join("\n")).toMatch(/does not occur in the article/);
  });

  it("reports a wrong cue span and a half-set cue", () => {
    const s = clone();
    const [speaker, , publisher] = claim(s, "putin-trade-up-7-percent-220bn").chain;
    speaker!.cueEnd = (speaker!.cueEnd as number) + 2;
    publisher!.cue = "published";
    const errors = validateSeed(s, text).join("\n");
    expect(errors).toMatch(/chain\[0\] cue: text\.slice/);
    expect(errors).toMatch(/chain\[2\]: cue, cueStart and cueEnd must be all null or all set/);
  });

  it("reports unknown source and publisher keys", () => {
    const s = clone();
    s.article.publisherKey = "kyiv-post";
    claim(s, "nato-china-decisive-enabler").chain[0]!.sourceKey = "north-atlantic";
    const errors = validateSeed(s, text).join("\n");
    expect(errors).toMatch(/article\.publisherKey: unknown source "kyiv-post"/);
    expect(errors).toMatch(/unknown sourceKey "north-atlantic"/);
  });

  it("reports duplicate claim and source keys", () => {
    const s = clone();
    s.claims.push(structuredClone(s.claims[0]!));
    s.sources.push(structuredClone(s.sources[0]!));
    const errors = validateSeed(s, text).join("\n");
    expect(errors).toMatch(/duplicate claim key/);
    expect(errors).toMatch(/duplicate source key/);
  });

  it("reports chains in the wrong order", () => {
    const s = clone();
    claim(s, "xi-new-height").chain.reverse();
    expect(validateSeed(s, text).join("\n")).toMatch(/position 0 must be the speaker/);
  });

  it("reports duplicated JSON members that JSON.parse would silently drop", () => {
    const doubled = raw.replace('"kind": "denial",', '"kind": "denial",\n      "kind": "statement",');
    expect(doubled).not.toBe(raw);
    expect(checkSeed(doubled, text).join("\n")).toMatch(/member \$\.claims\[\d+\]\.kind is duplicated/);
  });

  it("reports invalid JSON", () => {
    expect(checkSeed(raw.slice(0, -10), text)[0]).toMatch(/invalid JSON/);
  });
});
