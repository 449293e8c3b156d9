import type { AttributionProposal } from "../../src/extraction";
import { align, flattenProposals, mergeRanges, overlapChars, prf, scoreDocument, sumScores, type Relation } from "../../src/extraction/evaluate";

const r = (source: Array<[number, number]>, cue: Array<[number, number]>, content: Array<[number, number]>): Relation => ({
  source: source.map(([start, end]) => ({ start, end })),
  cue: cue.map(([start, end]) => ({ start, end })),
  content: content.map(([start, end]) => ({ start, end })),
});

describe("scorer arithmetic", () => {
  it("merges ranges and counts overlapping characters", () => {
    expect(mergeRanges([{ start: 5, end: 8 }, { start: 0, end: 3 }, { start: 2, end: 4 }])).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 8 },
    ]);
    expect(overlapChars([{ start: 0, end: 10 }], [{ start: 5, end: 15 }])).toBe(5);
    expect(overlapChars([{ start: 0, end: 3 }, { start: 6, end: 9 }], [{ start: 2, end: 7 }])).toBe(2);
    expect(overlapChars([{ start: 0, end: 3 }], [{ start: 3, end: 5 }])).toBe(0);
  });

  it("computes P/R/F1 and handles zero denominators", () => {
    expect(prf({ tp: 1, predicted: 2, gold: 4 })).toEqual({ precision: 0.5, recall: 0.25, f1: 1 / 3 });
    expect(prf({ tp: 0, predicted: 0, gold: 0 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it("scores exact, overlap and character matches per role", () => {
    const gold = [r([[0, 5]], [[6, 10]], [[11, 30]]), r([[40, 45]], [[46, 50]], [[51, 60]])];
    const pred = [
      r([[0, 5]], [[6, 10]], [[11, 25]]), // source and cue exact, content overlaps (14 of 19 chars)
      r([[70, 75]], [[76, 80]], [[81, 90]]), // matches nothing
    ];
    const s = scoreDocument(pred, gold);
    expect(s.source.exact).toEqual({ tp: 1, predicted: 2, gold: 2 });
    expect(s.cue.overlap).toEqual({ tp: 1, predicted: 2, gold: 2 });
    expect(s.content.exact).toEqual({ tp: 0, predicted: 2, gold: 2 });
    expect(s.content.overlap).toEqual({ tp: 1, predicted: 2, gold: 2 });
    expect(s.content.chars).toEqual({ tp: 14, predicted: 14 + 9, gold: 19 + 9 });
    expect(s.full).toEqual({ tp: 1, predicted: 2, gold: 2 });
    expect(s.sourceFound).toEqual({ found: 1, total: 2 });
  });

  it("compares multi-span contents as sets of spans (exact) and characters (overlap)", () => {
    const gold = [r([[0, 2]], [[3, 7]], [[10, 20], [30, 40]])];
    expect(scoreDocument([r([[0, 2]], [[3, 7]], [[30, 40], [10, 20]])], gold).content.exact.tp).toBe(1);
    const partial = scoreDocument([r([[0, 2]], [[3, 7]], [[10, 20]])], gold);
    expect(partial.content.exact.tp).toBe(0);
    expect(partial.content.overlap.tp).toBe(1);
    expect(partial.content.chars).toEqual({ tp: 10, predicted: 10, gold: 20 });
  });

  it("aligns one-to-one, preferring cue overlap over content overlap", () => {
    // Two predictions share the gold content; the one whose cue overlaps wins.
    const gold = [r([[0, 3]], [[4, 8]], [[20, 30]])];
    const pred = [r([[50, 53]], [[54, 58]], [[20, 30]]), r([[0, 3]], [[4, 8]], [[20, 30]])];
    expect(align(pred, gold)).toEqual([[1, 0]]);
  });

  it("counts relations without source: no source to find, a predicted source is a false positive", () => {
    const gold = [r([], [[4, 8]], [[10, 20]])];
    const s = scoreDocument([r([[0, 3]], [[4, 8]], [[10, 20]])], gold);
    expect(s.source.overlap).toEqual({ tp: 0, predicted: 1, gold: 0 });
    expect(s.full.tp).toBe(0);
    expect(scoreDocument([r([], [[4, 8]], [[10, 20]])], gold).full.tp).toBe(1);
  });

  it("sums documents (micro-average)", () => {
    const a = scoreDocument([r([[0, 1]], [[2, 3]], [[4, 5]])], [r([[0, 1]], [[2, 3]], [[4, 5]])]);
    const b = scoreDocument([], [r([[0, 1]], [[2, 3]], [[4, 5]])]);
    expect(sumScores([a, b]).cue.overlap).toEqual({ tp: 1, predicted: 1, gold: 2 });
  });

  const span = (start: number, end: number) => ({ start, end, text: "x".repeat(end - start) });
  /** A speaker's proposal reported by an intermediary (whose link may be carried over). */
  const reported = (carriedOver?: true): AttributionProposal => ({
    id: "p1",
    source: span(0, 2),
    cue: span(3, 5),
    content: [span(6, 9)],
    speechAct: "asserts",
    confidence: 0.9,
    direct: false,
    pattern: "source-cue-content",
    chain: [
      { role: "speaker", source: span(0, 2), cue: span(3, 5), content: [span(6, 9)], speechAct: "asserts" },
      { role: "intermediary", source: span(11, 14), cue: span(15, 18), content: [span(0, 9)], speechAct: "reports", ...(carriedOver ? { carriedOver } : {}) },
    ],
  });

  it("flattens chains: every link, or only the outermost", () => {
    const p = reported();
    expect(flattenProposals([p], "all")).toHaveLength(2);
    const [outer] = flattenProposals([p], "outermost");
    expect(outer?.cue).toEqual([span(15, 18)]);
    expect(outer?.content).toEqual([span(0, 9)]);
  });

  it("scores the outermost stated link, not an intermediary carried over from an earlier sentence", () => {
    const p = reported(true);
    expect(flattenProposals([p], "all")).toHaveLength(2);
    const [only, ...rest] = flattenProposals([p], "outermost");
    expect(rest).toHaveLength(0);
    expect(only?.cue).toEqual([span(3, 5)]);
    expect(only?.source).toEqual([span(0, 2)]);
  });
});
