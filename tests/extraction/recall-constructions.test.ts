/**
 * Constructions of news English added in the recall round: agent phrases inside a
 * subject, asides between subject and verb, opening time phrases, rulings, received and
 * expressed judgements. Every sentence is invented for the test; none comes from an
 * evaluation corpus.
 */
import { byCue, contents, propose } from "./helpers";

describe("extractAttributions: agent phrases inside a plural subject", () => {
  it("reads 'records obtained by X show' as a subject with its verb", () => {
    const p = byCue(propose("Emails reviewed by Reuters show the agency knew of the leak in March."), "show");
    expect(p.source?.text).toBe("Emails reviewed by Reuters");
    expect(contents(p)).toEqual(["the agency knew of the leak in March"]);
  });

  it("finds the subject after the content, across a prepositional phrase in the agent", () => {
    const p = byCue(propose("The firm gave nothing to the other campaigns, state lobbying records compiled by the Institute for Public Ethics show."), "show");
    expect(p.source?.text).toBe("state lobbying records compiled by the Institute for Public Ethics");
    expect(contents(p)).toEqual(["The firm gave nothing to the other campaigns"]);
  });

  it("takes an irregular participle with an agent as a modifier, not as the cue", () => {
    const p = byCue(propose("Internal memos seen by the Guardian reveal that the board had doubts."), "reveal");
    expect(p.source?.text).toBe("Internal memos seen by the Guardian");
    expect(propose("Internal memos seen by the Guardian reveal that the board had doubts.").some((x) => x.cue?.text === "seen")).toBe(false);
  });

  it("does not read 'said' before a time phrase as a reduced relative", () => {
    const p = byCue(propose("The levy would raise $4 million, officials familiar with the budget said on Tuesday."), "said");
    expect(p.source?.text).toBe("officials familiar with the budget");
    expect(contents(p)).toEqual(["The levy would raise $4 million"]);
  });
});

describe("extractAttributions: asides and openers around the subject", () => {
  it("finds a base or third-person verb after a connective aside", () => {
    const argue = byCue(propose("Critics, however, argue that the toll will hurt commuters."), "argue");
    expect(argue.source?.text).toBe("Critics");
    expect(contents(argue)).toEqual(["that the toll will hurt commuters"]);
    expect(byCue(propose("Teachers, for their part, say the timetable is too tight."), "say").source?.text).toBe("Teachers");
    expect(byCue(propose("The ministry, however, states that no decision has been made."), "states").source?.text).toBe("The ministry");
  });

  it("finds the shared subject after an opening time phrase without its comma", () => {
    const p = byCue(propose("Minutes later they unlocked the gym and said everyone could vote."), "said");
    expect(p.source?.text).toBe("they");
    expect(contents(p)).toEqual(["everyone could vote"]);
  });

  it("does not take a span of time opening the sentence for the subject", () => {
    const p = byCue(propose("Two days later, the mayor cancelled the trip, saying the budget could not cover it."), "saying");
    expect(p.source?.text).toBe("the mayor");
  });
});

describe("extractAttributions: rulings and judgements", () => {
  it("reads 'ruled that' as a statement of the court", () => {
    const p = byCue(propose("A state judge ruled Friday that the fee was illegal."), "ruled");
    expect(p.source?.text).toBe("A state judge");
    expect(contents(p)).toEqual(["that the fee was illegal"]);
    expect(propose("The party ruled the province for decades.")).toEqual([]);
  });

  it("finds opposition and objections received from someone", () => {
    const p = byCue(propose("The tunnel project drew fierce opposition from fishermen."), "drew fierce opposition");
    expect(p.source?.text).toBe("fishermen");
    expect(contents(p)).toEqual(["The tunnel project"]);
  });

  it("finds 'took aim at', 'took issue with' and 'sounded the alarm about'", () => {
    expect(contents(byCue(propose("Okafor took aim at the council's spending."), "took aim at"))).toEqual(["the council's spending"]);
    expect(byCue(propose("Okafor also took issue with the timing of the audit."), "also took issue with").source?.text).toBe("Okafor");
    expect(contents(byCue(propose("The treasurer sounded the alarm about rising debt."), "sounded the alarm about"))).toEqual(["rising debt"]);
    expect(propose("The group aims to plant a million trees.").map((p) => p.cue?.text)).toEqual(["aims"]);
  });
});

