/**
 * Content boundaries in token ranges: trimming, ending open contents at the next
 * barrier or clause break (pass 2 of frames.ts), and the quotation closing the
 * previous sentence. All linear in the sentence length.
 */
import type { Cue } from "./cue-finder";
import type { Doc } from "./document";
import type { Frame } from "./frames";
import { CLAUSE_BREAKERS, CLAUSE_ONLY, TAKES_INFINITIVE, WH_WORDS } from "./lexicon/frame-words";
import { SUBJECT_PRONOUNS } from "./lexicon/words";
import { CUE_FORMS } from "./lexicon/cue-index";
import { scanForward } from "./mentions";
import type { Sentence } from "./sentences";

/** Drops edge commas/dashes and a sentence-final period outside quotation marks. */
export function trimRange(doc: Doc, a: number, b: number): [number, number] | null {
  const edge = (i: number): boolean => {
    const t = doc.tokens[i];
    return t !== undefined && t.kind === "punct" && ",;:—–-".includes(t.lower);
  };
  const finalStop = (i: number): boolean => {
    const t = doc.tokens[i];
    return t !== undefined && t.kind === "punct" && (t.lower === "." || t.lower === "!" || t.lower === "?") && doc.inQuote[i] === -1;
  };
  while (a <= b && edge(a)) a++;
  while (b >= a && (edge(b) || finalStop(b))) b--;
  return a <= b ? [a, b] : null;
}

/** Clause-only verbs need a clause, quotation or wh-complement, not a plain object. */
export function complementFits(doc: Doc, cue: Cue, kind: string, start: number): boolean {
  if (!CLAUSE_ONLY.has(cue.lemma) || kind !== "clause") return true;
  const t = doc.tokens[start];
  if (!t) return false;
  const l = t.lower;
  if (SUBJECT_PRONOUNS.has(l) || WH_WORDS.has(l)) return true;
  return l === "to" && TAKES_INFINITIVE.has(cue.lemma);
}

function isClauseBreak(doc: Doc, t: number): boolean {
  const tok = doc.tokens[t];
  if (!tok || doc.inQuote[t] !== -1) return false;
  return tok.lower === ";" || (tok.lower === "," && (CLAUSE_BREAKERS.has(doc.tokens[t + 1]?.lower ?? "") || newClauseAfter(doc, t + 1)));
}

/**
 * "…, and Reed fired back", "…, but she relented": a coordinator, a named or pronoun
 * subject and a past-tense verb open a clause of the writer's own.
 */
function newClauseAfter(doc: Doc, c: number): boolean {
  const conj = doc.tokens[c]?.lower;
  if (conj !== "and" && conj !== "but") return false;
  const m = scanForward(doc, c + 1, Math.min(doc.tokens.length - 1, c + 6));
  if (!m || !(m.named || m.pronoun)) return false;
  const v = doc.tokens[m.last + 1];
  if (!v || v.kind !== "word" || v.cap || doc.inQuote[m.last + 1] !== -1) return false;
  const e = CUE_FORMS.get(v.lower);
  return e ? e.form === "past" : v.lower.endsWith("ed") && v.lower.length > 4;
}

/** Smallest value in sorted `xs` greater than `x`, or undefined. */
function firstAbove(xs: number[], x: number): number | undefined {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return xs[lo];
}

/** Pass 2: close every open content at the sentence end, `;`, ", while", or the next barrier. */
export function endContents(doc: Doc, s: Sentence, frames: Frame[]): void {
  if (!frames.some((f) => f.contentFrom >= 0)) return;
  const barriers = frames.map((f) => f.barrier).filter((b) => b >= 0).sort((a, b) => a - b);
  // nextBreak[i]: first clause break at or after token s.first + i (s.last + 1 if none).
  const n = s.last - s.first + 1;
  const nextBreak = new Int32Array(n + 1);
  nextBreak[n] = s.last + 1;
  for (let i = n - 1; i >= 0; i--) nextBreak[i] = isClauseBreak(doc, s.first + i) ? s.first + i : (nextBreak[i + 1] ?? s.last + 1);
  for (const f of frames) {
    if (f.contentFrom < 0 || f.contentFrom > s.last) continue; // colon at paragraph end: see continuation.ts
    let end = s.last;
    const b = firstAbove(barriers, f.contentFrom);
    if (b !== undefined && !f.toSentenceEnd) end = Math.min(end, b - 1);
    end = Math.min(end, (nextBreak[f.contentFrom - s.first] ?? s.last + 1) - 1);
    if (f.contentMax !== undefined) end = Math.min(end, f.contentMax);
    const range = trimRange(doc, f.contentFrom, end);
    if (range) f.content.push(range);
  }
}

/** The quotation that closes the previous sentence of the same paragraph, as a token range. */
export function quoteEndingPreviousSentence(doc: Doc, s: Sentence): [number, number] | null {
  let t = s.first - 1;
  // Only the punctuation right after the closing mark (`.” Lima said`), never a long run.
  for (let guard = 0; guard < 3 && t >= 0 && doc.tokens[t]?.kind === "punct"; guard++) t--;
  const qi = doc.inQuote[t] ?? -1;
  const q = qi >= 0 ? doc.quotes[qi] : undefined;
  if (!q || !q.closed || q.closeTok !== t) return null;
  const prev = doc.sentences[doc.sentenceOf[t] ?? -1];
  if (!prev || prev.paragraph !== s.paragraph) return null;
  return [q.openTok, q.closeTok];
}
