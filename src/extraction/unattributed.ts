/**
 * Opt-in proposals for claims the outlet makes in its own voice ("Putin has visited
 * China twice since February 2022"): sentences with no attribution at all. They have
 * no source and no cue in the text — the publisher is the speaker — so they are off
 * by default and carry a low confidence.
 */
import type { Doc } from "./document";
import { spanOf } from "./document";
import type { AttributionProposal } from "./types";

/** Shorter sentences are datelines, captions and headlines rather than claims. */
const MIN_WORDS = 6;

export function unattributedProposals(doc: Doc, covered: ReadonlyArray<{ start: number; end: number }>): AttributionProposal[] {
  const sorted = [...covered].sort((a, b) => a.start - b.start);
  const out: AttributionProposal[] = [];
  let ci = 0;
  for (const s of doc.sentences) {
    const first = doc.tokens[s.first];
    const lastTok = doc.tokens[s.last];
    if (!first || !lastTok) continue;
    while (ci < sorted.length && (sorted[ci]?.end ?? 0) <= first.start) ci++;
    const next = sorted[ci];
    if (next && next.start < lastTok.end) continue; // an attribution touches this sentence
    let words = 0;
    for (let t = s.first; t <= s.last; t++) if (doc.tokens[t]?.kind === "word") words++;
    const terminal = lastTok.kind === "punct" && ".!?".includes(lastTok.lower);
    if (words < MIN_WORDS || !terminal) continue;
    const span = spanOf(doc, s.first, s.last - 1);
    if (!span) continue;
    out.push({
      id: "",
      source: null,
      cue: null,
      content: [span],
      speechAct: "asserts",
      confidence: 0.2,
      direct: false,
      pattern: "unattributed",
      chain: [{ role: "speaker", source: null, cue: null, content: [span], speechAct: "asserts" }],
    });
  }
  return out;
}
