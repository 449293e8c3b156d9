import type { AttributionProposal, Span } from "../extraction";
import { canonicalJson } from "../lib/canonical-json";
import { sha256Hex } from "../lib/ids";

const range = (s: Span | null) => (s ? [s.start, s.end] : null);

/**
 * sha256 of the source, cue and content spans and the speech act: the same proposal on
 * the same revision always has the same fingerprint, so a second run finds it (pending,
 * accepted or rejected) and does not offer it again. Confidence and resolution are left
 * out on purpose: a new alias must not resurrect a rejected proposal.
 */
export function proposalFingerprint(p: Pick<AttributionProposal, "source" | "cue" | "content" | "speechAct">): string {
  return sha256Hex(canonicalJson({ source: range(p.source), cue: range(p.cue), content: p.content.map(range), speechAct: p.speechAct }));
}
