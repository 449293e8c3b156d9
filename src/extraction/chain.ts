/**
 * Nested reporting. When one attribution's content holds another attribution's
 * source and cue — `Xi declared … "a new height", the Kremlin's press service
 * reported`, `According to X, Y said …`, `X reported that Y said …` — the outer one
 * becomes an intermediary link in the inner one's chain instead of a claim of its own.
 */
import type { AttributionProposal, ChainLink, Span } from "./types";

function inside(spans: Span[], x: Span): boolean {
  return spans.some((s) => s.start <= x.start && x.end <= s.end);
}

function contentLength(p: AttributionProposal): number {
  return p.content.reduce((n, s) => n + (s.end - s.start), 0);
}

/** A proposal with the sentence its cue is in. */
export interface Draft {
  proposal: AttributionProposal;
  sentence: number;
  /** The wh-relative pronoun right before the speaker ("a sentence, which I said was …"). */
  relative?: { start: number };
}

/**
 * A relative clause modifies a noun inside the outer content; it is not what the outer
 * speaker reports ("He criticized the plan, which the FBI said was careless": two claims).
 */
function relativeTo(q: Draft, p: AttributionProposal): boolean {
  const r = q.relative;
  return r !== undefined && inside(p.content, { start: r.start, end: r.start, text: "" });
}

/** Above this many cues in one "sentence" (garbage input) nesting is skipped: it is quadratic. */
const MAX_CUES_PER_SENTENCE = 100;

export function buildChains(drafts: Draft[]): Draft[] {
  // Nesting only happens within one sentence, so candidates are grouped per sentence.
  const bySentence = new Map<number, AttributionProposal[]>();
  for (const d of drafts) {
    const group = bySentence.get(d.sentence) ?? [];
    group.push(d.proposal);
    bySentence.set(d.sentence, group);
  }
  const outerOf = new Map<AttributionProposal, AttributionProposal>();
  for (const d of drafts) {
    const q = d.proposal;
    const group = bySentence.get(d.sentence) ?? [];
    if (!q.cue || group.length > MAX_CUES_PER_SENTENCE) continue;
    let best: AttributionProposal | undefined;
    for (const p of group) {
      if (p === q || !inside(p.content, q.cue) || (q.source && !inside(p.content, q.source)) || relativeTo(d, p)) continue;
      if (!best || contentLength(p) < contentLength(best)) best = p;
    }
    if (best) outerOf.set(q, best);
  }
  const intermediaries = new Set(outerOf.values());
  const out: Draft[] = [];
  for (const d of drafts) {
    const q = d.proposal;
    if (intermediaries.has(q)) continue;
    const chain: ChainLink[] = [...q.chain];
    const seen = new Set<AttributionProposal>([q]);
    for (let p = outerOf.get(q); p && !seen.has(p); p = outerOf.get(p)) {
      seen.add(p);
      const link = p.chain[0];
      if (link) chain.push({ ...link, role: "intermediary" });
    }
    out.push({ ...d, proposal: { ...q, chain } });
  }
  return out;
}