describe("extractAttributions: quotations and their manner of speaking", () => {
  it("reads 'was quoted as saying' with the subject as the speaker", () => {
    const p = byCue(propose("The treasurer was quoted as saying the reserves would run dry."), "was quoted as saying");
    expect(p.source?.text).toBe("The treasurer");
    expect(contents(p)).toEqual(["the reserves would run dry"]);
  });

  it("takes an unlisted past-tense verb beside a quotation as a verb of saying", () => {
    const after = byCue(propose("“What a night!” beamed Nadia Ferreira of Austin."), "beamed");
    expect(after.source?.text).toBe("Nadia Ferreira of Austin");
    expect(contents(after)).toEqual(["“What a night!”"]);
    expect(byCue(propose("“We did it,” she beamed."), "beamed").source?.text).toBe("she");
    expect(byCue(propose("“Not this again,” the coach sighed."), "sighed").source?.text).toBe("the coach");
    expect(propose("The crowd cheered and the band played.")).toEqual([]);
  });

  it("does not take the topic of 'asked about' for an inverted speaker", () => {
    const ps = propose("Ferreira, asked about the merger, said the price was fair.");
    expect(ps.some((p) => p.source?.text === "the merger")).toBe(false);
    expect(byCue(ps, "said").source?.text).toBe("Ferreira");
  });

  it("finds 'made it clear' before a that-less clause", () => {
    const p = byCue(propose("Ferreira has made it clear she will not step aside."), "has made it clear");
    expect(contents(p)).toEqual(["she will not step aside"]);
  });
});

describe("extractAttributions: feelings, shares and views", () => {
  it("finds adjectives of feeling with their object after a copula", () => {
    const p = byCue(propose("Many parents are frustrated with the new timetable."), "are frustrated with");
    expect(p.source?.text).toBe("Many parents");
    expect(contents(p)).toEqual(["the new timetable"]);
    expect(byCue(propose("The board was alarmed by the losses."), "was alarmed by").source?.text).toBe("The board");
    expect(propose("She was frustrated.")).toEqual([]);
  });

  it("finds the verb after a share in apposition to the subject", () => {
    const p = byCue(propose("A majority of renters, 58 percent, oppose the new levy."), "oppose");
    expect(p.source?.text).toBe("A majority of renters, 58 percent,");
  });

  it("reads 'is viewed favorably by' with a share of voters as the agent", () => {
    const p = byCue(propose("Ferreira is viewed favorably by 47 percent of voters."), "is viewed");
    expect(p.source?.text).toBe("47 percent of voters");
    expect(contents(p)).toEqual(["Ferreira"]);
    expect(propose("She is viewed as honest.")).toEqual([]);
  });
});

describe("extractAttributions: headlines, emphatic subjects and clause openings", () => {
  it("reads 'Name on Topic:' in a headline as the speaker before the colon", () => {
    const p = byCue(propose("Ferreira on Housing: ‘Rents Must Come Down’."), ":");
    expect(p.source?.text).toBe("Ferreira on Housing");
    expect(contents(p)).toEqual(["‘Rents Must Come Down’"]);
  });

  it("skips an emphatic reflexive after the subject", () => {
    expect(byCue(propose("The chairman himself said the merger was a mistake."), "said").source?.text).toBe("The chairman");
    expect(byCue(propose("Ferreira herself has acknowledged the risk."), "has acknowledged").source?.text).toBe("Ferreira");
  });

  it("takes the lone object of 'promised' or 'urged' as the content when nothing was said before", () => {
    expect(contents(byCue(propose("Ferreira promised a recount."), "promised"))).toEqual(["a recount"]);
    expect(contents(byCue(propose("“Why now?” Ferreira asked the panel."), "asked"))).toEqual(["“Why now?”"]);
  });

  it("ends an object content where a new clause opens after a short adverbial", () => {
    const ps = propose("Ferreira thanked the volunteers, and by midnight the fans chanted her name.");
    expect(contents(byCue(ps, "thanked"))).toEqual(["the volunteers"]);
    expect(byCue(ps, "chanted").source?.text).toBe("the fans");
  });
});

describe("extractAttributions: subjects of -ing forms", () => {
  it("shares the subject with an -ing form after time spent or after 'busy'", () => {
    const p = byCue(propose("Ferreira spent the weekend defending her budget."), "defending");
    expect(p.source?.text).toBe("Ferreira");
    expect(contents(p)).toEqual(["her budget"]);
    expect(byCue(propose("The senator was busy retweeting praise from donors."), "retweeting").source?.text).toBe("The senator");
  });

  it("finds the subject of a gerund inside an opening subordinate clause", () => {
    const p = byCue(propose("When Ferreira opened her campaign by talking about rents, her rivals laughed."), "talking about");
    expect(p.source?.text).toBe("Ferreira");
  });

  it("finds the main-clause subject after a long opening clause", () => {
    const p = byCue(propose("As a crowd of students waited for her in the packed hotel ballroom downstairs, Nadia Ferreira went online to say she was grateful."), "say");
    expect(p.source?.text).toBe("Nadia Ferreira");
  });
});

