import { contextAround, contextScore, locateQuote, reanchor, relocateSpan, splitsSurrogatePair } from "../../src/articles/reanchor";
import { quoteSelectorAt } from "../../src/articles/text-anchor";

/** The selector and old position of `exact` (its `nth` occurrence) in `text`, as stored. */
function anchorOf(text: string, exact: string, nth = 0) {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(exact, start + 1);
  if (start < 0) throw new Error(`"${exact}" not in text`);
  return { selector: quoteSelectorAt(text, start, start + exact.length), old: { start, textLength: text.length } };
}

function expectAnchoredAt(newText: string, result: ReturnType<typeof reanchor>, exact: string, start: number) {
  expect(result).toMatchObject({ status: "anchored", start, end: start + exact.length, exact });
  if (result.status === "anchored") expect(newText.slice(result.start, result.end)).toBe(exact);
}

const text =
  "Putin, in turn, noted a 7% increase in trade between the two countries, which amounts to more than $220 billion. " +
  "The Russian president also called China Russia's leading trading partner.";
const quote = "a 7% increase in trade between the two countries";

describe("reanchor", () => {
  it("keeps the offsets when the text is unchanged", () => {
    const { selector, old } = anchorOf(text, quote);
    expectAnchoredAt(text, reanchor(text, selector, old), quote, old.start);
  });

  it("shifts the span by the length of a paragraph inserted before the quote", () => {
    const { selector, old } = anchorOf(text, quote);
    const inserted = "Editor's note: this story was updated.\n";
    const newText = inserted + text;
    expectAnchoredAt(newText, reanchor(newText, selector, old), quote, old.start + inserted.length);
  });

  it("keeps the offsets when only text after the quote changes", () => {
    const { selector, old } = anchorOf(text, quote);
    const newText = text.replace("leading trading partner", "main partner in trade");
    expectAnchoredAt(newText, reanchor(newText, selector, old), quote, old.start);
  });

  it("finds the quote when the words right around it were edited", () => {
    const { selector, old } = anchorOf(text, quote);
    const newText = text.replace("Putin, in turn, noted ", "Putin, for his part, pointed to ").replace(", which amounts to", " — that is");
    const start = newText.indexOf(quote);
    expectAnchoredAt(newText, reanchor(newText, selector, old), quote, start);
  });

  it("recomputes prefix and suffix from the new text", () => {
    const { selector, old } = anchorOf(text, quote);
    const newText = `Update. ${text.replace("Putin, in turn, noted", "Putin noted")}`;
    const result = reanchor(newText, selector, old);
    const start = newText.indexOf(quote);
    expect(result).toEqual({ status: "anchored", start, end: start + quote.length, exact: quote, ...contextAround(newText, start, start + quote.length) });
    if (result.status === "anchored") expect(result.prefix.endsWith("Putin noted ")).toBe(true);
  });

  it("reports anchor_lost when the quote was removed", () => {
    const { selector, old } = anchorOf(text, quote);
    const newText = text.replace(`noted ${quote}, which`, "noted growth, which");
    expect(reanchor(newText, selector, old)).toEqual({ status: "anchor_lost" });
  });

  it("reports anchor_lost when one character of the quote changed", () => {
    const { selector, old } = anchorOf(text, quote);
    expect(reanchor(text.replace("a 7% increase", "a 8% increase"), selector, old)).toEqual({ status: "anchor_lost" });
    expect(reanchor(text.replace("two countries", "two Countries"), selector, old)).toEqual({ status: "anchor_lost" });
  });

  it("reports anchor_lost for an empty quote or an empty text", () => {
    expect(reanchor(text, { exact: "", prefix: "", suffix: "" }, { start: 0, textLength: text.length })).toEqual({ status: "anchor_lost" });
    const { selector, old } = anchorOf(text, quote);
    expect(reanchor("", selector, old)).toEqual({ status: "anchor_lost" });
  });

  it("anchors a quote again once a later revision brings it back", () => {
    const { selector, old } = anchorOf(text, quote);
    const without = text.replace(quote, "growth");
    expect(reanchor(without, selector, old)).toEqual({ status: "anchor_lost" });
    const restored = `New intro. ${text}`;
    expectAnchoredAt(restored, reanchor(restored, selector, old), quote, old.start + "New intro. ".length);
  });
});

describe("reanchor with repeated quotes", () => {
  const repeated = "Asked about the talks, Lavrov said \"we are ready\". Later that day Zelensky said \"we are ready\" too.";

  it("chooses the occurrence whose context matches, not the first one", () => {
    const { selector, old } = anchorOf(repeated, "we are ready", 1);
    const newText = `Breaking: ${repeated}`;
    expectAnchoredAt(newText, reanchor(newText, selector, old), "we are ready", old.start + "Breaking: ".length);
  });

  it("keeps the first occurrence when that one was anchored", () => {
    const { selector, old } = anchorOf(repeated, "we are ready", 0);
    const newText = repeated.replace("Asked about the talks", "When asked about the peace talks");
    expectAnchoredAt(newText, reanchor(newText, selector, old), "we are ready", newText.indexOf("we are ready"));
  });

  it("follows the context when the occurrences swap places", () => {
    const a = "Lavrov said \"we are ready\" on Monday.";
    const b = "Zelensky said \"we are ready\" on Tuesday.";
    const before = `${a} ${b}`;
    const after = `${b} ${a}`;
    const { selector, old } = anchorOf(before, "we are ready", 0); // Lavrov's
    expectAnchoredAt(after, reanchor(after, selector, old), "we are ready", after.indexOf("Lavrov said") + 'Lavrov said "'.length);
  });

  it("breaks a tie of equal context by the old relative position", () => {
    const para = "The minister said: yes. ";
    const before = para.repeat(4);
    const { selector, old } = anchorOf(before, "yes", 2); // third of four identical paragraphs
    // Twice as long: 70% into the old text is 70% into the new one, in the sixth paragraph.
    const after = para.repeat(8);
    const result = reanchor(after, selector, old);
    expectAnchoredAt(after, result, "yes", 5 * para.length + para.indexOf("yes"));
  });

  it("prefers the occurrence with the longer unchanged context next to it", () => {
    const quoteSel = { exact: "yes", prefix: "the minister said: ", suffix: ". Then" };
    const newText = "Someone said: yes. Later the minister said: yes. Then nothing.";
    expect(locateQuote(newText, quoteSel, 0)).toBe(newText.lastIndexOf("yes"));
    expect(contextScore(newText, newText.lastIndexOf("yes"), newText.lastIndexOf("yes") + 3, quoteSel)).toBe(quoteSel.prefix.length + quoteSel.suffix.length);
  });

  it("considers overlapping occurrences", () => {
    expect(locateQuote("xaaaay", { exact: "aa", prefix: "", suffix: "y" }, 0)).toBe(3); // "y" only follows the last "aa"
    expect(locateQuote("xaaaay", { exact: "aa", prefix: "x", suffix: "" }, 5)).toBe(1); // "x" only precedes the first
  });
});

