/**
 * Rules added for unseen articles: general constructions and cue classes of news English
 * (intentions, stances, points of view, dated adverbials, reduced relatives). Every
 * sentence is invented for the test; none comes from an evaluation corpus.
 */
import { byCue, contents, propose } from "./helpers";

const cues = (text: string): Array<string | undefined> => propose(text).map((p) => p.cue?.text);

describe("extractAttributions: subjects of belief and intention verbs", () => {
  it("reads a capitalised plural opening the sentence as a common-noun subject", () => {
    const fear = byCue(propose("Parents fear the school will close."), "fear");
    expect(fear.source?.text).toBe("Parents");
    expect(contents(fear)).toEqual(["the school will close"]);
    expect(byCue(propose("Polls show the race is tight."), "show").source?.text).toBe("Polls");
  });

  it("takes an intention form before a bare infinitive as the verb", () => {
    const p = byCue(propose("The city plans to build a new stadium."), "plans");
    expect(p.source?.text).toBe("The city");
    expect(contents(p)).toEqual(["to build a new stadium"]);
  });

  it("lets a lone quantifier opening the clause speak", () => {
    expect(byCue(propose("Some say the tax is too high."), "say").source?.text).toBe("Some");
  });

  it("keeps 'familiar with …', an agent phrase and a 'from' phrase inside the subject", () => {
    expect(byCue(propose("Sources familiar with the talks said a deal was near."), "said").source?.text).toBe("Sources familiar with the talks");
    expect(byCue(propose("A report released by the agency found that prices rose."), "found").source?.text).toBe("A report released by the agency");
    expect(byCue(propose("Data from the agency show prices rose."), "show").source?.text).toBe("Data from the agency");
  });

  it("skips a dated phrase between the subject or auxiliary and the verb", () => {
    expect(byCue(propose("Lopez last week said he will not resign."), "said").source?.text).toBe("Lopez");
    expect(byCue(propose("The mayor earlier Monday endorsed the budget."), "endorsed").source?.text).toBe("The mayor");
    expect(byCue(propose("Regulators had last week criticized the bank."), "had last week criticized").source?.text).toBe("Regulators");
  });

  it("skips a participle phrase with an agent between the subject and its verb", () => {
    expect(byCue(propose("The letter, signed by forty economists, warns that the plan will fail."), "warns").source?.text).toBe("The letter");
  });
});

describe("extractAttributions: points of view and phrasal cues", () => {
  it("finds 'as X put it'", () => {
    const p = byCue(propose("As the governor put it, the state cannot wait."), "put it");
    expect(p.source?.text).toBe("the governor");
    expect(contents(p)).toEqual(["the state cannot wait"]);
    expect(propose("He put it on the table.")).toEqual([]);
  });

  it("finds 'in the view of X' and 'in X's opinion' as adverbials like 'according to'", () => {
    const view = byCue(propose("In the view of most experts, the treaty is weak."), "In the view of");
    expect(view.source?.text).toBe("most experts");
    expect(contents(view)).toEqual(["the treaty is weak"]);
    const opinion = byCue(propose("In her opinion, the treaty is weak."), "In her opinion");
    expect(opinion.source?.text).toBe("her");
    const words = byCue(propose("The treaty is weak, in the senator's words."), "in the senator's words");
    expect(contents(words)).toEqual(["The treaty is weak"]);
    // Not an adverbial of its own: no cue.
    expect(propose("Who runs the club in his view is unclear.")).toEqual([]);
  });

  it("joins an adverbial particle and the target's preposition to the cue", () => {
    expect(contents(byCue(propose("The mayor lashed out at the press."), "lashed out at"))).toEqual(["the press"]);
    expect(contents(byCue(propose("The union came out against the merger."), "came out against"))).toEqual(["the merger"]);
    expect(propose("The report came out on Tuesday.")).toEqual([]);
    expect(byCue(propose("The senator sided with the farmers."), "sided with").source?.text).toBe("The senator");
  });

  it("takes the phrase after 'warned of' as the topic, not an addressee", () => {
    expect(contents(byCue(propose("The agency warned of heavy snow on Friday."), "warned of"))).toEqual(["heavy snow on Friday"]);
  });
});

