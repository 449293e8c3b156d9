/**
 * Who is the cue's speaker when the mention sits before it: the plain noun phrase
 * ("Putin noted"), a phrase before a parenthetical ("Putin, in turn, noted"), an
 * appositive ("Peter Cook, the Pentagon press secretary, told"), or the subject
 * shared with an earlier cue ("…, saying", "… but did note").
 */
import type { Doc } from "./document";
import { isQuoteClose } from "./document";
import type { Mention } from "./mentions";
import { scanBack } from "./mentions";
import { CLAUSE_WORDS, DETERMINERS, PREPOSITIONS } from "./lexicon/words";
import type { Sentence } from "./sentences";

export type SubjectResult =
  | { kind: "mention"; mention: Mention; /** first token of the source span incl. appositive */ spanFirst: number; spanLast: number }
  | { kind: "shared"; connector: number }
  | { kind: "inverted" }
  | { kind: "none" };

const MAX_PARENTHETICAL = 12;
const COORDINATORS = new Set(["and", "but", "or", "then"]);

/** `p` is the token right before the cue span. */
export function findSubject(doc: Doc, s: Sentence, p: number, ingForm: boolean): SubjectResult {
  if (p < s.first) return { kind: "inverted" };
  const tok = doc.tokens[p];
  if (!tok) return { kind: "none" };
  if (tok.kind === "word" && COORDINATORS.has(tok.lower)) {
    // "did not mention X but did note that": coordinated verb phrases share the subject.
    const before = doc.tokens[p - 1];
    return { kind: "shared", connector: before?.lower === "," ? p - 1 : p };
  }
  if (isQuoteClose(doc, p)) return { kind: "inverted" };
  if (tok.kind === "punct" && (tok.lower === "," || tok.lower === "—" || tok.lower === "–")) {
    if (ingForm) return { kind: "shared", connector: p };
    const inner = parenthetical(doc, s, p);
    if (inner) return inner;
    return { kind: "inverted" };
  }
  if (tok.kind === "punct") return { kind: "none" };
  const m = scanBack(doc, p, s.first);
  if (!m) return { kind: "none" };
  return { kind: "mention", mention: m, spanFirst: m.first, spanLast: m.last };
}

/** "X, <parenthetical>, cue": returns X, or null when the comma ends a content clause. */
function parenthetical(doc: Doc, s: Sentence, p: number): SubjectResult | null {
  let c = p - 1;
  while (c >= s.first && p - c <= MAX_PARENTHETICAL) {
    const t = doc.tokens[c];
    if (!t || doc.inQuote[c] !== -1) return null;
    if (t.kind === "punct" && (t.lower === "," || t.lower === "—" || t.lower === "–")) break;
    if (t.kind === "punct" && t.lower !== "." && t.lower !== "(" && t.lower !== ")") return null;
    c--;
  }
  if (c < s.first || doc.tokens[c]?.lower !== doc.tokens[p]?.lower) return null;
  const firstInner = doc.tokens[c + 1];
  if (!firstInner || c + 1 >= p) return null;
  const l = firstInner.lower;
  const relative = l === "who" || l === "which";
  const adverbial = PREPOSITIONS.has(l) || CLAUSE_WORDS.has(l) || l.endsWith("ly");
  const appositive = DETERMINERS.has(l) || firstInner.kind === "number" || firstInner.cap;
  if (!relative && !adverbial && !appositive) return null;
  const m = scanBack(doc, c - 1, s.first);
  if (!m || m.pronoun) return null;
  // The phrase must open its clause: "…A, in turn, B" is not a subject when A ends a longer clause.
  const before = doc.tokens[m.first - 1];
  const opensClause = m.first === s.first || before === undefined || before.kind === "punct" || before.kind === "quote" || CLAUSE_WORDS.has(before.lower);
  if (!opensClause) return null;
  if (!m.named && !appositive && !relative) return null;
  // PolNeAR-style sources include an appositive ("Gwen Ifill and Judy Woodruff, two PBS journalists").
  return { kind: "mention", mention: m, spanFirst: m.first, spanLast: appositive && !relative ? p - 1 : m.last };
}
