/**
 * Builds attribution frames (cue + source + content, in token ranges) for one
 * sentence. Pass 1 decides each cue's pattern and where its content starts; pass 2
 * (content-range.ts) ends each content at the next "barrier": a later cue that takes
 * the text before it, a new clause's speaker, or a shared-subject cue (", saying").
 */
import { complementFits, endContents, quoteEndingPreviousSentence, trimRange } from "./content-range";
import type { Cue } from "./cue-finder";
import { findCues } from "./cue-finder";
import type { Doc } from "./document";
import { headlineColon } from "./headline";
import { CLAUSE_BREAKERS, INVERTIBLE, REDUCED_PASSIVE_AFTER, SUBORDINATORS } from "./lexicon/frame-words";
import { DETERMINERS, ROLE_NOUNS, TIME_WORDS } from "./lexicon/words";
import type { Mention } from "./mentions";
import { isNameWord, scanBack, scanForward } from "./mentions";
import { rightContext } from "./right-context";
import type { Sentence } from "./sentences";
import { findSubject } from "./subject";
import type { AttributionPattern } from "./types";

export interface Frame {
  cue: Cue;
  source: Mention | null;
  /** Token range of the source span (may include an appositive). */
  sourceFirst: number;
  sourceLast: number;
  pattern: AttributionPattern;
  /** Token ranges, inclusive; pass 2 appends the range starting at `contentFrom`. */
  content: Array<[number, number]>;
  contentFrom: number;
  /** Earlier contents in the sentence must end before this token (-1: no barrier). */
  barrier: number;
  /** Content runs to the sentence end whatever follows ("As X reported, <clause>"). */
  toSentenceEnd?: boolean;
  /** Content ends here at the latest (the noun phrase after "criticism of"). */
  contentMax?: number;
  sentence: number;
}

/** What earlier cues of the sentence left behind; kept incrementally so work stays linear. */
interface SentenceState {
  doc: Doc;
  s: Sentence;
  si: number;
  frames: Frame[];
  /** Content before a cue starts here: after the words of earlier content-first frames. */
  start: number;
  /** The first speaker of the sentence (main clause), for shared subjects. */
  firstSpeaker: Frame | undefined;
}

type Base = Pick<Frame, "cue" | "sentence" | "content" | "contentFrom" | "barrier">;
type SourcePart = Pick<Frame, "source" | "sourceFirst" | "sourceLast">;

const NO_SOURCE: SourcePart = { source: null, sourceFirst: -1, sourceLast: -1 };
const sourceOf = (m: Mention): SourcePart => ({ source: m, sourceFirst: m.first, sourceLast: m.last });

export function framesForSentence(doc: Doc, s: Sentence, si: number): Frame[] {
  const st: SentenceState = { doc, s, si, frames: [], start: s.first, firstSpeaker: undefined };
  const headline = headlineColon(doc, s, si);
  if (headline) st.frames.push(headline);
  for (const cue of findCues(doc, s)) {
    const f = frameForCue(st, cue);
    if (!f) continue;
    if (cue.npContent && f.contentFrom >= 0) {
      const np = scanForward(doc, f.contentFrom, s.last);
      if (np) f.contentMax = np.last;
    }
    st.frames.push(f);
    if (f.content.length > 0) st.start = Math.max(st.start, Math.max(f.cue.last, f.sourceLast) + 1);
    if (!st.firstSpeaker && f.source) st.firstSpeaker = f;
  }
  endContents(doc, s, st.frames);
  return st.frames;
}

function frameForCue(st: SentenceState, cue: Cue): Frame | null {
  const { doc, s } = st;
  const base: Base = { cue, sentence: st.si, content: [], contentFrom: -1, barrier: -1 };
  if (cue.kind === "according") return frameAccording(st, base);
  if (cue.kind === "noun") return frameNoun(st, base);
  const prevWord = doc.tokens[cue.first - 1]?.lower ?? "";
  const reduced = cue.form === "past" && !cue.hasAux &&
    (REDUCED_PASSIVE_AFTER.has(prevWord) || (cue.first === s.first && (cue.lemma === "ask" || cue.lemma === "question")));
  if (cue.passive || reduced) return framePassive(st, base, reduced);
  if (cue.lemma === "appear" || cue.lemma === "seem") return frameRaising(st, base);
  const subj = findSubject(doc, s, cue.first - 1, cue.form === "ing" && !cue.hasAux);
  if (subj.kind === "inverted") return frameInverted(st, base);
  if (subj.kind === "shared") return frameShared(st, base, subj.connector);
  if (subj.kind === "none") return null;
  return frameWithSpeakerBefore(st, base, subj.mention, subj.spanFirst, subj.spanLast);
}