describe("extractAttributions: stance nouns and adjectives", () => {
  it("finds a stance noun after a copula or in an appositive", () => {
    const critic = byCue(propose("Costa is a longtime critic of the tax."), "is a longtime critic of");
    expect(critic.source?.text).toBe("Costa");
    expect(contents(critic)).toEqual(["the tax"]);
    const supporter = byCue(propose("Costa, a staunch supporter of the bill, voted yes."), "staunch supporter of");
    expect(supporter.source?.text).toBe("Costa");
    expect(contents(supporter)).toEqual(["the bill"]);
    expect(cues("A critic of the plan spoke.")).toEqual([]);
  });

  it("finds attitudes after verbs of expressing, and intentions of a possessor", () => {
    expect(contents(byCue(propose("The mayor expressed frustration with the delays."), "expressed frustration with"))).toEqual(["the delays"]);
    expect(byCue(propose("Her refusal to resign angered voters."), "refusal to").source?.text).toBe("Her");
    expect(contents(byCue(propose("Her view is that the tax is unfair."), "view"))).toEqual(["that the tax is unfair"]);
  });

  it("finds intention adjectives and 'clear that', not an impersonal 'it is clear'", () => {
    expect(contents(byCue(propose("Lopez is reluctant to endorse Reed."), "is reluctant to"))).toEqual(["endorse Reed"]);
    expect(byCue(propose("Lopez has been clear that he will not resign."), "has been clear").source?.text).toBe("Lopez");
    expect(propose("It is clear that the plan failed.")).toEqual([]);
  });

  it("finds 'In a swipe at X' with no speaker of its own", () => {
    const ps = propose("In a swipe at the mayor, Lopez said the city was broke.");
    const swipe = byCue(ps, "a swipe at");
    expect(swipe.source).toBeNull();
    expect(contents(swipe)).toEqual(["the mayor"]);
    expect(byCue(ps, "said").source?.text).toBe("Lopez");
  });
});

describe("extractAttributions: added verbs and verb forms", () => {
  it("finds judgement, resistance and manner-of-speaking verbs", () => {
    expect(contents(byCue(propose("Investigators determined that the fire was arson."), "determined"))).toEqual(["that the fire was arson"]);
    expect(byCue(propose("The mayor resisted calls to resign."), "resisted").source?.text).toBe("The mayor");
    expect(byCue(propose("“Get out,” he growled."), "growled").source?.text).toBe("he");
    expect(cues("Regarding the budget, the council has been silent.")).toEqual([]);
  });

  it("doubles the final consonant of stressed verbs", () => {
    expect(cues("Lopez regretted the vote.")).toEqual(["regretted"]);
    expect(cues("Reed concurred that the ruling was fair.")).toEqual(["concurred"]);
  });

  it("takes a singular noun after an article and before a clause as the subject of a noun-like verb form", () => {
    expect(byCue(propose("The ad claims Lopez lied."), "claims").source?.text).toBe("The ad");
    // "documents" before a verb is the plural subject, not a cue.
    expect(cues("Court documents show Lopez paid the fine.")).toEqual(["show"]);
  });
});

