import { checkAnchor, quoteSelectorAt } from "../../src/articles/text-anchor";

describe("text anchors", () => {
  const text = "Putin, in turn, noted a 7% increase in trade — more than $220 billion.";

  it("builds a TextQuoteSelector with prefix and suffix context", () => {
    const start = text.indexOf("a 7%");
    const sel = quoteSelectorAt(text, start, start + 20, 8);
    expect(sel).toEqual({ exact: "a 7% increase in tra", prefix: ", noted ", suffix: "de — mor" });
  });

  it("accepts offsets that match and explains the ones that do not", () => {
    const start = text.indexOf("noted");
    expect(checkAnchor(text, { exact: "noted", start, end: start + 5 })).toEqual({ ok: true });
    expect(checkAnchor(text, { exact: "noted", start: start + 1, end: start + 6 })).toMatchObject({ ok: false, found: "oted " });
    expect(checkAnchor(text, { exact: "x", start: 500, end: 501 })).toMatchObject({ ok: false, reason: expect.stringContaining("outside") });
  });
});
