/**
 * Span-boundary conventions (src/extraction/boundaries.ts and the cue finder): a cue
 * takes the colon that introduces a quotation, a preposed speaker keeps the closing
 * comma or dash of its appositive, and an addressee after "told" is not part of the cue.
 * Example sentences are our own.
 */
import { byCue, contents, propose } from "./helpers";

describe("extractAttributions: cue boundaries", () => {
  it("includes a colon right after the cue", () => {
    const p = byCue(propose("The coach replied: “We trained harder than anyone.”"), "replied:");
    expect(p.source?.text).toBe("The coach");
    expect(contents(p)).toEqual(["“We trained harder than anyone.”"]);
  });

  it("leaves a cue without a colon unchanged", () => {
    expect(byCue(propose("The coach replied that the team had trained harder than anyone."), "replied").source?.text).toBe("The coach");
  });

  it("leaves a leading 'then' out of the cue but keeps 'also'", () => {
    expect(byCue(propose("The mayor then said the tax was fair."), "said").source?.text).toBe("The mayor");
    expect(byCue(propose("The mayor also said the tax was fair."), "also said").source?.text).toBe("The mayor");
  });

  it("keeps the addressee of 'told' out of the cue", () => {
    const p = byCue(propose("The governor told journalists that the budget was balanced."), "told");
    expect(p.source?.text).toBe("The governor");
    expect(contents(p)).toEqual(["that the budget was balanced"]);
    expect(byCue(propose("“We will win,” she told reporters on Monday."), "told").source?.text).toBe("she");
  });
});

describe("extractAttributions: source boundaries", () => {
  it("ends a preposed speaker with the appositive's closing comma", () => {
    const p = byCue(propose("Maria Olsen, a nurse from the coastal town, said the clinic would close."), "said");
    expect(p.source?.text).toBe("Maria Olsen, a nurse from the coastal town,");
  });

  it("ends a preposed speaker with the appositive's closing dash", () => {
    const p = byCue(propose("Tom Berg – a farmer since the seventies – said the river was rising."), "said");
    expect(p.source?.text).toBe("Tom Berg – a farmer since the seventies –");
  });

  it("adds no comma to a speaker without an appositive or after the cue", () => {
    expect(byCue(propose("The farmers said, once again, that the price was too low."), "said").source?.text).toBe("The farmers");
    const after = byCue(propose("“The river is rising,” said Tom Berg, a farmer, on Monday."), "said");
    expect(after.source?.text).not.toMatch(/,$/);
  });

  it("keeps a day name between a preposed speaker and its cue", () => {
    expect(byCue(propose("A poll released Sunday found that the mayor leads."), "found").source?.text).toBe("A poll released Sunday");
    expect(byCue(propose("The mayor on Tuesday said the tax was fair."), "said").source?.text).toBe("The mayor");
  });

  it("keeps a sentence-initial limiting word of the speaker phrase", () => {
    expect(byCue(propose("Only a third of the members said they would vote."), "said").source?.text).toBe("Only a third of the members");
  });
});