/** "According to X, …" (content after) and "…, according to X." (content before). */
function frameAccording(st: SentenceState, base: Base): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  const src = scanForward(doc, cue.last + 1, s.last);
  const srcPart = src ? sourceOf(src) : NO_SOURCE;
  const atStart = cue.first === st.start || /^(but|and|so|yet|however)$/.test(doc.tokens[cue.first - 1]?.lower ?? "");
  if (atStart) {
    const after = (src ? src.last : cue.last) + 1;
    return { ...base, ...srcPart, pattern: "according-to", contentFrom: doc.tokens[after]?.lower === "," ? after + 1 : after, toSentenceEnd: true };
  }
  const range = trimRange(doc, st.start, cue.first - 1);
  return range ? { ...base, ...srcPart, pattern: "according-to", content: [range], barrier: cue.first - 1 } : null;
}

/** "Lima's claim that …", "his criticism of the plan": the possessor is the speaker. */
function frameNoun(st: SentenceState, base: Base): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  if (!cue.possessor) return null;
  const [pf, pl] = cue.possessor;
  let named = false;
  for (let t = pf; t <= pl; t++) if (isNameWord(doc, t)) named = true;
  const source: Mention = { first: pf, last: pl, pronoun: false, named };
  const from = cue.npContent ? cue.last + 1 : rightContext(doc, s, cue.last + 1, cue.lemma).start;
  if (from < 0 || from > s.last) return null;
  return { ...base, source, sourceFirst: pf, sourceLast: pl, pattern: "source-cue-content", contentFrom: from };
}

/** "The winner was announced by the jury", "Lima is expected to …", "when asked about …". */
function framePassive(st: SentenceState, base: Base, reduced: boolean): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  const subj = reduced ? null : scanBack(doc, cue.first - 1, s.first);
  let after = cue.last + 1;
  let src: Mention | null = null;
  if (doc.tokens[after]?.lower === "by") {
    src = scanForward(doc, after + 1, s.last);
    after = src ? src.last + 1 : after + 1;
  }
  const r = rightContext(doc, s, after, cue.lemma);
  const content: Array<[number, number]> = subj ? [[subj.first, subj.last]] : [];
  if (content.length === 0 && r.start < 0) return null;
  return { ...base, ...(src ? sourceOf(src) : NO_SOURCE), pattern: "passive", content, contentFrom: r.start };
}

/**
 * "Voters appear to be tiring of the plan", "It seems that …": an evaluation with no
 * speaker in the text. Content is the subject plus the complement; "appeared at a
 * rally" (no "to"/"that" complement) is not an attribution.
 */
function frameRaising(st: SentenceState, base: Base): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  const r = rightContext(doc, s, cue.last + 1, cue.lemma);
  const first = doc.tokens[r.start]?.lower;
  if (r.start < 0 || (first !== "to" && first !== "that")) return null;
  const subj = scanBack(doc, cue.first - 1, s.first);
  const content: Array<[number, number]> = subj && !subj.pronoun ? [[subj.first, subj.last]] : [];
  return { ...base, ...NO_SOURCE, pattern: "passive", content, contentFrom: r.start };
}

/** `"…," said Putin.` — only verbs of saying put the speaker after them. */
function frameInverted(st: SentenceState, base: Base): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  if (!INVERTIBLE.has(cue.lemma) || cue.hasAux) return null;
  const src = scanForward(doc, cue.last + 1, s.last);
  if (!src) return null;
  const after = rightContext(doc, s, src.last + 1, cue.lemma);
  if (after.kind === "clause" || after.kind === "that") return null;
  if (after.kind === "colon" && cue.first === s.first) {
    return { ...base, ...sourceOf(src), pattern: "colon", contentFrom: after.start }; // "Continued Lima: …"
  }
  if (cue.first === s.first) {
    const q = quoteEndingPreviousSentence(doc, s);
    return q ? { ...base, ...sourceOf(src), pattern: "content-cue-source", content: [q] } : null;
  }
  const range = trimRange(doc, st.start, cue.first - 1);
  if (!range) return null;
  const f: Frame = { ...base, ...sourceOf(src), pattern: "content-cue-source", content: [range], barrier: cue.first - 1 };
  continueQuote(st, f, src.last + 1);
  return f;
}

/** ", saying …", "… but did confirm that …": the speaker of the main clause. */
function frameShared(st: SentenceState, base: Base, connector: number): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  const r = rightContext(doc, s, cue.last + 1, cue.lemma);
  if (r.start < 0 || !complementFits(doc, cue, r.kind, r.start)) return null;
  const prev = st.firstSpeaker && st.firstSpeaker.pattern !== "headline-colon" ? st.firstSpeaker : undefined;
  const part: SourcePart | null = prev
    ? { source: prev.source, sourceFirst: prev.sourceFirst, sourceLast: prev.sourceLast }
    : (() => {
        const m = sentenceSubject(doc, s, connector);
        return m ? sourceOf(m) : null;
      })();
  if (!part) return null;
  return { ...base, ...part, pattern: "shared-subject", contentFrom: r.start, barrier: connector };
}

