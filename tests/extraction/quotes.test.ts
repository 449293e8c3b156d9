import { analyse } from "../../src/extraction/document";

const quoted = (text: string): string[] => analyse(text).quotes.map((q) => text.slice(q.start, q.end));

describe("quote scanning", () => {
  it("pairs straight double quotes", () => {
    expect(quoted('The mayor said "we will rebuild the bridge" on Monday.')).toEqual(['"we will rebuild the bridge"']);
  });

  it("pairs curly double quotes", () => {
    expect(quoted("The mayor said “we will rebuild the bridge” on Monday.")).toEqual(["“we will rebuild the bridge”"]);
  });

  it("pairs single quotes but keeps apostrophes inside words", () => {
    expect(quoted("The mayor's aide called it ‘a done deal’ and didn't elaborate.")).toEqual(["‘a done deal’"]);
    expect(quoted("The aide called it 'a done deal' yesterday.")).toEqual(["'a done deal'"]);
  });

  it("pairs guillemets in both directions and German low-high quotes", () => {
    expect(quoted("Le maire a dit «nous reconstruirons» hier.")).toEqual(["«nous reconstruirons»"]);
    expect(quoted("Der Bürgermeister sagte »wir bauen neu« gestern.")).toEqual(["»wir bauen neu«"]);
    expect(quoted("Der Bürgermeister sagte „wir bauen neu“ gestern.")).toEqual(["„wir bauen neu“"]);
  });

  it("does not treat a plural possessive apostrophe as a quote", () => {
    expect(quoted("The farmers’ union said prices were falling.")).toEqual([]);
  });

  it("runs an unclosed double quote to the end of its paragraph only", () => {
    const text = "He said “this goes on\nA new paragraph starts here.";
    expect(quoted(text)).toEqual(["“this goes on"]);
  });

  it("ignores a stray closing mark", () => {
    expect(quoted("Nothing is quoted here” at all.")).toEqual([]);
  });
});