describe("extractAttributions: shared subjects of coordinated verbs", () => {
  it("gives a coordinated verb the latest speaker who opened a clause of their own", () => {
    const ps = propose("Ferreira praised the staff, and Osei, once again, criticized the plan and said it would fail.");
    expect(byCue(ps, "said").source?.text).toBe("Osei");
    expect(byCue(ps, "praised").source?.text).toBe("Ferreira");
  });

  it("keeps the first speaker when the later subject is inside that speaker's content", () => {
    expect(byCue(propose("Ferreira said the mayor lied and added that she would sue."), "added").source?.text).toBe("Ferreira");
  });
});

describe("extractAttributions: source phrases and passive subjects", () => {
  it("runs a sentence-final 'according to' source on to the sentence end", () => {
    const p = byCue(propose("Rents rose again in May, according to a survey by the housing board of Leeds."), "according to");
    expect(p.source?.text).toBe("a survey by the housing board of Leeds");
    expect(contents(p)).toEqual(["Rents rose again in May"]);
    const rel = byCue(propose("Rents rose, according to the board, which gave no details."), "according to");
    expect(rel.source?.text).toBe("the board");
  });

  it("does not take the last word of a that-clause for the subject of a passive", () => {
    const ps = propose("The mayor's claim that crime is falling was disputed.");
    const claim = byCue(ps, "claim");
    expect(claim.source?.text).toBe("The mayor's");
    expect(ps.some((p) => p.chain.some((l) => l.content.some((c) => c.text === "falling")))).toBe(false);
  });
});

describe("extractAttributions: floating quantifiers, 'including' asides and coordinated clauses", () => {
  it("skips a floating quantifier between the subject and its verb", () => {
    const p = byCue(propose("Ferreira and Osei both said the count was fair."), "said");
    expect(p.source?.text).toBe("Ferreira and Osei");
    expect(contents(p)).toEqual(["the count was fair"]);
    expect(byCue(propose("The finalists each said they would accept the result."), "said").source?.text).toBe("The finalists");
  });

  it("finds the verb after an 'including' aside", () => {
    expect(byCue(propose("The mayor's rivals, including Osei, say the budget is padded."), "say").source?.text).toBe("The mayor's rivals");
  });

  it("ends an object content where a coordinated clause with its own subject begins", () => {
    expect(contents(byCue(propose("Ferreira accused Osei of stalling, and Osei walked out."), "accused"))).toEqual(["Osei of stalling"]);
  });
});

describe("extractAttributions: 'put it this way'", () => {
  it("finds 'put it this way:' and 'put it bluntly,' before what was said", () => {
    const p = byCue(propose("Ferreira put it this way: “The port cannot wait.”"), "put it this way:");
    expect(p.source?.text).toBe("Ferreira");
    expect(contents(p)).toEqual(["“The port cannot wait.”"]);
    expect(contents(byCue(propose("One aide put it bluntly, “The bill is dead.”"), "put it bluntly"))).toEqual(["“The bill is dead.”"]);
    expect(propose("He put it on the shelf: a blue vase.")).toEqual([]);
  });
});

describe("extractAttributions: titled subjects and 'wrote in'", () => {
  it("skips a naming participle with a quoted title between the subject and its verb", () => {
    const p = byCue(propose("The ad, titled “Broken Promises,” accuses Osei of lying."), "accuses");
    expect(p.source?.text).toBe("The ad");
    expect(contents(p)).toEqual(["Osei of lying"]);
  });

  it("does not take the preposition of 'wrote in an op-ed' into the cue", () => {
    const p = byCue(propose("Ferreira wrote in an op-ed for the Herald that the levy was unfair."), "wrote");
    expect(contents(p)).toEqual(["that the levy was unfair"]);
  });
});

describe("extractAttributions: stance adjectives before a bare clause, support behind someone", () => {
  it("finds a belief adjective before a that-less clause", () => {
    const p = byCue(propose("Ferreira remains confident she will carry the district."), "remains confident");
    expect(p.source?.text).toBe("Ferreira");
    expect(contents(p)).toEqual(["she will carry the district"]);
    expect(propose("It is clear he will carry the district.")).toEqual([]);
  });

  it("finds 'threw her support behind'", () => {
    const p = byCue(propose("Ferreira threw her support behind Osei."), "threw her support behind");
    expect(p.source?.text).toBe("Ferreira");
    expect(contents(p)).toEqual(["Osei"]);
  });
});

describe("extractAttributions: subjects of a participle after the main verb phrase", () => {
  it("finds the named subject across a short aside", () => {
    const p = byCue(propose("Ferreira, visibly tired, answered by shaking her head, saying the vote was over."), "saying");
    expect(p.source?.text).toBe("Ferreira");
    expect(contents(p)).toEqual(["the vote was over"]);
  });

  it("finds the subject before an adverb such as 'then'", () => {
    const p = byCue(propose("Ferreira then turned to the harbor, saying the dredging was overdue."), "saying");
    expect(p.source?.text).toBe("Ferreira");
  });
});

