/**
 * "Reed, a self-described fiscal hawk": a self-characterisation inside a noun
 * phrase. PolNeAR-style annotation takes "self" as the source, the participle as the cue
 * and the description as the content; the described person is given as the antecedent
 * when an appositive names them ("Name, a self-described …").
 */
import type { Doc } from "./document";
import { spanOf } from "./document";
import { scanBack } from "./mentions";
import { CLAUSE_WORDS, PREPOSITIONS } from "./lexicon/words";
import type { AttributionProposal, Span } from "./types";

const SELF_CUE = /^self-(described|proclaimed|styled|declared|identified)$/;
/** Longest description taken; "a self-described fiscal hawk" needs two words. */
const MAX_WORDS = 6;

function description(doc: Doc, from: number, last: number): [number, number] | null {
  let end = from - 1;
  for (let t = from; t <= last && t - from < MAX_WORDS; t++) {
    const tok = doc.tokens[t];
    if (!tok || doc.inQuote[t] !== -1 || tok.kind === "punct" || tok.kind === "quote") break;
    if (tok.kind === "word" && (CLAUSE_WORDS.has(tok.lower) || PREPOSITIONS.has(tok.lower) || tok.lower === "of")) break;
    end = t;
  }
  return end >= from ? [from, end] : null;
}

function antecedentOf(doc: Doc, i: number, first: number): Span | undefined {
  const det = doc.tokens[i - 1]?.lower;
  if ((det !== "a" && det !== "an" && det !== "the") || doc.tokens[i - 2]?.lower !== ",") return undefined;
  const m = scanBack(doc, i - 3, first);
  return m && m.named ? (spanOf(doc, m.first, m.last) ?? undefined) : undefined;
}

export function selfDescribedProposals(doc: Doc): AttributionProposal[] {
  const out: AttributionProposal[] = [];
  for (const s of doc.sentences) {
    for (let i = s.first; i <= s.last; i++) {
      const tok = doc.tokens[i];
      if (!tok || tok.kind !== "word" || doc.inQuote[i] !== -1 || !SELF_CUE.test(tok.lower)) continue;
      const range = description(doc, i + 1, s.last);
      const content = range ? spanOf(doc, range[0], range[1]) : null;
      if (!content) continue;
      const source: Span = { start: tok.start, end: tok.start + 4, text: doc.text.slice(tok.start, tok.start + 4) };
      const cue: Span = { start: tok.start + 5, end: tok.end, text: doc.text.slice(tok.start + 5, tok.end) };
      const antecedent = antecedentOf(doc, i, s.first);
      out.push({
        id: "",
        source,
        cue,
        content: [content],
        speechAct: "characterises",
        confidence: 0.6,
        direct: false,
        pattern: "source-cue-content",
        ...(antecedent ? { antecedent } : {}),
        chain: [{ role: "speaker", source, cue, content: [content], speechAct: "characterises", ...(antecedent ? { antecedent } : {}) }],
      });
    }
  }
  return out;
}
