import { extractAttributions, type AttributionProposal, type ExtractOptions } from "../../src/extraction";

/** Proposals of a text, failing loudly if a span's offsets disagree with its text. */
export function propose(text: string, opts?: ExtractOptions): AttributionProposal[] {
  const { proposals } = extractAttributions(text, opts);
  for (const p of proposals) {
    const spans = [p.source, p.cue, p.antecedent, ...p.content, ...p.chain.flatMap((l) => [l.source, l.cue, ...l.content])];
    for (const s of spans) if (s) expect(text.slice(s.start, s.end)).toBe(s.text);
  }
  return proposals;
}

/** The `nth` proposal (text order) whose own cue, or a chain link's cue, is `cue` (exact text). */
export function byCue(proposals: AttributionProposal[], cue: string, nth = 0): AttributionProposal {
  const p = proposals.filter((x) => x.cue?.text === cue || x.chain.some((l) => l.cue?.text === cue))[nth];
  if (!p) throw new Error(`no proposal with cue ${JSON.stringify(cue)} in ${JSON.stringify(proposals.map((x) => x.cue?.text))}`);
  return p;
}

export const contents = (p: AttributionProposal): string[] => p.content.map((c) => c.text);