describe("extractAttributions: shared subjects in subordinate and participle openings", () => {
  it("shares the subject of a subordinate clause when no one spoke before it", () => {
    const p = byCue(propose("The fans cheered when Ferreira spotted a banner in the stands and asked for it to be brought to her."), "asked for");
    expect(p.source?.text).toBe("Ferreira");
  });

  it("keeps the first speaker when the subordinate clause is inside what that speaker said", () => {
    expect(byCue(propose("Ferreira said the dam failed when it was tested and added that it would fail again."), "added").source?.text).toBe("Ferreira");
  });

  it("prefers the subject after an opening participle clause", () => {
    const p = byCue(propose("Speaking in a calm voice, she read out her demands, saying: “We want a vote.”"), "saying:");
    expect(p.source?.text).toBe("she");
  });
});

describe("extractAttributions: verbs coordinated inside a reported clause", () => {
  it("keeps a belief or intention verb after 'and' inside the reported clause", () => {
    const ps = propose("Osei says he feels fine and plans to race again.");
    expect(ps.filter((p) => p.chain[p.chain.length - 1]?.cue?.text === "says")).toHaveLength(ps.length);
    expect(ps.some((p) => p.pattern === "shared-subject")).toBe(false);
  });

  it("still gives a verb of saying after 'and' to the speaker", () => {
    const p = byCue(propose("Osei said he would race again and added that the track was fast."), "added");
    expect(p.source?.text).toBe("Osei");
    expect(p.pattern).toBe("shared-subject");
  });
});

describe("extractAttributions: voting and casting ballots", () => {
  it("does not read taking part in a ballot as a stance", () => {
    expect(propose("Farmers vote in Iowa on Monday.")).toEqual([]);
    expect(propose("Ferreira cast an absentee ballot for Osei.")).toEqual([]);
    expect(propose("Osei won 60 percent of the votes cast.")).toEqual([]);
  });

  it("still reads voting for something and casting someone as something", () => {
    expect(contents(byCue(propose("Ferreira voted for the levy."), "voted for"))).toEqual(["the levy"]);
    expect(contents(byCue(propose("Ferreira cast Osei as a spendthrift."), "cast"))).toEqual(["Osei as a spendthrift"]);
  });
});

describe("extractAttributions: authors after 'by'", () => {
  it("keeps the author of a document inside the subject", () => {
    expect(byCue(propose("A statement by the harbor authority said the pier would reopen."), "said").source?.text).toBe("A statement by the harbor authority");
    expect(byCue(propose("A new study by researchers at Leiden finds that the drug works."), "finds").source?.text).toBe("A new study by researchers at Leiden");
  });

  it("reads 'the claim by X that …' with X as the speaker", () => {
    const p = byCue(propose("Critics rejected the argument by Osei that fares must rise."), "argument");
    expect(p.source?.text).toBe("Osei");
    expect(contents(p)).toEqual(["that fares must rise"]);
  });
});

describe("extractAttributions: 'argued for'", () => {
  it("takes the target of 'argued for' as the content", () => {
    const p = byCue(propose("Ferreira has long argued for lower port fees."), "has long argued for");
    expect(p.source?.text).toBe("Ferreira");
    expect(contents(p)).toEqual(["lower port fees"]);
  });
});

describe("extractAttributions: 'For X, …' as a point of view", () => {
  it("reads an opening 'For'/'To' phrase naming people as whose view the clause is", () => {
    const p = byCue(propose("For many farmers, the drought is the top concern."), "For");
    expect(p.source?.text).toBe("many farmers");
    expect(contents(p)).toEqual(["the drought is the top concern"]);
    expect(byCue(propose("To the mayor, the plan is a gamble."), "To").source?.text).toBe("the mayor");
  });

  it("leaves time and example phrases alone", () => {
    expect(propose("For years, the pier was closed.")).toEqual([]);
    expect(propose("For example, the pier was closed.")).toEqual([]);
    expect(propose("For the first time, the pier was closed.")).toEqual([]);
  });
});

describe("extractAttributions: messages sent with an -ing clause", () => {
  it("gives the -ing clause of a sent message to the sender, not to the noun before it", () => {
    const p = byCue(propose("Ferreira sent an email to volunteers saying the count was close."), "saying");
    expect(p.source?.text).toBe("Ferreira");
    expect(contents(p)).toEqual(["the count was close"]);
    expect(byCue(propose("Osei posted a video on Instagram saying he would run."), "saying").source?.text).toBe("Osei");
  });
});
