/**
 * Builds attribution frames (cue + source + content, in token ranges) for one
 * sentence. Pass 1 decides each cue's pattern and where its content starts; pass 2
 * ends each content at the next "barrier" (a later cue that takes the text before
 * it, or a shared-subject cue like ", saying").
 */
import type { Cue } from "./cue-finder";
import { findCues } from "./cue-finder";
import type { Doc } from "./document";
import type { Mention } from "./mentions";
import { scanForward, scanBack } from "./mentions";
import { rightContext } from "./right-context";
import type { Sentence } from "./sentences";
import { findSubject } from "./subject";
import type { AttributionPattern } from "./types";
import { headlineColon } from "./headline";

export interface Frame {
  cue: Cue;
  source: Mention | null;
  /** Token range of the source span (may include an appositive). */
  sourceFirst: number;
  sourceLast: number;
  pattern: AttributionPattern;
  /** Token ranges, inclusive; filled by pass 2 for `contentFrom` frames. */
  content: Array<[number, number]>;
  contentFrom: number;
  /** Earlier contents in the sentence must end before this token (-1: no barrier). */
  barrier: number;
  sentence: number;
}

const CLAUSE_BREAKERS = new Set(["while", "whereas"]);

function prevFrameWithSource(frames: Frame[]): Frame | undefined {
  for (let i = frames.length - 1; i >= 0; i--) if (frames[i]?.source) return frames[i];
  return undefined;
}

/** Start of the content that precedes a cue, after any earlier frame's own words. */
function beforeStart(s: Sentence, frames: Frame[]): number {
  let start = s.first;
  for (const f of frames) {
    if (f.contentFrom < 0) start = Math.max(start, Math.max(f.cue.last, f.sourceLast) + 1);
  }
  return start;
}

function trimRange(doc: Doc, a: number, b: number): [number, number] | null {
  const skip = (i: number): boolean => {
    const t = doc.tokens[i];
    return t !== undefined && t.kind === "punct" && ",;:—–-".includes(t.lower);
  };
  while (a <= b && skip(a)) a++;
  // A sentence-final period is not content unless it sits inside the quotation.
  const finalStop = (i: number): boolean => {
    const t = doc.tokens[i];
    return t !== undefined && t.kind === "punct" && (t.lower === "." || t.lower === "!" || t.lower === "?") && doc.inQuote[i] === -1;
  };
  while (b >= a && (skip(b) || finalStop(b))) b--;
  return a <= b ? [a, b] : null;
}

export function framesForSentence(doc: Doc, s: Sentence, si: number): Frame[] {
  const frames: Frame[] = [];
  const headline = headlineColon(doc, s, si);
  if (headline) frames.push(headline);
  for (const cue of findCues(doc, s)) {
    const f = frameForCue(doc, s, si, cue, frames);
    if (f) frames.push(f);
  }
  endContents(doc, s, frames);
  return frames;
}

