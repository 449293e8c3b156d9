/**
 * The project's seed article (ours, copied to fixtures/) must yield every claim an
 * editor seeded by hand: speaker, cue and content, with chains and resolutions.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AttributionProposal, KnownSource } from "../../src/extraction";
import { byCue, contents, propose } from "./helpers";

const TEXT = readFileSync(join(__dirname, "..", "..", "seeds", "article.txt"), "utf8");
const KNOWN: KnownSource[] = [
  { id: "xi", name: "Xi Jinping", aliases: [], type: "person" },
  { id: "putin", name: "Vladimir Putin", aliases: [], type: "person" },
  { id: "prc", name: "Government of China", aliases: ["Beijing", "China", "Chinese government"], type: "government" },
  { id: "kremlin-press", name: "Kremlin press service", aliases: [], type: "press_office" },
  { id: "nato", name: "NATO", aliases: ["North Atlantic Treaty Organization"], type: "organization" },
];

describe("seed article", () => {
  const ps = propose(TEXT, { knownSources: KNOWN });
  const has = (p: AttributionProposal, fragment: string): boolean => contents(p).some((c) => c.includes(fragment));

  it("Xi's 'a new height' readiness, reported by the Kremlin's press service", () => {
    const p = byCue(ps, "declared");
    expect(p.source?.text).toBe("Chinese President Xi Jinping");
    expect(p.resolvedSourceId).toBe("xi");
    expect(has(p, "readiness to lead China-Russian relations to \"a new height\"")).toBe(true);
    expect(p.chain.map((l) => [l.role, l.source?.text, l.cue?.text])).toEqual([
      ["speaker", "Chinese President Xi Jinping", "declared"],
      ["intermediary", "the Kremlin's press service", "reported"],
    ]);
    expect(p.chain[1]?.resolvedSourceId).toBe("kremlin-press");
  });

  it("Beijing's denial of supporting Russia's military", () => {
    const p = byCue(ps, "has nevertheless denied");
    expect(p.source?.text).toBe("Beijing");
    expect(p.resolvedSourceId).toBe("prc");
    expect(p.speechAct).toBe("denies");
    expect(has(p, "accusations of supporting Russia's military efforts")).toBe(true);
  });

  it("Xi's 'face external uncertainties' statement, cue 'added'", () => {
    const p = byCue(ps, "added");
    expect(p.source?.text).toBe("Xi");
    expect(p.resolvedSourceId).toBe("xi");
    expect(has(p, "\"face external uncertainties")).toBe(true);
  });

  it("Xi's later statements stay in the press service's reporting frame (carried over)", () => {
    for (const cue of ["added", "stressed"]) {
      const p = byCue(ps, cue);
      expect(p.chain.map((l) => [l.role, l.source?.text, l.cue?.text, l.carriedOver === true])).toEqual([
        ["speaker", p.source?.text, cue, false],
        ["intermediary", "the Kremlin's press service", "reported", true],
      ]);
      expect(p.chain[1]?.resolvedSourceId).toBe("kremlin-press");
      // The reported passage is the whole later statement, speaker and cue included.
      expect(p.chain[1]?.content.map((c) => c.text)).toEqual([TEXT.slice(p.source?.start, p.content[p.content.length - 1]?.end)]);
    }
  });

  it("other speakers do not inherit the press service frame", () => {
    for (const cue of ["has nevertheless denied", "noted", "also called", "said", "has named"]) {
      expect(byCue(ps, cue).chain).toHaveLength(1);
    }
  });

  it("'The Chinese president stressed' resolves to Xi", () => {
    const p = byCue(ps, "stressed");
    expect(p.source?.text).toBe("The Chinese president");
    expect(p.antecedent?.text).toMatch(/Xi/);
    expect(p.resolvedSourceId).toBe("xi");
    expect(has(p, "bilateral cooperation between Beijing and Moscow is gradually expanding")).toBe(true);
  });

  it("Putin's 7% / $220 billion trade figure, cue 'noted'", () => {
    const p = byCue(ps, "noted");
    expect(p.source?.text).toBe("Putin");
    expect(p.resolvedSourceId).toBe("putin");
    expect(has(p, "a 7% increase in trade")).toBe(true);
    expect(has(p, "more than $220 billion")).toBe(true);
  });

  it("'The Russian president also called' resolves to Putin", () => {
    const p = byCue(ps, "also called");
    expect(p.antecedent?.text).toMatch(/Putin/);
    expect(p.speechAct).toBe("characterises");
  });

  it("Putin's multi-sentence quote with 'Putin said' after it", () => {
    const p = byCue(ps, "said");
    expect(p.source?.text).toBe("Putin");
    expect(p.direct).toBe(true);
    expect(has(p, "\"China is the largest consumer of Russian energy resources. We hold the first place")).toBe(true);
    expect(has(p, "natural gas supplies to China,\"")).toBe(true);
  });

  it("Beijing's mediator role", () => {
    const p = byCue(ps, "has also positioned itself as");
    expect(p.source?.text).toBe("Beijing");
    expect(has(p, "a mediator between Russia and Ukraine")).toBe(true);
  });

  it("China's criticism of the U.S. for 'exacerbating' the war", () => {
    const p = byCue(ps, "has criticized");
    expect(p.source?.text).toBe("China");
    expect(["accuses", "characterises"]).toContain(p.speechAct);
    expect(has(p, "the U.S. and its allies for \"exacerbating\" the war")).toBe(true);
  });

  it("NATO naming Beijing a 'decisive enabler'", () => {
    const p = byCue(ps, "has named");
    expect(p.source?.text).toBe("NATO");
    expect(p.resolvedSourceId).toBe("nato");
    expect(["accuses", "characterises"]).toContain(p.speechAct);
    expect(has(p, "Beijing a \"decisive enabler\" of Russia's war")).toBe(true);
  });

  it("claims in the outlet's own voice (no source, no cue) appear only when asked for", () => {
    // "China … has become Moscow's leading source of dual-use goods" and Putin's two visits
    // since February 2022 are the publisher's statements: nothing in the text attributes them.
    const dualUse = (list: AttributionProposal[]) => list.find((p) => has(p, "Moscow's leading source of dual-use goods"));
    const visits = (list: AttributionProposal[]) => list.find((p) => has(p, "Putin has visited China twice"));
    expect(dualUse(ps)).toBeUndefined();
    expect(visits(ps)).toBeUndefined();
    const all = propose(TEXT, { knownSources: KNOWN, includeUnattributed: true });
    for (const p of [dualUse(all), visits(all)]) {
      expect(p?.pattern).toBe("unattributed");
      expect(p?.source).toBeNull();
      expect(p?.cue).toBeNull();
    }
  });
});

describe("reporting frames carried over to later statements", () => {
  const chainOf = (text: string, cue: string): Array<[string, string | undefined]> =>
    byCue(propose(text), cue).chain.map((l) => [l.role, l.source?.text]);

  it("carries the agency to the same speaker's next statements, named or described", () => {
    const text =
      "Mayor Ana Lima said the city would buy new buses, the city news agency reported on Monday.\n" +
      "The budget was approved in March.\n" +
      "Lima also pledged to reopen the north bridge. The mayor insisted that fares would not rise.";
    expect(chainOf(text, "also pledged")).toEqual([["speaker", "Lima"], ["intermediary", "the city news agency"]]);
    expect(chainOf(text, "insisted")).toEqual([["speaker", "The mayor"], ["intermediary", "the city news agency"]]);
  });

  it("stops at another reporting frame", () => {
    const text =
      "Mayor Ana Lima said the city would buy new buses, the city news agency reported.\n" +
      "According to the transport union, drivers are short.\n" +
      "Lima also pledged to reopen the north bridge.";
    expect(chainOf(text, "also pledged")).toEqual([["speaker", "Lima"]]);
  });

  it("stops when the speaker gets a channel of their own", () => {
    const text =
      "Mayor Ana Lima said the city would buy new buses, the city news agency reported.\n" +
      "Lima told reporters on Tuesday that the fleet would be electric. Lima also pledged to reopen the north bridge.";
    expect(chainOf(text, "told")).toEqual([["speaker", "Lima"]]);
    expect(chainOf(text, "also pledged")).toEqual([["speaker", "Lima"]]);
  });

  it("lapses after several sentences without the speaker", () => {
    const filler = "The river rose again. Crews cleared the road. Schools stayed closed. Trains ran late. Shops opened early. Rain fell all day. The roads flooded.";
    const text = `Mayor Ana Lima said the city would buy new buses, the city news agency reported.\n${filler}\nLima also pledged to reopen the north bridge.`;
    expect(chainOf(text, "also pledged")).toEqual([["speaker", "Lima"]]);
  });
});