/** Speaker before the cue: content after it (`X said that …`) or before it (`"…," X said`). */
function frameWithSpeakerBefore(st: SentenceState, base: Base, m: Mention, spanFirst: number, spanLast: number): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  const r = rightContext(doc, s, cue.last + 1, cue.lemma);
  const before = spanFirst - 1;
  const beforeTok = doc.tokens[before];
  const srcPart: SourcePart = { source: m, sourceFirst: spanFirst, sourceLast: spanLast };
  const noRightContent = r.kind === "end" || r.kind === "comma" || r.kind === "comma-quote";
  if (noRightContent && before > st.start && beforeTok && (beforeTok.lower === "," || beforeTok.kind === "quote" || beforeTok.lower === "—")) {
    const range = trimRange(doc, st.start, before);
    if (!range) return null;
    const f: Frame = { ...base, ...srcPart, pattern: "content-source-cue", content: [range], barrier: before };
    continueQuote(st, f, r.stop);
    return f;
  }
  if ((r.kind === "end" || r.kind === "comma") && spanFirst === s.first) {
    // `“… is missing.” Lima said.` — the period inside the quote ended the sentence.
    const q = quoteEndingPreviousSentence(doc, s);
    if (q) return { ...base, ...srcPart, pattern: "content-source-cue", content: [q] };
  }
  // "As X reported, …", also after an opening adverbial: "Of course, as X observed, …".
  const asOpens = before === st.start || (doc.tokens[before - 1]?.lower === "," && st.frames.every((f) => f.content.length === 0 && f.contentFrom < 0));
  if (r.kind === "comma" && beforeTok?.lower === "as" && asOpens) {
    return { ...base, ...srcPart, pattern: "source-cue-content", contentFrom: r.stop + 1, toSentenceEnd: true }; // "As X reported, …"
  }
  if (r.start < 0 || !complementFits(doc, cue, r.kind, r.start)) return null;
  // A speaker after a comma or connective opens a new clause: earlier contents end there
  // ("After Lima met the group, Costa proposed …"); "said that Y claimed" stays nested.
  const l = beforeTok?.lower ?? "";
  const opens = l === ";" || l === "," || CLAUSE_BREAKERS.has(l) || SUBORDINATORS.has(l);
  const barrier = opens ? (doc.tokens[before - 1]?.lower === "," ? before - 1 : before) : -1;
  return { ...base, ...srcPart, pattern: r.kind === "colon" ? "colon" : "source-cue-content", contentFrom: r.start, barrier };
}

/**
 * Subject of the main clause for "X criticised the plan, calling it …" when no earlier
 * cue gave a speaker: the named or pronoun phrase opening the sentence, or the one
 * after an opening adverbial ("Hours later, Lima …").
 */
function sentenceSubject(doc: Doc, s: Sentence, before: number): Mention | null {
  const tryAt = (t: number): Mention | null => {
    const m = scanForward(doc, t, before - 1);
    if (!m) return null;
    // "Carson took the stage and called …", "The coach took to Twitter to say …": a
    // lower-case word after the name or role noun is its verb.
    for (let k = m.first + 1; k <= m.last; k++) {
      const cur = doc.tokens[k];
      const prev = doc.tokens[k - 1];
      const headBefore = prev !== undefined && ((prev.cap && !DETERMINERS.has(prev.lower)) || ROLE_NOUNS.has(prev.lower));
      if (cur && cur.kind === "word" && !cur.cap && headBefore && !ROLE_NOUNS.has(cur.lower) && !/^(of|and|&)$/.test(cur.lower)) {
        m.last = k - 1;
        break;
      }
    }
    if (!(m.named || m.pronoun || ROLE_NOUNS.has(doc.tokens[m.last]?.lower ?? ""))) return null;
    const next = doc.tokens[m.last + 1];
    return next && next.kind === "word" && m.last + 1 < before ? m : null;
  };
  const direct = tryAt(s.first);
  const afterDirect = direct ? doc.tokens[direct.last + 1] : undefined;
  if (direct && !(afterDirect && TIME_WORDS.has(afterDirect.lower))) return direct;
  for (let t = s.first; t < before && t - s.first < 12; t++) {
    if (doc.tokens[t]?.lower === ",") return tryAt(t + 1);
  }
  return null;
}

/** `"…," he said, "…"`: a quotation after the cue continues the content. */
function continueQuote(st: SentenceState, f: Frame, from: number): void {
  const r = rightContext(st.doc, st.s, from, f.cue.lemma);
  if (r.kind === "comma-quote" || r.kind === "colon") f.contentFrom = r.start;
}
