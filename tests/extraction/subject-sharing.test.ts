/**
 * Subjects shared across a clause: a pronoun before a short adverbial aside, a participle
 * after a predicate holding a noun cue, and "after" used as a preposition. Every sentence
 * is invented for the test; none comes from an evaluation corpus.
 */
import { byCue, contents, propose } from "./helpers";

describe("extractAttributions: a subject pronoun before a short adverbial aside", () => {
  it("takes the pronoun as the speaker of the cue after the aside", () => {
    const p = byCue(propose("He, too, argued that the vote was rigged."), "argued");
    expect(p.source?.text).toBe("He");
    expect(contents(p)).toEqual(["that the vote was rigged"]);
    expect(byCue(propose("They, in turn, insisted the deal was fair."), "insisted").source?.text).toBe("They");
  });

  it("starts a new statement after 'and' with the pronoun as its subject", () => {
    const ps = propose("She promised to cut fares and she, once again, promised to hire more drivers.");
    const first = byCue(ps, "promised", 0);
    const second = byCue(ps, "promised", 1);
    expect(contents(first)).toEqual(["to cut fares"]);
    expect(second.source?.text).toBe("she");
    expect(second.source?.start).toBeGreaterThan(first.source?.start ?? Infinity);
  });

  it("does not take an object pronoun or a long aside for a subject", () => {
    const ps = propose("We gave the award to him, however, and nothing was said.");
    expect(ps.some((p) => p.source?.text === "him")).toBe(false);
  });
});

describe("extractAttributions: participles sharing the main subject", () => {
  it("skips the possessor of a noun cue inside the predicate", () => {
    const ps = propose("Garcia pressed Lopez at a forum about her plan to close clinics, calling it shameful.");
    expect(byCue(ps, "calling").source?.text).toBe("Garcia");
  });

  it("reads 'went after X' as a preposition phrase, not a subordinate clause", () => {
    const ps = propose("Senator Reed went after Lopez at a rally, calling the budget a joke.");
    expect(byCue(ps, "calling").source?.text).toBe("Senator Reed");
  });

  it("still shares the subject of a real subordinate clause", () => {
    const ps = propose("The crowd cheered after Lima spotted the sign, calling it brilliant.");
    expect(byCue(ps, "calling").source?.text).toBe("Lima");
  });
});

describe("extractAttributions: conversation verbs and concessive gerunds", () => {
  it("reads 'talks to X about Y' as a cue whose content holds the topic", () => {
    const p = byCue(propose("Lopez talks to reporters about the budget."), "talks");
    expect(p.source?.text).toBe("Lopez");
    expect(contents(p).join(" ")).toContain("about the budget");
    expect(byCue(propose("The senator is talking to dairy farmers about trade."), "is talking").source?.text).toBe("The senator");
  });

  it("leaves 'spoke to reporters' without a topic alone", () => {
    expect(propose("Lopez spoke to reporters after the vote.").map((p) => p.cue?.text)).not.toContain("spoke");
  });

  it("gives a gerund after 'despite' the subject of the main clause", () => {
    const p = byCue(propose("Despite criticizing the plan for weeks, Reed voted for it."), "criticizing");
    expect(p.source?.text).toBe("Reed");
    expect(contents(p)).toEqual(["the plan for weeks"]);
  });
});

describe("extractAttributions: lists of verb phrases and noun-phrase boundaries", () => {
  it("continues a list of verb phrases whose comma sits inside a closing quote", () => {
    const ps = propose("The mayor called the plan “a disaster,” blasted the council and promised a review.");
    expect(contents(byCue(ps, "called"))).toEqual(["the plan “a disaster,”"]);
    expect(byCue(ps, "blasted").source?.text).toBe("The mayor");
  });

  it("does not read a plural noun after a capitalised compass adjective as a verb", () => {
    const cuesOf = propose("The race now moves to Southern states this week.").map((p) => p.cue?.text);
    expect(cuesOf).not.toContain("states");
    expect(byCue(propose("Unemployment in the region, Reuters reports, fell last year."), "reports").source?.text).toBe("Reuters");
  });

  it("leaves 'far' of an opening 'so far' out of the subject", () => {
    expect(byCue(propose("So far Lopez has echoed the mayor's message."), "has echoed").source?.text).toBe("Lopez");
  });
});

describe("extractAttributions: a relative clause after the sentence's subject", () => {
  it("gives a later participle the subject, not the relative pronoun", () => {
    const ps = propose("The governor, who faces a tough race, met voters on Monday, saying she would win.");
    expect(byCue(ps, "saying").source?.text).toBe("The governor");
  });
});

describe("extractAttributions: acts and messages of the clause's subject", () => {
  it("gives a trailing 'with a reference to …' the subject of the main clause", () => {
    const p = byCue(propose("Lopez angered voters on Monday, with a reference to the old scandal."), "a reference to");
    expect(p.source?.text).toBe("Lopez");
    expect(contents(p)).toEqual(["the old scandal"]);
    // An opening phrase still has no speaker of its own.
    expect(byCue(propose("In a swipe at Reed, Lopez said the budget was a mess."), "a swipe at").source).toBeNull();
  });

  it("needs no comma before 'with a swipe at' after a verb phrase", () => {
    const p = byCue(propose("Lopez ended the debate with a swipe at Reed."), "a swipe at");
    expect(p.source?.text).toBe("Lopez");
    expect(contents(p)).toEqual(["Reed"]);
  });

  it("reads signs and banners carried by the subject as its message", () => {
    expect(byCue(propose("Protesters waved signs reading “No war.”"), "reading").source?.text).toBe("Protesters");
    expect(byCue(propose("Strikers will hold banners proclaiming: “Fair pay now!”"), "proclaiming:").source?.text).toBe("Strikers");
  });
});

describe("extractAttributions: an addressee between a noun of arguing and its clause", () => {
  it("reads 'made the case to X that …' as a cue", () => {
    const p = byCue(propose("Lopez made the case to a group of dairy farmers that tariffs hurt them."), "made the case");
    expect(p.source?.text).toBe("Lopez");
    expect(contents(p).join(" ")).toContain("that tariffs hurt them");
    expect(byCue(propose("Reed is making a passionate case to voters that he can win."), "is making a passionate case").source?.text).toBe("Reed");
  });

  it("leaves a case taken to court alone", () => {
    expect(propose("Lopez took the case to court.")).toEqual([]);
  });
});

describe("extractAttributions: 'as measured by X' and hedged 'as … by X'", () => {
  it("reads an evidential participle after 'as' with its agent as the source", () => {
    const p = byCue(propose("The economy is weak, at least as measured by most economists."), "measured");
    expect(p.source?.text).toBe("most economists");
    expect(contents(p)).toEqual(["The economy is weak"]);
    expect(byCue(propose("As judged by voters, the debate was a draw."), "judged").source?.text).toBe("voters");
  });

  it("leaves a plain passive of measuring alone", () => {
    expect(propose("The distance was measured by engineers.")).toEqual([]);
  });
});
