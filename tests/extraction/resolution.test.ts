import type { KnownSource } from "../../src/extraction";
import { byCue, propose } from "./helpers";

describe("speaker resolution and chains", () => {
  it("resolves he/she to the last compatible named speaker", () => {
    const text = "Senator Maria Lopez said the vote was close. Governor Tom Reed said he was pleased. She said the count would continue.";
    const ps = propose(text);
    const she = byCue(ps, "said", 2);
    expect(she.source?.text).toBe("She");
    expect(she.antecedent?.text).toBe("Senator Maria Lopez");
  });

  it("resolves 'they' to an organisation and descriptions to a titled name", () => {
    const text =
      "Brazilian President Ana Souza said the deal was fair. The Finance Ministry said revenue grew. They said more data would follow. The Brazilian president added that talks would resume.";
    const ps = propose(text);
    expect(byCue(ps, "said", 2).antecedent?.text).toBe("The Finance Ministry");
    expect(byCue(ps, "added").antecedent?.text).toBe("Brazilian President Ana Souza");
  });

  it("builds a chain: speaker then reporting intermediary", () => {
    const text = "The minister declared the talks “a breakthrough”, the state news agency reported on Tuesday.";
    const p = byCue(propose(text), "declared");
    expect(p.source?.text).toBe("The minister");
    expect(p.chain.map((l) => [l.role, l.source?.text, l.cue?.text])).toEqual([
      ["speaker", "The minister", "declared"],
      ["intermediary", "the state news agency", "reported"],
    ]);
  });

  it("builds a chain for 'according to X, Y said'", () => {
    const p = byCue(propose("According to the broadcaster, the general said the troops would withdraw."), "said");
    expect(p.chain.map((l) => l.source?.text)).toEqual(["the general", "the broadcaster"]);
    expect(p.chain[1]?.cue?.text).toBe("According to");
  });

  it("matches known sources case- and accent-insensitively, via aliases and possessives", () => {
    const known: KnownSource[] = [
      { id: "gov-br", name: "Government of Brazil", aliases: ["Brasília"], type: "government" },
      { id: "press", name: "Planalto press office", aliases: [], type: "press_office" },
      { id: "souza", name: "Ana Souza", aliases: [], type: "person" },
    ];
    const text = "BRASILIA has denied the report. The Planalto's press office said talks went well. Souza said she was hopeful. She added that a deal was near.";
    const ps = propose(text, { knownSources: known });
    expect(byCue(ps, "has denied").resolvedSourceId).toBe("gov-br");
    expect(byCue(ps, "said").resolvedSourceId).toBe("press");
    expect(byCue(ps, "said", 1).resolvedSourceId).toBe("souza");
    expect(byCue(ps, "added").resolvedSourceId).toBe("souza");
  });
});
