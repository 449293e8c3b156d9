/**
 * Attribution configurations added to raise recall: each test holds one phenomenon, with
 * invented sentences (no text from any evaluation corpus).
 */
import { byCue, contents, propose } from "./helpers";

const cues = (text: string): Array<string | undefined> => propose(text).map((p) => p.cue?.text);

describe("extractAttributions: where the content is", () => {
  it("ends an 'Asked whether …' content at the speaker who answers with a quotation", () => {
    const ps = propose("Asked whether the plan had failed, the mayor replied, “Not at all.”");
    const asked = byCue(ps, "Asked");
    expect(contents(asked)).toEqual(["whether the plan had failed"]);
    expect(asked.chain).toHaveLength(1);
    const replied = byCue(ps, "replied");
    expect(replied.source?.text).toBe("the mayor");
    expect(contents(replied)).toEqual(["“Not at all.”"]);
  });

  it("does not take an adverbial clause after the cue for the content", () => {
    const p = byCue(propose("“We will win,” Maria said as she left the hall."), "said");
    expect(p.source?.text).toBe("Maria");
    expect(contents(p)).toEqual(["“We will win,”"]);
    const q = byCue(propose("“The tax is unfair,” said local farmer Tom Reed when asked about the vote."), "said");
    expect(q.source?.text).toBe("local farmer Tom Reed");
    expect(contents(q)).toEqual(["“The tax is unfair,”"]);
  });

  it("starts a new statement after a colon instead of nesting it in the earlier content", () => {
    const ps = propose("The council has criticized the plan for months because it costs too much: She said the budget was already tight.");
    const said = byCue(ps, "said");
    expect(said.chain).toHaveLength(1);
    expect(contents(said)).toEqual(["the budget was already tight"]);
    expect(contents(byCue(ps, "has criticized"))).toEqual(["the plan for months because it costs too much"]);
  });

  it("skips a dash-delimited aside between the cue and 'that'", () => {
    const p = byCue(propose("The spokesman said — in an email, as it happens — that the talks had stalled."), "said");
    expect(p.source?.text).toBe("The spokesman");
    expect(contents(p)).toEqual(["that the talks had stalled"]);
  });

  it("skips a short comma-delimited aside after the cue", () => {
    expect(contents(byCue(propose("Lopez now says, however, that he was wrong."), "now says"))).toEqual(["that he was wrong"]);
    expect(contents(byCue(propose("The judge said, per a translator, that the law was clear."), "said"))).toEqual(["that the law was clear"]);
    const p = byCue(propose("Kim responded sharply, with a smile: “Not today.”"), "responded");
    expect(contents(p)).toEqual(["“Not today.”"]);
    // A new clause after the comma is not an aside.
    expect(contents(byCue(propose("“We won,” she said, and the crowd cheered, “Yes!”"), "said"))).toEqual(["“We won,”"]);
  });

  it("takes the clause after 'X says,' when nothing precedes the speaker", () => {
    const p = byCue(propose("Lopez says, win or lose, he will stay in the race."), "says");
    expect(contents(p)).toEqual(["win or lose, he will stay in the race"]);
    expect(cues("Lopez said, adding that he was tired.")).toEqual(["adding"]);
  });
});

describe("extractAttributions: who the speaker is", () => {
  it("shares the speaker with a finite verb in a comma list of verb phrases", () => {
    const ps = propose("He later suggested her numbers were wrong, called her “third-rate” and left the stage.");
    expect(contents(byCue(ps, "later suggested"))).toEqual(["her numbers were wrong"]);
    const called = byCue(ps, "called");
    expect(called.source?.text).toBe("He");
    expect(called.pattern).toBe("shared-subject");
  });

  it("reads a speech participle right after a name, with the name (not the verb before it) as speaker", () => {
    const p = byCue(propose("The show will discuss Senator Lopez calling the tax a disgrace."), "calling");
    expect(p.source?.text).toBe("Senator Lopez");
    expect(contents(p)).toEqual(["the tax a disgrace"]);
    // A capitalised participle is part of a name, not a cue.
    expect(cues("She joined the Global Broadcasting team last year.")).toEqual([]);
  });

  it("takes a speaking body before an adverbial aside as the speaker", () => {
    const p = byCue(propose("The ministry, for instance, refused to give any figures."), "refused");
    expect(p.source?.text).toBe("The ministry");
    expect(contents(p)).toEqual(["to give any figures"]);
  });

  it("gives an opening participle clause the subject after its comma", () => {
    const after = byCue(propose("After criticizing the budget for weeks, the mayor is now backing it."), "criticizing");
    expect(after.source?.text).toBe("the mayor");
    expect(contents(after)).toEqual(["the budget for weeks"]);
    const having = byCue(propose("Having announced that he would resign, the minister left the room."), "Having announced");
    expect(having.source?.text).toBe("the minister");
    expect(contents(having)).toEqual(["that he would resign"]);
    // The occasion of a statement is not a statement.
    expect(cues("Speaking to reporters, Lopez said the deal was done.")).toEqual(["said"]);
  });

  it("takes the whole subject with its 'who say' relative as the speaker of the main verb", () => {
    const ps = propose("Voters who say the economy matters most support Lopez.");
    const support = byCue(ps, "support");
    expect(support.source?.text).toBe("Voters who say the economy matters most");
    expect(contents(support)).toEqual(["Lopez"]);
    const say = byCue(ps, "say");
    expect(contents(say)).toEqual(["the economy matters most"]);
    expect(say.chain).toHaveLength(1);
    const tended = byCue(propose("Those who said health care mattered tended to support Lopez."), "tended to support");
    expect(tended.source?.text).toBe("Those who said health care mattered");
  });

  it("ends a relative's content at the comma of an opening phrase", () => {
    expect(contents(byCue(propose("Among those who want change, most support Lopez."), "want"))).toEqual(["change"]);
  });

  it("does not take a manner adverb after an inverted cue for the speaker", () => {
    const p = byCue(propose("“It is over,” said quietly the mayor’s aide."), "said");
    expect(p.source?.text).toBe("the mayor’s aide");
  });
});

describe("extractAttributions: added cue words", () => {
  it("finds 'made no mention of' and stance adjectives of commitment and division", () => {
    const mention = byCue(propose("The senator made no mention of the scandal."), "made no mention of");
    expect(mention.source?.text).toBe("The senator");
    expect(contents(mention)).toEqual(["the scandal"]);
    const assured = byCue(propose("The governor is now assured of winning the seat."), "is now assured of");
    expect(assured.source?.text).toBe("The governor");
    expect(contents(assured)).toEqual(["winning the seat"]);
    const divided = byCue(propose("Farmers are deeply divided on the new trade deal."), "are deeply divided on");
    expect(divided.source?.text).toBe("Farmers");
    expect(contents(divided)).toEqual(["the new trade deal"]);
  });

  it("finds 'focus on' and 'ignore'", () => {
    expect(contents(byCue(propose("The campaign will focus on rural voters."), "will focus on"))).toEqual(["rural voters"]);
    expect(byCue(propose("The minister ignored the protests."), "ignored").source?.text).toBe("The minister");
  });

  it("tells the verb 'like' from the preposition and 'voting' cues from participle modifiers", () => {
    expect(cues("Leaders like Lopez are angry.")).toEqual([]);
    expect(cues("It is like a storm.")).toEqual([]);
    expect(cues("They like the plan.")).toEqual(["like"]);
    expect(cues("The states voting today are large.")).toEqual([]);
    expect(cues("He won by voting for himself.")).toEqual(["voting for"]);
  });
});
