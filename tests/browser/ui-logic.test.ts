import { transitions as serverTransitions } from "../../src/verification/workflow-table";
import { chainLine, chainRow } from "../../web/src/lib/chain-format";
import { summarise } from "../../web/src/lib/history-summary";
import { nearestOccurrence, trimmed } from "../../web/src/lib/text-offsets";
import { decodeEntities, parseSnippet } from "../../web/src/lib/snippet";
import { segmentText } from "../../web/src/lib/text-segments";
import { transitions as uiTransitions } from "../../web/src/lib/workflow";
import { draftDiffers, draftFrom, fromLocalInput, verdictBody } from "../../web/src/screens/desk/verdict-draft";
import type { ChainLink, HistoryEntry, Verdict } from "../../web/src/api/api-types";

/** The editor UI's pure logic, without a browser (the DOM parts are in review-desk.test.ts). */

describe("the UI's copy of the workflow", () => {
  it("offers exactly the service's transitions with the same minimum roles", () => {
    const key = (t: { from: string; to: string; minRole: string }) => `${t.from}→${t.to}:${t.minRole}`;
    expect(uiTransitions.map(key).sort()).toEqual(serverTransitions.map(key).sort());
  });
});

describe("search snippets", () => {
  it("turns <mark> into marked parts and decodes the escaped text without parsing HTML", () => {
    expect(parseSnippet("China &amp; <mark>Russia</mark> &lt;b&gt; &quot;x&quot; &#39;y&#39;")).toEqual([
      { text: "China & ", marked: false },
      { text: "Russia", marked: true },
      { text: ` <b> "x" 'y'`, marked: false },
    ]);
  });

  it("leaves unknown entities and stray tags as literal text", () => {
    expect(decodeEntities("&copy; &amp;lt;")).toBe("&copy; &lt;");
    expect(parseSnippet("<script>x</script>")).toEqual([{ text: "<script>x</script>", marked: false }]);
  });
});

describe("article text segments", () => {
  it("splits text so that runs concatenate to the text exactly, with nested and overlapping spans", () => {
    const text = "Alpha beta gamma delta";
    const segs = segmentText(text, [
      { id: "outer", start: 0, end: 16 },
      { id: "inner", start: 6, end: 10 },
      { id: "late", start: 11, end: 22 },
    ]);
    expect(segs.map((s) => s.text).join("")).toBe(text);
    expect(segs.map((s) => [s.text, s.spans.map((x) => x.id)])).toEqual([
      ["Alpha ", ["outer"]],
      ["beta", ["inner", "outer"]],
      [" ", ["outer"]],
      ["gamma", ["late", "outer"]], // shortest first: "late" is 11 long, "outer" 16
      [" delta", ["late"]],
    ]);
  });

  it("ignores spans outside the text", () => {
    expect(segmentText("abc", [{ id: "x", start: 2, end: 9 }])).toEqual([{ start: 0, end: 3, text: "abc", spans: [] }]);
  });
});

describe("selections", () => {
  it("trims white space from both ends and keeps UTF-16 offsets (emoji count as two)", () => {
    const text = "😀 said: “hello” ";
    expect(trimmed(text, 2, text.length)).toEqual({ start: 3, end: 16, exact: "said: “hello”" });
    expect(trimmed(text, 2, 3)).toBeNull();
  });

  it("finds the occurrence of a cue nearest to the quote", () => {
    expect(nearestOccurrence("said A. Then B said C, D said", "said", 12)).toEqual({ start: 15, end: 19 });
    expect(nearestOccurrence("nothing here", "said", 0)).toBeNull();
  });
});