describe("reanchor with unicode", () => {
  it("counts an emoji before the quote as two UTF-16 code units", () => {
    const before = "Crowds cheered. The president said it was historic.";
    const { selector, old } = anchorOf(before, "it was historic");
    const after = `🎉🎉 ${before}`;
    const result = reanchor(after, selector, old);
    expectAnchoredAt(after, result, "it was historic", old.start + 5);
    expect("🎉🎉 ".length).toBe(5);
  });

  it("anchors a quote that contains emoji and accents", () => {
    const before = "Она сказала: «мы готовы 🤝 к переговорам», — заявила пресс-служба. Ça a été confirmé.";
    const exact = "«мы готовы 🤝 к переговорам»";
    const { selector, old } = anchorOf(before, exact);
    const after = `Обновлено 👀. ${before.replace("Ça a été", "Cela a été")}`;
    expectAnchoredAt(after, reanchor(after, selector, old), exact, after.indexOf(exact));
  });

  it("loses a quote whose emoji changed", () => {
    const before = "He wrote \"great deal 👍\" on Tuesday.";
    const { selector, old } = anchorOf(before, "great deal 👍");
    expect(reanchor(before.replace("👍", "👎"), selector, old)).toEqual({ status: "anchor_lost" });
  });

  it("never cuts an emoji in half in the new prefix or suffix", () => {
    const emoji = "😀";
    const newText = `${emoji}abc${emoji}`;
    // A context of one code unit around "abc" would start and end inside the emoji.
    expect(contextAround(newText, 2, 5, 1)).toEqual({ prefix: "", suffix: "" });
    expect(contextAround(newText, 2, 5, 2)).toEqual({ prefix: emoji, suffix: emoji });
    const result = reanchor(`x${newText}`, { exact: "abc", prefix: "", suffix: "" }, { start: 2, textLength: newText.length }, 3);
    expect(result).toMatchObject({ status: "anchored", start: 3, end: 6, prefix: `x${emoji}`, suffix: emoji });
  });

  it("does not match a quote across the halves of a surrogate pair", () => {
    const smile = "😀"; // \uD83D\uDE00
    const low = smile.charAt(1);
    expect(splitsSurrogatePair(smile, 1)).toBe(true);
    expect(splitsSurrogatePair(smile, 0)).toBe(false);
    expect(splitsSurrogatePair(smile, 2)).toBe(false);
    expect(locateQuote(`${smile}x`, { exact: `${low}x`, prefix: "", suffix: "" }, 0)).toBeNull();
  });
});

describe("relocateSpan (attribution cues)", () => {
  const oldText = "Intro. Putin, in turn, noted a 7% increase in trade. Lavrov noted nothing.";
  const quoteStart = oldText.indexOf("a 7% increase");
  const quoteEnd = quoteStart + "a 7% increase in trade".length;
  const cue = { start: oldText.indexOf("noted"), end: oldText.indexOf("noted") + 5 };

  it("moves a cue with its quote when the text between them is unchanged", () => {
    const newText = `Editor's note. ${oldText}`;
    const shift = "Editor's note. ".length;
    const moved = relocateSpan(oldText, newText, cue, { oldStart: quoteStart, oldEnd: quoteEnd, newStart: quoteStart + shift });
    expect(moved).toEqual({ start: cue.start + shift, end: cue.end + shift });
  });

  it("finds a cue by its context when the text between it and the quote changed", () => {
    const newText = oldText.replace("noted a 7%", "noted a sharp 7%");
    const newStart = newText.indexOf("7% increase");
    const quote = { oldStart: oldText.indexOf("7% increase"), oldEnd: quoteEnd, newStart };
    expect(relocateSpan(oldText, newText, cue, quote)).toEqual(cue);
  });

  it("gives up on a cue whose wording changed rather than picking another one", () => {
    const newText = oldText.replace("Putin, in turn, noted", "Putin pointed to");
    const newStart = newText.indexOf("a 7% increase");
    // "noted" still occurs (Lavrov's), but not with this cue's context.
    expect(relocateSpan(oldText, newText, cue, { oldStart: quoteStart, oldEnd: quoteEnd, newStart })).toBeNull();
  });

  it("refuses offsets outside the old text", () => {
    expect(relocateSpan(oldText, oldText, { start: 500, end: 505 }, { oldStart: quoteStart, oldEnd: quoteEnd, newStart: quoteStart })).toBeNull();
  });
});