describe("extractAttributions: participles and nesting", () => {
  it("does not take a participle modifying a noun for the cue", () => {
    // The study is the outer link; "most voters oppose" is the claim it reports.
    const p = byCue(propose("The study published Monday showed that most voters oppose the plan."), "showed");
    expect(p.chain.map((l) => [l.source?.text, l.cue?.text])).toEqual([["most voters", "oppose"], ["The study published", "showed"]]);
    expect(cues("The ministry said in a statement posted online that the talks had failed.")).toEqual(["said"]);
  });

  it("shares the subject with a participle that opens a catenative cue", () => {
    const p = byCue(propose("The governor gave a cheerful speech, declining to criticize her opponents."), "declining to criticize");
    expect(p.source?.text).toBe("The governor");
    expect(contents(p)).toEqual(["her opponents"]);
  });

  it("reads a participle of saying after a statement noun and a short adjunct", () => {
    const p = byCue(propose("The senator issued a statement on Friday saying the bill was dead."), "issued a statement on Friday saying");
    expect(p.source?.text).toBe("The senator");
    expect(contents(p)).toEqual(["the bill was dead"]);
  });

  it("nests an attribution before ', according to X' inside it", () => {
    const p = byCue(propose("“Prices will fall,” the minister will say, according to a draft of the speech."), "will say");
    expect(p.source?.text).toBe("the minister");
    expect(p.chain.map((l) => l.cue?.text)).toEqual(["will say", "according to"]);
    expect(p.chain[1]?.source?.text).toBe("a draft of the speech");
  });

  it("keeps 'that, according to X, …' inside the reporting verb's content", () => {
    const p = byCue(propose("The paper reported that, according to a memo, the plant will close."), "reported");
    expect(p.chain.map((l) => [l.source?.text, l.cue?.text])).toEqual([["a memo", "according to"], ["The paper", "reported"]]);
    expect(p.chain[1]?.content.map((c) => c.text)).toEqual(["that, according to a memo, the plant will close"]);
  });
});

describe("extractAttributions: more subjects and reporting adverbials", () => {
  it("heads a subject with a lone quantifier before a prepositional phrase", () => {
    expect(byCue(propose("Many in the party fear a split."), "fear").source?.text).toBe("Many in the party");
    expect(byCue(propose("Most of the voters surveyed said the economy was weak."), "said").source?.text).toBe("Most of the voters surveyed");
  });

  it("finds 'approve of' and 'disapprove of' but not 'approved the bill'", () => {
    expect(contents(byCue(propose("Two-thirds of voters disapprove of the plan."), "disapprove of"))).toEqual(["the plan"]);
    expect(propose("The council approved the budget.")).toEqual([]);
  });

  it("finds a judgement received from someone ('drew criticism from X')", () => {
    const p = byCue(propose("The plan drew sharp criticism from unions."), "drew sharp criticism");
    expect(p.source?.text).toBe("unions");
    expect(contents(p)).toEqual(["The plan"]);
    expect(byCue(propose("Lopez came under fire from unions."), "came under fire").source?.text).toBe("unions");
    expect(propose("Lopez won the race.")).toEqual([]);
  });

  it("reads 'per X' like 'according to X', not a rate", () => {
    const p = byCue(propose("Per a report in the Times, the mayor will resign."), "Per");
    expect(p.source?.text).toBe("a report in the Times");
    expect(contents(p)).toEqual(["the mayor will resign"]);
    expect(byCue(propose("The mayor will resign, per the agency."), "per").source?.text).toBe("the agency");
    expect(propose("Gas costs four dollars per gallon.")).toEqual([]);
  });

  it("takes the whole source phrase of an opening 'according to' up to its comma", () => {
    const p = byCue(propose("According to a poll by the university, most voters are undecided."), "According to");
    expect(p.source?.text).toBe("a poll by the university");
    expect(contents(p)).toEqual(["most voters are undecided"]);
  });

  it("finds 'as reported by X' and an inverted 'reports X'", () => {
    const first = byCue(propose("As first reported by the Times, the mayor will resign."), "first reported");
    expect(first.source?.text).toBe("the Times");
    expect(contents(first)).toEqual(["the mayor will resign"]);
    const end = byCue(propose("The mayor will resign, as reported by the Times."), "reported");
    expect(contents(end)).toEqual(["The mayor will resign"]);
    const inverted = byCue(propose("The mayor will resign, reports the Times."), "reports");
    expect(inverted.source?.text).toBe("the Times");
    expect(contents(inverted)).toEqual(["The mayor will resign"]);
  });

  it("finds a light verb with 'heaped' or 'lavished' and an attitude noun", () => {
    expect(contents(byCue(propose("Reed heaped praise on the deal."), "heaped praise on"))).toEqual(["the deal"]);
  });

  it("finds 'backtracked on' and 'flip-flopped on'", () => {
    expect(contents(byCue(propose("Reed backtracked on his pledge."), "backtracked on"))).toEqual(["his pledge"]);
    expect(byCue(propose("Reed flip-flopped on the deal."), "flip-flopped on").source?.text).toBe("Reed");
  });
});

