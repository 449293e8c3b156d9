/**
 * Turns token-range frames into public proposals: character spans, speech act,
 * and a heuristic confidence.
 */
import type { Doc } from "./document";
import { hasQuote, spanOf } from "./document";
import type { Frame } from "./frames";
import { classifySpeechAct } from "./speech-act";
import type { AttributionProposal, Span } from "./types";

/**
 * Confidence is a hand-set score, not a calibrated probability: speech verbs with
 * a named or pronoun speaker and a quotation are the surest; belief verbs, missing
 * speakers and shared subjects are less sure.
 */
function confidence(f: Frame, direct: boolean): number {
  let c = f.cue.strength === "speech" ? 0.7 : f.cue.strength === "report" ? 0.65 : 0.45;
  if (f.cue.lemma === "say" || f.cue.lemma === "tell" || f.cue.kind === "according") c += 0.1;
  if (f.source?.named || f.source?.pronoun) c += 0.1;
  if (!f.source) c -= 0.25;
  if (direct) c += 0.1;
  if (f.pattern === "shared-subject" || f.pattern === "passive") c -= 0.1;
  if (f.pattern === "headline-colon") c = 0.5;
  return Math.round(Math.min(0.97, Math.max(0.05, c)) * 100) / 100;
}

export function toProposal(doc: Doc, f: Frame): AttributionProposal | null {
  const content: Span[] = [];
  let direct = false;
  for (const [a, b] of f.content) {
    const span = spanOf(doc, a, b);
    if (!span) continue;
    content.push(span);
    if (hasQuote(doc, a, b)) direct = true;
  }
  if (content.length === 0) return null;
  const source = f.source ? spanOf(doc, f.sourceFirst, f.sourceLast) : null;
  const cue = spanOf(doc, f.cue.first, f.cue.last);
  // The classifier only reads the opening of the content; never copy long contents.
  const speechAct = classifySpeechAct(f.cue, (content[0]?.text ?? "").slice(0, 400));
  return {
    id: "",
    source,
    cue,
    content,
    speechAct,
    confidence: confidence(f, direct),
    direct,
    pattern: f.pattern,
    chain: [{ role: "speaker", source, cue, content, speechAct }],
  };
}
