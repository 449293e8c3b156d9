/**
 * Rules added after an error analysis on the development articles: each test holds one
 * phenomenon, with invented sentences (no text from any evaluation corpus).
 */
import { byCue, contents, propose } from "./helpers";

const cues = (text: string): Array<string | undefined> => propose(text).map((p) => p.cue?.text);

describe("extractAttributions: day names between subject and verb", () => {
  it("takes the subject before 'on Friday' as the speaker", () => {
    const p = byCue(propose("The governor on Friday said the bridge would reopen."), "said");
    expect(p.source?.text).toBe("The governor");
    expect(contents(p)).toEqual(["the bridge would reopen"]);
  });

  it("takes a long poll subject before a bare day name as the speaker", () => {
    const p = byCue(propose("Most farmers in three counties heading to the ballot boxes Tuesday say the tariff hurts them."), "say");
    expect(p.source?.text).toContain("Most farmers in three counties");
    expect(contents(p)).toEqual(["the tariff hurts them"]);
  });

  it("reads a base verb after a plural subject with places and a day name", () => {
    const p = byCue(propose("About half of retired voters in all four states voting Sunday support raising the pension age."), "support");
    expect(p.source?.text).toContain("retired voters in all four states");
    expect(contents(p)).toEqual(["raising the pension age"]);
  });
});

describe("extractAttributions: quantities as speakers", () => {
  it("accepts a fraction as the subject of a base verb", () => {
    const p = byCue(propose("Two-thirds support a longer school day."), "support");
    expect(p.source?.text).toBe("Two-thirds");
    expect(contents(p)).toEqual(["a longer school day"]);
  });

  it("still reads a number before a verb and a plural object ('7 in 10 support changes')", () => {
    expect(byCue(propose("7 in 10 support changes to the law."), "support").source?.text).toBe("7 in 10");
  });
});

describe("extractAttributions: nouns that look like base verbs", () => {
  it("does not read a capitalised 'State' inside a name as a verb", () => {
    expect(cues("Oregon Secretary of State Ana Lima is reminding the campaigns about the rules.")).not.toContain("State");
    expect(cues("He spoke at the Ohio State Republican Party dinner on Friday.")).not.toContain("State");
  });

  it("does not read 'state' before a plural noun as a verb", () => {
    expect(cues("The mayor has carried at least two state contests this spring.")).not.toContain("state");
    expect(cues("She carried the most state delegations in March.")).not.toContain("state");
  });
});

describe("extractAttributions: addressees are not topics", () => {
  it("does not propose 'spoke to' with the audience as content", () => {
    expect(cues("The coach spoke to reporters after the match.")).not.toContain("spoke to");
  });

  it("keeps 'spoke about' with its topic", () => {
    const p = byCue(propose("The coach spoke about the injury after the match."), "spoke about");
    expect(p.source?.text).toBe("The coach");
  });
});

describe("extractAttributions: hypothetical speech acts", () => {
  it("does not propose a modal cue inside a whether- or if-clause", () => {
    expect(cues("The senator has not decided whether he would support the bill.")).not.toContain("would support");
    expect(cues("She has no idea if she would have told the board.")).not.toContain("would have told");
  });

  it("keeps a modal cue outside such a clause", () => {
    expect(byCue(propose("The senator would support the bill, aides said."), "would support").source?.text).toBe("The senator");
  });
});

describe("extractAttributions: datelines", () => {
  it("gives a participle after a comma the subject that follows the dateline's dash", () => {
    const ps = propose("PORTO (AFP) – Mayor Ana Lima on Monday toured the flooded district, blaming the utility for the delays.");
    const p = byCue(ps, "blaming");
    expect(p.source?.text).toBe("Mayor Ana Lima");
    expect(contents(p)).toEqual(["the utility for the delays"]);
  });
});

describe("extractAttributions: quoted nicknames in an appositive", () => {
  it("takes the name before an aside ending in a quoted nickname as the speaker", () => {
    const p = byCue(propose("On Tuesday, Tom Reed, the trader known as “Lucky,” stated that he had lost everything."), "stated");
    expect(p.source?.text).toContain("Tom Reed, the trader known as");
    expect(contents(p)).toEqual(["that he had lost everything"]);
  });

  it("still reads a quotation before the cue as its content", () => {
    const p = byCue(propose("“We will appeal,” said the lawyer."), "said");
    expect(p.source?.text).toBe("the lawyer");
    expect(contents(p)).toEqual(["“We will appeal,”"]);
  });
});

describe("extractAttributions: names with a preposition before an aside", () => {
  it("takes the whole name before a relative-clause aside as the speaker", () => {
    const p = byCue(propose("The Fund for Clean Rivers, which sued the city last year, argues that the permit is void."), "argues");
    expect(p.source?.text).toBe("The Fund for Clean Rivers");
    expect(contents(p)).toEqual(["that the permit is void"]);
  });
});

describe("extractAttributions: passive agents after a complement", () => {
  it("takes a named agent after a short complement as the source", () => {
    const p = byCue(propose("The dam is considered unsafe by the Army Corps of Engineers."), "is considered");
    expect(p.source?.text).toContain("the Army Corps");
  });

  it("does not take a means ('by cutting …') for the agent", () => {
    const p = byCue(propose("The budget was criticized for years by cutting services."), "was criticized");
    expect(p.source).toBeNull();
  });
});

describe("extractAttributions: inverted speakers with a relative clause", () => {
  it("keeps the relative clause describing a speaker after the cue in the source", () => {
    const p = byCue(propose("“The mill will reopen,” said the woman who ran it for thirty years. The town cheered."), "said");
    expect(p.source?.text).toBe("the woman who ran it for thirty years");
    expect(contents(p)).toEqual(["“The mill will reopen,”"]);
  });
});

describe("extractAttributions: relative-clause asides", () => {
  it("takes an adverbial phrase between auxiliary and verb into the cue", () => {
    const ps = propose("Reed, who had in the past described the tax as theft, voted for it.");
    const p = byCue(ps, "had in the past described");
    expect(p.source?.text).toBe("who");
  });

  it("ends the aside's content at the comma before the main clause's cue", () => {
    const ps = propose("Reed, who has described the tax as theft, said the rate was too high.");
    expect(contents(byCue(ps, "has described"))).toEqual(["the tax as theft"]);
    const said = byCue(ps, "said");
    expect(said.source?.text).toBe("Reed");
    expect(contents(said)).toEqual(["the rate was too high"]);
  });
});

describe("extractAttributions: self-descriptions", () => {
  it("proposes 'self' as the source of a self-described label, naming the person as antecedent", () => {
    const p = byCue(propose("Ana Lima, a self-described fiscal hawk, voted against the bill."), "described");
    expect(p.source?.text).toBe("self");
    expect(contents(p)).toEqual(["fiscal hawk"]);
    expect(p.speechAct).toBe("characterises");
    expect(p.antecedent?.text).toBe("Ana Lima");
  });

  it("ends the description at a clause word and ignores quoted self-descriptions", () => {
    expect(contents(byCue(propose("The self-proclaimed reformer who won in May left."), "proclaimed"))).toEqual(["reformer"]);
    expect(cues("He called it “a self-described miracle cure” in print.")).not.toContain("described");
  });
});