describe("extractAttributions: headlines", () => {
  it("reads a headline's 'Name to Verb' as the name's intention", () => {
    const p = byCue(propose("Lopez to Propose Tax Cut."), "Propose");
    expect(p.source?.text).toBe("Lopez");
    expect(contents(p)).toEqual(["Tax Cut"]);
    expect(cues("According to state rules, nobody may vote twice.")).not.toContain("state");
  });
});

describe("extractAttributions: 'yet' and possessors before stance nouns", () => {
  it("takes 'yet' into the cue span, but not for a pending outcome with no speaker", () => {
    expect(contents(byCue(propose("The mayor has yet to decide whether to run."), "has yet to decide"))).toEqual(["whether to run"]);
    expect(byCue(propose("The mayor has not yet responded to the letter."), "has not yet responded").source?.text).toBe("The mayor");
    expect(propose("The count has yet to be finished.")).toEqual([]);
  });

  it("starts an appositive stance noun after its possessor", () => {
    const p = byCue(propose("Ann Reed, the Senate’s loudest advocate for tax cuts, spoke first."), "loudest advocate for");
    expect(p.source?.text).toBe("Ann Reed");
    expect(contents(p)).toEqual(["tax cuts"]);
    expect(byCue(propose("Reed is arguably the party’s best-known proponent of free trade."), "is arguably the party’s best-known proponent of").source?.text).toBe("Reed");
  });
});

describe("extractAttributions: appositives before 'tells'", () => {
  it("takes a bare role noun with 'of' as an appositive of the speaker", () => {
    const p = byCue(propose("“I support her,” Ann Reed, founder of the Civic Group, tells the Herald in an interview."), "tells");
    expect(p.source?.text).toBe("Ann Reed, founder of the Civic Group,");
    expect(contents(p)).toEqual(["“I support her,”"]);
  });

  it("never takes the addressee after 'told' for an inverted speaker", () => {
    expect(propose("“We will win,” Reed, longtime organizer, told the Herald.").map((p) => p.source?.text)).not.toContain("the Herald");
  });
});

describe("extractAttributions: pronoun and quantifier agents", () => {
  it("takes an object pronoun after 'according to' and a quantifier after a passive's 'by'", () => {
    expect(byCue(propose("The deal is dead, according to him."), "according to").source?.text).toBe("him");
    const p = byCue(propose("The speech was seen by some as a retreat."), "was seen");
    expect(p.source?.text).toBe("some");
    expect(contents(p)).toEqual(["The speech", "as a retreat"]);
  });
});

describe("extractAttributions: reliance and 'according to' after a subordinator", () => {
  it("finds 'counting on' and 'banking on', and 'is considering' as a verb", () => {
    expect(contents(byCue(propose("Reed is counting on young voters."), "is counting on"))).toEqual(["young voters"]);
    expect(byCue(propose("Reed is banking on a big turnout."), "is banking on").source?.text).toBe("Reed");
    expect(contents(byCue(propose("Reed is considering whether to run."), "is considering"))).toEqual(["whether to run"]);
    expect(cues("Considering the cost, the plan failed.")).toEqual([]);
  });

  it("takes the clause after 'after, according to X,' as the content", () => {
    const p = byCue(propose("She quit after, according to her, the board lost her files."), "according to");
    expect(p.source?.text).toBe("her");
    expect(contents(p)).toEqual(["the board lost her files"]);
  });
});