function frameForCue(doc: Doc, s: Sentence, si: number, cue: Cue, frames: Frame[]): Frame | null {
  const base = { cue, sentence: si, content: [] as Array<[number, number]>, contentFrom: -1, barrier: -1 };
  if (cue.kind === "according") {
    const src = scanForward(doc, cue.last + 1, s.last);
    const atStart = cue.first === beforeStart(s, frames) || /^(but|and|so|yet|however|,)$/.test(doc.tokens[cue.first - 1]?.lower ?? "");
    const srcRange = src ? { source: src, sourceFirst: src.first, sourceLast: src.last } : { source: null, sourceFirst: -1, sourceLast: -1 };
    if (atStart) {
      const after = (src ? src.last : cue.last) + 1;
      return { ...base, ...srcRange, pattern: "according-to", contentFrom: doc.tokens[after]?.lower === "," ? after + 1 : after };
    }
    const range = trimRange(doc, beforeStart(s, frames), cue.first - 1);
    if (!range) return null;
    return { ...base, ...srcRange, pattern: "according-to", content: [range], barrier: cue.first - 1 };
  }
  if (cue.passive) {
    if (doc.tokens[cue.last + 1]?.lower !== "by") return null;
    const src = scanForward(doc, cue.last + 2, s.last);
    const subj = scanBack(doc, cue.first - 1, s.first);
    if (!src || !subj) return null;
    return { ...base, source: src, sourceFirst: src.first, sourceLast: src.last, pattern: "passive-by", content: [[subj.first, subj.last]] };
  }
  const subj = findSubject(doc, s, cue.first - 1, cue.form === "ing");
  if (subj.kind === "inverted") {
    // "“…,” said Putin."  /  "…, said the spokesman."
    const src = scanForward(doc, cue.last + 1, s.last);
    if (!src || cue.first - 1 < s.first) return null;
    const range = trimRange(doc, beforeStart(s, frames), cue.first - 1);
    if (!range) return null;
    const f: Frame = { ...base, source: src, sourceFirst: src.first, sourceLast: src.last, pattern: "content-cue-source", content: [range], barrier: cue.first - 1 };
    continueQuote(doc, s, f, src.last + 1, cue.lemma);
    return f;
  }
  if (subj.kind === "shared") {
    const prev = prevFrameWithSource(frames);
    const r = rightContext(doc, s, cue.last + 1, cue.lemma);
    if (!prev || r.start < 0) return null;
    return { ...base, source: prev.source, sourceFirst: prev.sourceFirst, sourceLast: prev.sourceLast, pattern: "shared-subject", contentFrom: r.start, barrier: subj.connector };
  }
  if (subj.kind === "none") return null;
  const m = subj.mention;
  const r = rightContext(doc, s, cue.last + 1, cue.lemma);
  const before = subj.spanFirst - 1;
  const beforeTok = doc.tokens[before];
  const start = beforeStart(s, frames);
  const srcPart = { source: m, sourceFirst: subj.spanFirst, sourceLast: subj.spanLast };
  if ((r.kind === "end" || r.kind === "comma" || r.kind === "comma-quote") && before > start && beforeTok && (beforeTok.lower === "," || beforeTok.kind === "quote" || beforeTok.lower === "—")) {
    const range = trimRange(doc, start, before);
    if (!range) return null;
    const f: Frame = { ...base, ...srcPart, pattern: "content-source-cue", content: [range], barrier: before };
    continueQuote(doc, s, f, r.stop, cue.lemma);
    return f;
  }
  if (r.kind === "comma" && doc.tokens[before]?.lower === "as" && before === start) {
    // "As Breitbart News reported, …"
    return { ...base, ...srcPart, pattern: "source-cue-content", contentFrom: r.stop + 1 };
  }
  if (r.start < 0) return null;
  const conn = doc.tokens[before];
  const barrier = conn && (conn.lower === ";" || CLAUSE_BREAKERS.has(conn.lower) || ((conn.lower === "and" || conn.lower === "but") && doc.tokens[before - 1]?.lower === ",")) ? before : -1;
  return { ...base, ...srcPart, pattern: r.kind === "colon" ? "colon" : "source-cue-content", contentFrom: r.start, barrier };
}

/** `"…," he said, "…"`: the quote after the cue continues the content. */
function continueQuote(doc: Doc, s: Sentence, f: Frame, from: number, lemma: string): void {
  const r = rightContext(doc, s, from, lemma);
  if (r.kind === "comma-quote" || r.kind === "colon") f.contentFrom = r.start;
}

/** Pass 2: close every open content at the sentence end, `;`, ", while", or the next barrier. */
function endContents(doc: Doc, s: Sentence, frames: Frame[]): void {
  for (const f of frames) {
    if (f.contentFrom < 0) continue;
    let end = s.last;
    for (const g of frames) if (g.barrier > f.contentFrom && g.barrier - 1 < end) end = g.barrier - 1;
    for (let t = f.contentFrom; t <= end; t++) {
      const tok = doc.tokens[t];
      if (!tok || doc.inQuote[t] !== -1) continue;
      if (tok.lower === ";" || (tok.lower === "," && CLAUSE_BREAKERS.has(doc.tokens[t + 1]?.lower ?? ""))) {
        end = t - 1;
        break;
      }
    }
    if (f.pattern === "colon" && f.contentFrom > s.last) continue; // filled from the next paragraph by the caller
    const range = trimRange(doc, f.contentFrom, end);
    if (range) f.content.push(range);
  }
}
