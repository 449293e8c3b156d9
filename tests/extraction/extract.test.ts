import { byCue, contents, propose } from "./helpers";

describe("extractAttributions: patterns", () => {
  it("finds cue before the content, with 'that' kept in the content", () => {
    const [p, ...rest] = propose("The finance minister said that the budget would be balanced by 2027.");
    expect(rest).toHaveLength(0);
    expect(p?.source?.text).toBe("The finance minister");
    expect(p?.cue?.text).toBe("said");
    expect(p && contents(p)).toEqual(["that the budget would be balanced by 2027"]);
    expect(p?.speechAct).toBe("asserts");
  });

  it("finds cue after the content (quote first, speaker after)", () => {
    const p = byCue(propose("“We will not raise taxes this year,” the governor said."), "said");
    expect(p.source?.text).toBe("the governor");
    expect(contents(p)).toEqual(["“We will not raise taxes this year,”"]);
    expect(p.direct).toBe(true);
  });

  it("finds inverted order: content, cue, speaker", () => {
    const p = byCue(propose("“The bridge is safe,” said Anna Kowalski, the city engineer."), "said");
    expect(p.source?.text).toBe("Anna Kowalski");
    expect(contents(p)).toEqual(["“The bridge is safe,”"]);
  });

  it("handles 'according to' before and after the content", () => {
    const after = byCue(propose("Unemployment fell to 4 percent, according to the labor ministry."), "according to");
    expect(after.source?.text).toBe("the labor ministry");
    expect(contents(after)).toEqual(["Unemployment fell to 4 percent"]);
    expect(after.speechAct).toBe("reports");
    const before = byCue(propose("According to the labor ministry, unemployment fell to 4 percent."), "According to");
    expect(before.source?.text).toBe("the labor ministry");
    expect(contents(before)).toEqual(["unemployment fell to 4 percent"]);
  });

  it("splits discontinuous content around the cue", () => {
    const p = byCue(propose("“The plan is ready,” she said, “and it will work.”"), "said");
    expect(contents(p)).toEqual(["“The plan is ready,”", "“and it will work.”"]);
  });

  it("keeps a multi-sentence quote and its following all-quote sentence", () => {
    const text = "Officials met on Friday.\n“Prices are stable. Wages are rising,” Minister Ortega said. “We expect growth.”";
    const p = byCue(propose(text), "said");
    expect(p.source?.text).toBe("Minister Ortega");
    expect(contents(p)).toEqual(["“Prices are stable. Wages are rising,”", "“We expect growth.”"]);
  });

  it("takes the next paragraph as content after 'said:' at a paragraph end", () => {
    const p = byCue(propose("The senator said:\n“This bill protects farmers.”"), "said:");
    expect(contents(p)).toEqual(["“This bill protects farmers.”"]);
  });

  it("recognises every quote style as direct speech", () => {
    const styles = ['"Go now,"', "“Go now,”", "‘Go now,’", "«Go now,»", "»Go now,«", "„Go now,“"];
    for (const q of styles) {
      const p = byCue(propose(`${q} the captain said.`), "said");
      expect(contents(p)).toEqual([q]);
      expect(p.direct).toBe(true);
    }
  });

  it("proposes nothing for text without attribution", () => {
    expect(propose("The river flooded the lower town. Crews worked through the night to clear the roads.")).toEqual([]);
  });

  it("keeps auxiliaries and adverbs in the cue", () => {
    const p = byCue(propose("The company has repeatedly denied the report."), "has repeatedly denied");
    expect(p.speechAct).toBe("denies");
    expect(contents(p)).toEqual(["the report"]);
  });

  it("shares the speaker with a participle cue", () => {
    const ps = propose("The mayor praised the crews, saying they had worked without rest.");
    const saying = byCue(ps, "saying");
    expect(saying.source?.text).toBe("The mayor");
    expect(contents(saying)).toEqual(["they had worked without rest"]);
    expect(contents(byCue(ps, "praised"))).toEqual(["the crews"]);
  });

  it("classifies speech acts from the cue", () => {
    const ps = propose(
      "The union accused the board of hiding losses. The board promised to publish the accounts. Analysts predicted a strike. The chair called the claims absurd.",
    );
    expect(byCue(ps, "accused").speechAct).toBe("accuses");
    expect(byCue(ps, "promised").speechAct).toBe("promises");
    expect(byCue(ps, "predicted").speechAct).toBe("predicts");
    expect(byCue(ps, "called").speechAct).toBe("characterises");
  });

  it("reports UTF-16 offsets when the text has astral characters", () => {
    const text = "🎉🎉 Party night. 😀 The host said “welcome, everyone.”";
    const p = byCue(propose(text), "said");
    expect(text.slice(p.cue?.start, p.cue?.end)).toBe("said");
    expect(p.content[0]?.start).toBe(text.indexOf("“"));
  });

  it("finds noun cues after a possessive, with the possessor as speaker", () => {
    const ps = propose("The minister's claim that prices will fall surprised no one. Critics dismissed his criticism of the central bank.");
    const claim = byCue(ps, "claim");
    expect(claim.source?.text).toBe("The minister's");
    expect(contents(claim)).toEqual(["that prices will fall surprised no one"]);
    const criticism = byCue(ps, "criticism of");
    expect(criticism.source?.text).toBe("his");
    expect(criticism.speechAct).toBe("accuses");
    // A prepositional complement is the noun phrase only.
    expect(contents(criticism)).toEqual(["the central bank"]);
  });

  it("finds light-verb cues ('took a swipe at', 'made it clear', 'issued a statement saying')", () => {
    const ps = propose(
      "The senator took a swipe at the governor, saying the plan had failed. The union made it clear that it would strike. The company issued a statement saying the report was wrong.",
    );
    const swipe = byCue(ps, "took a swipe at");
    expect(swipe.source?.text).toBe("The senator");
    expect(swipe.speechAct).toBe("accuses");
    expect(contents(swipe)).toEqual(["the governor"]);
    expect(byCue(ps, "saying").source?.text).toBe("The senator");
    expect(contents(byCue(ps, "made it clear"))).toEqual(["that it would strike"]);
    const statement = byCue(ps, "issued a statement saying");
    expect(statement.source?.text).toBe("The company");
    expect(contents(statement)).toEqual(["the report was wrong"]);
  });

  it("does not take a channel for a topic or a plain noun for a cue", () => {
    const ps = propose("The mayor posted a message on Facebook. Her statement was short. The claims office opened at nine.");
    expect(ps.filter((p) => /message|statement|claims/.test(p.cue?.text ?? ""))).toEqual([]);
  });

  it("finds stance adjectives after a copula", () => {
    const ps = propose("Many economists are deeply skeptical of the forecast. The mayor was happy.");
    const p = byCue(ps, "are deeply skeptical of");
    expect(p.source?.text).toBe("Many economists");
    expect(contents(p)).toEqual(["the forecast"]);
    expect(ps).toHaveLength(1);
  });

  it("takes a plural subject across prepositional phrases", () => {
    const p = byCue(propose("Sources close to the campaign say the candidate will stay in the race."), "say");
    expect(p.source?.text).toBe("Sources close to the campaign");
    expect(contents(p)).toEqual(["the candidate will stay in the race"]);
    const q = byCue(propose("Most voters in each state say the economy matters most."), "say");
    expect(q.source?.text).toBe("Most voters in each state");
  });

  it("shares the subject with a purpose infinitive of a speech verb", () => {
    const p = byCue(propose("The senator took to Twitter to say the referee was wrong."), "say");
    expect(p.source?.text).toBe("The senator");
    expect(contents(p)).toEqual(["the referee was wrong"]);
  });

  it("does not read 'adding to' (increasing) as a cue", () => {
    expect(propose("The club won again on Saturday, adding to its streak of wins at home.")).toEqual([]);
  });
});