describe("extractAttributions: interview transcripts", () => {
  const TRANSCRIPT = [
    "The governor spoke to a radio host on Sunday.",
    "",
    "HOST: Do you think the budget will pass? I want to know.",
    "",
    "GOVERNOR: Well, I think it will. They want lower taxes. I believe we can deliver.",
    "",
    "HOST: Thank you.",
  ].join("\n");

  it("makes each labelled paragraph one turn of its speaker, without the cues inside it", () => {
    const ps = propose(TRANSCRIPT);
    const turns = ps.filter((p) => p.cue?.text === ":");
    expect(turns.map((p) => p.source?.text)).toEqual(["HOST", "GOVERNOR", "HOST"]);
    expect(contents(turns[1]!)).toEqual(["Well, I think it will. They want lower taxes. I believe we can deliver."]);
    expect(ps.map((p) => p.cue?.text)).not.toContain("think");
    expect(ps.map((p) => p.cue?.text)).not.toContain("want");
  });

  it("leaves a single 'Name:' line outside a transcript alone", () => {
    const ps = propose("REED: The tax is unfair.\n\nReed later said he thinks the tax will pass.");
    expect(ps.flatMap((p) => p.chain.map((l) => l.cue?.text))).toContain("later said");
  });
});

describe("extractAttributions: base forms after 'be'", () => {
  it("does not read a base form after a form of 'be' as a verb", () => {
    expect(propose("Reed was articulate in the debate.")).toEqual([]);
    expect(cues("Reed plans to be back on Monday to vote.")).toEqual(["plans"]);
  });
});

describe("extractAttributions: beliefs stated as 'The hope is that …'", () => {
  it("takes a belief noun with 'is that' as the cue, with the holders after 'among'", () => {
    const hope = byCue(propose("The hope is that the mayor will resign."), "The hope is");
    expect(hope.source).toBeNull();
    expect(contents(hope)).toEqual(["that the mayor will resign"]);
    const fear = byCue(propose("The fear among aides is that the mayor will resign."), "The fear among aides is");
    expect(fear.source?.text).toBe("aides");
    expect(propose("The problem is that the mayor will resign.")).toEqual([]);
  });

  it("takes 'There is speculation that …' as a belief, with holders after 'among'", () => {
    expect(contents(byCue(propose("There is speculation that the mayor will resign."), "There is speculation"))).toEqual(["that the mayor will resign"]);
    expect(byCue(propose("There is growing concern among aides that the mayor will resign."), "There is growing concern").source?.text).toBe("aides");
    expect(propose("There is a park that the mayor built.")).toEqual([]);
  });
});

describe("extractAttributions: participles after 'in addition to'", () => {
  it("reads the -ing form after 'in addition to' as a cue of the main subject", () => {
    const p = byCue(propose("In addition to warning that prices would rise, the minister promised relief."), "warning");
    expect(p.source?.text).toBe("the minister");
    expect(contents(p)).toEqual(["that prices would rise"]);
    expect(propose("In addition to the bridge, the city will rebuild the road.")).toEqual([]);
  });
});

describe("extractAttributions: 'thanks to' is a preposition", () => {
  it("does not read 'thanks (in part) to' as thanking", () => {
    expect(propose("The team advanced thanks in part to a late goal.")).toEqual([]);
    expect(propose("The team advanced thanks to a late goal.")).toEqual([]);
    expect(byCue(propose("The mayor thanks voters for their patience."), "thanks").source?.text).toBe("The mayor");
  });
});

describe("extractAttributions: 'of' chains in a source phrase", () => {
  it("gives each noun of an 'of' chain its own modifiers", () => {
    const p = byCue(propose("According to the first returns of new county surveys carried out for the paper, turnout was low."), "According to");
    expect(p.source?.text).toBe("the first returns of new county surveys carried out for the paper");
    expect(contents(p)).toEqual(["turnout was low"]);
  });
});
