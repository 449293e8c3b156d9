import { analyse } from "../../src/extraction/document";

function sentences(text: string): string[] {
  const doc = analyse(text);
  return doc.sentences.map((s) => text.slice(doc.tokens[s.first]?.start ?? 0, doc.tokens[s.last]?.end ?? 0));
}

describe("sentence splitting", () => {
  it("keeps abbreviations inside sentences", () => {
    expect(sentences("Mr. Smith met Dr. Jones in the U.S. capital on Jan. 5 to talk. They agreed.")).toEqual([
      "Mr. Smith met Dr. Jones in the U.S. capital on Jan. 5 to talk.",
      "They agreed.",
    ]);
  });

  it("splits after U.S. when a typical sentence opener follows", () => {
    expect(sentences("The envoy flew to the U.S. The talks began at noon.")).toEqual([
      "The envoy flew to the U.S.",
      "The talks began at noon.",
    ]);
  });

  it("keeps middle initials and splits after a closing quote", () => {
    expect(sentences("John Q. Public called it “a good day.” Later he left.")).toEqual([
      "John Q. Public called it “a good day.”",
      "Later he left.",
    ]);
  });

  it("keeps a multi-sentence quotation in one frame sentence", () => {
    expect(sentences("“The river is rising. We are ready,” the mayor said. Crews arrived.")).toEqual([
      "“The river is rising. We are ready,” the mayor said.",
      "Crews arrived.",
    ]);
  });

  it("treats line breaks as paragraph and sentence boundaries", () => {
    expect(sentences("Headline without period\nBody text here.")).toEqual(["Headline without period", "Body text here."]);
  });
});