describe("extractAttributions: headline colons", () => {
  it("reads 'Name: what they said' headlines, also after a label and a dash", () => {
    for (const text of ["Roger Stone: Don't Trust the Voting Machines.", "EXCLUSIVE – Roger Stone: Don't Trust the Voting Machines."]) {
      const [p, ...rest] = propose(text);
      expect(rest).toHaveLength(0);
      expect([p?.pattern, p?.source?.text, p?.cue?.text, p && contents(p)]).toEqual(["headline-colon", "Roger Stone", ":", ["Don't Trust the Voting Machines"]]);
    }
  });

  it("leaves an inverted cue before the colon to the cue finder ('Continued Marsh: …')", () => {
    const p = byCue(propose("He spoke for an hour. Continued Marsh: “In my view the queue is a real scandal.”"), "Continued");
    expect(p.source?.text).toBe("Marsh");
    expect(p.pattern).not.toBe("headline-colon");
    expect(contents(p)).toEqual(["“In my view the queue is a real scandal.”"]);
  });
});

describe("extractAttributions: relative clauses", () => {
  it("keeps an attribution inside a wh-relative clause as a claim of its own, not a nested report", () => {
    const ps = propose("She questioned the budget plan, which a city audit said was unrealistic.");
    const criticized = byCue(ps, "questioned");
    const said = byCue(ps, "said");
    expect(criticized.chain).toHaveLength(1);
    expect(said.source?.text).toBe("a city audit");
    expect(said.chain.map((l) => l.cue?.text)).toEqual(["said"]);
  });

  it("still nests a report in a that-complement ('X reported that Y said')", () => {
    const p = byCue(propose("The agency reported that the minister said the deal was done."), "said");
    expect(p.chain.map((l) => [l.source?.text, l.cue?.text])).toEqual([
      ["the minister", "said"],
      ["The agency", "reported"],
    ]);
  });
});

describe("extractAttributions: 'as X said' after an opening adverbial", () => {
  it("takes the clause after the comma as the content", () => {
    const p = byCue(propose("Of course, as Maria Olsen observed, the real winner was not in the room."), "observed");
    expect(p.source?.text).toBe("Maria Olsen");
    expect(contents(p)).toEqual(["the real winner was not in the room"]);
  });
});
