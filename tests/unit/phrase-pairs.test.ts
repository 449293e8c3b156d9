import { mayHoldPhrase, requiredPhrasePairs } from "../../src/claims/phrase-pairs";

// Inputs are PostgreSQL's text form of websearch_to_tsquery('english', …), as printed by psql.
describe("requiredPhrasePairs", () => {
  it("takes each adjacent pair of a phrase", () => {
    expect(requiredPhrasePairs("'carbon' <-> 'tax'")).toEqual(["carbon tax"]);
    expect(requiredPhrasePairs("'new' <-> 'height' <-> 'relat'")).toEqual(["new height", "height relat"]);
  });

  it("keeps the pairs of a phrase ANDed with words or a negated word", () => {
    expect(requiredPhrasePairs("'carbon' <-> 'tax' & 'vote'")).toEqual(["carbon tax"]);
    expect(requiredPhrasePairs("'carbon' <-> 'tax' & !'nuclear'")).toEqual(["carbon tax"]);
    expect(requiredPhrasePairs("( 'carbon' <-> 'tax' ) & ( 'trade' <-> 'war' )")).toEqual(["carbon tax", "trade war"]);
  });

  it("takes hyphenated words as the phrase PostgreSQL makes of them", () => {
    expect(requiredPhrasePairs("'carbon-tax' <-> 'carbon' <-> 'tax'")).toEqual(["carbon-tax carbon", "carbon tax"]);
  });

  it("takes nothing that the query could match without", () => {
    expect(requiredPhrasePairs("'carbon' & 'tax'")).toEqual([]);
    expect(requiredPhrasePairs("'carbon' <-> 'tax' | 'levi'")).toEqual([]); // OR anywhere
    expect(requiredPhrasePairs("'tax' & !( 'carbon' <-> 'tax' )")).toEqual([]); // negated phrase
    expect(requiredPhrasePairs("!'carbon' <-> 'tax'")).toEqual([]);
    expect(requiredPhrasePairs("'carbon' <-> !'tax'")).toEqual([]);
    expect(requiredPhrasePairs("'carbon' <2> 'tax'")).toEqual([]); // a stop word between
    expect(requiredPhrasePairs("'carbon':* <-> 'tax'")).toEqual([]); // prefix
    expect(requiredPhrasePairs("'carbon':AB <-> 'tax'")).toEqual([]); // weights
    expect(requiredPhrasePairs("( 'a' & 'b' ) <-> 'c'")).toEqual([]); // operand is a sub-query
    expect(requiredPhrasePairs("")).toEqual([]);
  });

  it("reads quotes inside lexemes and gives up on text it does not know", () => {
    expect(requiredPhrasePairs("'o''brien' <-> 'said'")).toEqual(["o'brien said"]);
    expect(requiredPhrasePairs("'unterminated <-> 'x'")).toEqual([]);
    expect(requiredPhrasePairs("carbon <-> tax")).toEqual([]);
  });
});

describe("mayHoldPhrase", () => {
  it("is true for a quoted span or a hyphenated word only", () => {
    expect(mayHoldPhrase('"carbon tax"')).toBe(true);
    expect(mayHoldPhrase("carbon-tax")).toBe(true);
    expect(mayHoldPhrase("carbon tax")).toBe(false);
    expect(mayHoldPhrase("tax -carbon")).toBe(false);
  });
});