describe("verdict drafts", () => {
  const verdict: Verdict = {
    id: "v1",
    kind: "attribution",
    rating: { id: "r", key: "accurate", label: "Accurate", colour: "#1a7f37", value: 5 },
    rationale: "Checked.",
    evidence: [{ url: "https://example.org/a", title: "A", quote: null, accessedAt: null, isPrimarySource: true }],
    reviewer: { type: "user", id: "u" },
    version: 2,
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
  };

  it("knows when a draft says something other than the saved verdict", () => {
    const d = draftFrom(verdict);
    expect(draftDiffers(d, verdict)).toBe(false);
    expect(draftDiffers({ ...d, rationale: "Changed." }, verdict)).toBe(true);
    expect(draftDiffers(draftFrom(null), null)).toBe(false);
  });

  it("sends only what the API accepts: no isPrimarySource on content, correctionNote only for corrections", () => {
    const d = { ...draftFrom(verdict), correctionNote: " fixed " };
    expect(verdictBody("attribution", d, true)).toEqual({
      rating: "accurate",
      rationale: "Checked.",
      evidence: [{ url: "https://example.org/a", title: "A", isPrimarySource: true }],
      correctionNote: "fixed",
    });
    expect(verdictBody("content", d, false)).toEqual({ rating: "accurate", rationale: "Checked.", evidence: [{ url: "https://example.org/a", title: "A" }] });
    expect(fromLocalInput("")).toBeUndefined();
    expect(fromLocalInput("2025-01-21T14:30")).toMatch(/^2025-01-21T\d\d:30:00\.000Z$/);
  });
});

describe("chains and history in words", () => {
  const link = (position: number, name: string, role: ChainLink["role"] = position === 0 ? "speaker" : "intermediary"): ChainLink => ({
    position,
    role,
    cue: null,
    cueSpan: null,
    speechAct: "reports",
    source: { id: `s${position}`, name, type: "person", aliases: [], wikidataId: null },
  });

  it("writes the chain on one line, speaker first, whatever the order received", () => {
    expect(chainLine([link(2, "The Kyiv Independent"), link(0, "Putin"), link(1, "Kremlin press service")])).toBe("Putin → Kremlin press service → The Kyiv Independent");
  });

  it("splits a queue row's chain into the speaker and the rest", () => {
    expect(chainRow([link(2, "The Kyiv Independent", "publisher"), link(0, "Putin"), link(1, "Kremlin press service")])).toEqual({
      speaker: "Putin",
      rest: "Kremlin press service → The Kyiv Independent",
    });
    expect(chainRow([link(0, "Putin")])).toEqual({ speaker: "Putin", rest: "" });
  });

  it("never shows the outlet of a publisher-only chain as its speaker", () => {
    expect(chainRow([link(0, "The Kyiv Independent", "publisher")])).toEqual({ speaker: null, rest: "The Kyiv Independent (publisher only)" });
    // An intermediary first (no speaker named) is not promoted to speaker either.
    expect(chainRow([link(1, "The Kyiv Independent", "publisher"), link(0, "Kremlin press service")].map((l, i) => (i === 1 ? { ...l, role: "intermediary" as const } : l)))).toEqual({
      speaker: null,
      rest: "Kremlin press service → The Kyiv Independent",
    });
  });

  it("summarises verdict, workflow and assignment events", () => {
    const entry = (action: string, before: unknown, after: unknown): HistoryEntry => ({ seq: 1, occurredAt: "", actor: { type: "user", id: "u" }, action, entityType: "claim", entityId: "c", before, after });
    const label = (_k: string, key: string) => key.toUpperCase();
    const name = (id: string | null) => `name-${id}`;
    expect(summarise(entry("verdict.updated", null, { kind: "content", rating: "true", evidence: [{}, {}] }), label, name)).toEqual({ text: "rated content: TRUE", note: "2 evidence items" });
    expect(summarise(entry("verdict.updated", { rating: "true" }, { kind: "content", rating: "false", evidence: [] }), label, name).text).toBe("changed the content verdict from TRUE to FALSE");
    expect(summarise(entry("claim.transitioned", { status: "ready" }, { from: "ready", to: "published", note: null }), label, name)).toEqual({ text: "moved it from Ready to Published", note: undefined });
    expect(summarise(entry("claim.assigned", {}, { assigneeId: "x" }), label, name).text).toBe("assigned it to name-x");
    expect(summarise(entry("claim.anchor_lost", null, null), label, name).text).toBe("claim anchor lost");
  });
});
