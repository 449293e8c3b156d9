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
import { isQuoteClose } from "./document";
import { headlineColon } from "./headline";
import { CATENATIVES, CUE_FORMS } from "./lexicon/cue-index";
import { ADJUNCT_SUBORDINATORS, CLAUSE_BREAKERS, INVERTIBLE, REDUCED_PASSIVE_AFTER, SUBORDINATORS } from "./lexicon/frame-words";
import { DETERMINERS, PREPOSITIONS, ROLE_NOUNS, SUBJECT_PRONOUNS, TIME_WORDS } from "./lexicon/words";
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
  let relative: SubjectRelative | null = null;
  for (const cue of findCues(doc, s)) {
    const f = frameForCue(st, cue);
    if (!f) continue;
    if (cue.npContent && f.contentFrom >= 0) {
      const np = scanForward(doc, f.contentFrom, s.last);
      if (np) f.contentMax = np.last;
    }
    if (relative) closeSubjectRelative(st, relative, f);
    relative = relative ? null : subjectRelative(st, f);
    st.frames.push(f);
    if (f.content.length > 0) st.start = Math.max(st.start, Math.max(f.cue.last, f.sourceLast) + 1);
    if (!st.firstSpeaker && f.source) st.firstSpeaker = f;
  }
  endContents(doc, s, st.frames);
  return st.frames;
}

/** A cue inside a relative clause of the sentence's subject ("Voters who say …"), with the subject's first token. */
interface SubjectRelative {
  frame: Frame;
  subjectFirst: number;
}

/**
 * "Voters who say the economy matters most support Lima": the relative "who say" opens
 * the subject, so its content is open; the next cue is the main verb.
 */
function subjectRelative(st: SentenceState, f: Frame): SubjectRelative | null {
  const { doc, s } = st;
  if (!f.source?.pronoun || doc.tokens[f.sourceFirst]?.lower !== "who" || f.contentFrom < 0 || f.pattern !== "source-cue-content") return null;
  const before = f.sourceFirst - 1;
  // "Those who say …": a lone demonstrative is a mention here.
  let head = doc.tokens[before]?.lower === "those" ? { first: before, last: before, pronoun: false, named: false } : scanBack(doc, before, s.first);
  // "A majority of the people who answered …": take in the quantity before "of".
  while (head && !head.pronoun && doc.tokens[head.first - 1]?.lower === "of") {
    const outer = scanBack(doc, head.first - 2, s.first);
    if (!outer || outer.pronoun) break;
    head = { ...head, first: outer.first };
  }
  if (!head || head.pronoun) return null;
  const lead = head.first - s.first;
  // "Among those who want change, most support Lima": the opening phrase ends at its comma.
  if (lead === 1 && PREPOSITIONS.has(doc.tokens[s.first]?.lower ?? "")) {
    for (let t = f.contentFrom; t <= s.last && t - f.contentFrom < 30; t++) {
      if (doc.tokens[t]?.lower === "," && doc.inQuote[t] === -1) {
        f.contentMax = t - 1;
        break;
      }
    }
    return null;
  }
  // The subject opens the sentence (after at most a connective: "But voters who …").
  if (lead > 1 || (lead === 1 && !SUBORDINATORS.has(doc.tokens[s.first]?.lower ?? ""))) return null;
  return { frame: f, subjectFirst: head.first };
}

/** The main verb after a subject relative: its speaker is the whole subject, and it ends the relative's content. */
function closeSubjectRelative(st: SentenceState, rel: SubjectRelative, f: Frame): void {
  const r = rel.frame;
  if (f.cue.kind !== "verb" || f.cue.form === "ing" || f.cue.first <= r.cue.last + 1) return;
  if (!(f.source === null || f.sourceFirst > r.cue.last)) return;
  if (f.pattern !== "source-cue-content" && f.pattern !== "shared-subject") return;
  const last = f.cue.first - 1;
  f.source = { first: rel.subjectFirst, last, pronoun: false, named: f.source?.named ?? false };
  f.sourceFirst = rel.subjectFirst;
  f.sourceLast = last;
  r.contentMax = last;
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
  // ", declining to criticize …": a participial catenative opens the cue span.
  const lead = doc.tokens[cue.first]?.lower ?? "";
  const ingLead = cue.first !== cue.head && lead.endsWith("ing") && CATENATIVES.has(lead);
  if (ingLead) {
    const shared = findSubject(doc, s, cue.first - 1, true);
    const f = shared.kind === "shared" ? frameShared(st, base, shared.connector) : null;
    if (f) return f;
  }
  const subj = findSubject(doc, s, cue.first - 1, cue.form === "ing" && !cue.hasAux);
  if (subj.kind === "inverted") {
    const opening = cue.first === s.first && (cue.form === "ing" || doc.tokens[cue.first]?.lower === "having");
    if (opening) return frameOpeningParticiple(st, base, rightContext(doc, s, cue.last + 1, cue.lemma).start);
    return frameInverted(st, base) ?? frameCoordinated(st, base);
  }
  if (subj.kind === "shared") return frameShared(st, base, subj.connector);
  if (subj.kind === "none") return null;
  return frameWithSpeakerBefore(st, base, subj.mention, subj.spanFirst, subj.spanLast);
}

/** "According to X, …" (content after) and "…, according to X." (content before). */
function frameAccording(st: SentenceState, base: Base): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  // "In the senator's view, …": the possessor inside the cue phrase is the source.
  const pos = cue.possessor;
  const src: Mention | null = pos ? { first: pos[0], last: pos[1], pronoun: false, named: isNameWord(doc, pos[0]) || isNameWord(doc, pos[1]) } : scanForward(doc, cue.last + 1, s.last) ?? objectPronoun(doc, cue.last + 1);
  const srcPart: SourcePart = src ? sourceOf(src) : { ...NO_SOURCE };
  // "X reported that, according to Y, …": after a complementizer the content follows too.
  const afterThat = doc.tokens[cue.first - 1]?.lower === "," && (doc.tokens[cue.first - 2]?.lower === "that" || SUBORDINATORS.has(doc.tokens[cue.first - 2]?.lower ?? ""));
  const atStart = cue.first === st.start || afterThat || /^(but|and|so|yet|however)$/.test(doc.tokens[cue.first - 1]?.lower ?? "");
  if (atStart) {
    let after = (src && !pos ? src.last : cue.last) + 1;
    // "According to a report in the Times, …": the source phrase runs on to its comma.
    if (doc.tokens[after]?.lower !== "," && doc.tokens[after]?.kind === "word" && PREPOSITIONS.has(doc.tokens[after]?.lower ?? "")) {
      for (let t = after; t <= s.last && t - after < 8; t++) {
        const tok = doc.tokens[t];
        if (!tok || doc.inQuote[t] !== -1 || (tok.kind === "punct" && tok.lower !== "," && tok.lower !== ".")) break;
        if (tok.lower === ",") {
          // The source takes in its modifiers up to the comma.
          if (src && !pos) srcPart.sourceLast = t - 1;
          if (src && !pos && srcPart.source) srcPart.source = { ...srcPart.source, last: t - 1 };
          after = t;
          break;
        }
      }
    }
    return { ...base, ...srcPart, pattern: "according-to", contentFrom: doc.tokens[after]?.lower === "," ? after + 1 : after, toSentenceEnd: true };
  }
  // "…, according to a statement from the ministry.": the source phrase runs on to the sentence end.
  if (src && !pos && srcPart.source) {
    const end = phraseToSentenceEnd(doc, s, src.last + 1);
    if (end > src.last) {
      srcPart.sourceLast = end;
      srcPart.source = { ...srcPart.source, last: end };
    }
  }
  // `"…," the minister said, according to a transcript`: the source reports the whole
  // attribution before it, which then nests inside this one.
  const prev = st.frames[st.frames.length - 1];
  const wraps = prev !== undefined && prev.content.length > 0 && prev.pattern !== "headline-colon" && Math.max(prev.cue.last, prev.sourceLast) === cue.first - 2 &&
    doc.tokens[cue.first - 1]?.lower === ",";
  const range = trimRange(doc, wraps ? Math.min(prev.content[0]?.[0] ?? st.start, prev.sourceFirst >= 0 ? prev.sourceFirst : st.start, prev.cue.first) : st.start, cue.first - 1);
  return range ? { ...base, ...srcPart, pattern: "according-to", content: [range], barrier: cue.first - 1 } : null;
}

/**
 * Last word of a modifier phrase that starts at `from` ("from the ministry", "by Gallup",
 * "briefed on the talks") and ends the sentence, or -1 when a comma, quotation or clause
 * word comes first.
 */
function phraseToSentenceEnd(doc: Doc, s: Sentence, from: number): number {
  const first = doc.tokens[from];
  if (!first || first.kind !== "word" || !(PREPOSITIONS.has(first.lower) || (first.lower.endsWith("ed") && !first.cap))) return -1;
  let last = -1;
  for (let t = from; t <= s.last && t - from < 12; t++) {
    const tok = doc.tokens[t];
    if (!tok || doc.inQuote[t] !== -1) return -1;
    if (tok.kind === "punct") {
      if (/^[.!?]$/.test(tok.lower) && t === s.last) return last;
      if (tok.lower === "." || tok.lower === "-" || tok.lower === "&") continue;
      return -1;
    }
    if (tok.kind === "word" && (tok.lower === "that" || tok.lower === "which" || tok.lower === "who" || (SUBORDINATORS.has(tok.lower) && tok.lower !== "and"))) return -1;
    last = t;
  }
  return last === s.last ? last : -1;
}

/** "Lima's claim that …", "his criticism of the plan": the possessor is the speaker. */
function frameNoun(st: SentenceState, base: Base): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  if (!cue.possessor) {
    // "The hope is that …": the clause after the copula, nobody named.
    if (cue.clauseAfter && cue.last + 1 <= s.last) return { ...base, ...NO_SOURCE, pattern: "source-cue-content", contentFrom: cue.last + 1 };
    // "In a swipe at Lima, …": no speaker inside the phrase.
    if (!cue.npContent || cue.last + 1 > s.last) return null;
    // "Lima stunned the room, with a reference to …": after the main clause, its subject acts.
    const subject = cue.first - 2 > s.first ? sentenceSubject(doc, s, cue.first - 1) : null;
    if (subject && !subject.pronoun) return { ...base, ...sourceOf(subject), pattern: "shared-subject", contentFrom: cue.last + 1 };
    return { ...base, ...NO_SOURCE, pattern: "source-cue-content", contentFrom: cue.last + 1 };
  }
  const [pf, pl] = cue.possessor;
  let named = false;
  for (let t = pf; t <= pl; t++) if (isNameWord(doc, t)) named = true;
  const source: Mention = { first: pf, last: pl, pronoun: false, named };
  let from = cue.npContent ? cue.last + 1 : rightContext(doc, s, cue.last + 1, cue.lemma).start;
  // "Lima's view is that …": the content is the that-clause after the copula.
  if (from >= 0 && /^(is|was)$/.test(doc.tokens[from]?.lower ?? "") && doc.tokens[from + 1]?.lower === "that") from++;
  if (from < 0 || from > s.last) return null;
  return { ...base, source, sourceFirst: pf, sourceLast: pl, pattern: "source-cue-content", contentFrom: from };
}

/** "The winner was announced by the jury", "Lima is expected to …", "when asked about …". */
function framePassive(st: SentenceState, base: Base, reduced: boolean): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  let subj = reduced ? null : scanBack(doc, cue.first - 1, s.first);
  // "Lima's claim that crime is falling was disputed": a lone -ing word is the end of a clause, not the subject.
  if (subj && subj.first === subj.last && !doc.tokens[subj.first]?.cap && (doc.tokens[subj.first]?.lower.endsWith("ing") ?? false) && doc.tokens[subj.first - 1]?.kind === "word" && subj.first > s.first) subj = null;
  let after = cue.last + 1;
  let src: Mention | null = null;
  if (doc.tokens[after]?.lower === "by" || (cue.agentFrom === true && doc.tokens[after]?.lower === "from")) {
    // "seen by some as …", "criticized by them": a quantifier or pronoun agent.
    src = scanForward(doc, after + 1, s.last) ?? objectPronoun(doc, after + 1) ?? loneAgent(doc, after + 1);
    after = src ? src.last + 1 : after + 1;
  }
  // "As first reported by the Times, …" / "…, as reported by the Times.": like "according to".
  if (reduced && src && doc.tokens[cue.first - 1]?.lower === "as") {
    const asAt = cue.first - 1;
    if (asAt === st.start && doc.tokens[after]?.lower === ",") {
      return { ...base, ...sourceOf(src), pattern: "according-to", contentFrom: after + 1, toSentenceEnd: true };
    }
    // "…, at least as measured by …", "…, even as reported by …": a hedge before "as".
    const hedge = doc.tokens[asAt - 1]?.lower === "least" && doc.tokens[asAt - 2]?.lower === "at" ? 2 : /^(even|only|exactly|just)$/.test(doc.tokens[asAt - 1]?.lower ?? "") ? 1 : 0;
    const comma = asAt - 1 - hedge;
    if (/^[,—–]$/.test(doc.tokens[comma]?.lower ?? "")) {
      const range = trimRange(doc, st.start, comma);
      if (range) return { ...base, ...sourceOf(src), pattern: "according-to", content: [range], barrier: comma };
    }
  }
  const r = rightContext(doc, s, after, cue.lemma);
  // "Cats are seen as lucky by sailors", "was criticised on the budget by Moreno": the
  // agent after a short complement. Only a name or a speaking role: "by shooting" is a means.
  if (!src && !reduced) src = laterAgent(doc, s, after);
  const content: Array<[number, number]> = subj ? [[subj.first, subj.last]] : [];
  if (content.length === 0 && r.start < 0) return null;
  // "The count has yet to be finished", "has not yet been settled": a pending outcome, nobody's statement.
  if (!src && r.start < 0 && spanHas(doc, cue.first, cue.last, "yet")) return null;
  return { ...base, ...(src ? sourceOf(src) : NO_SOURCE), pattern: "passive", content, contentFrom: r.start };
}

function spanHas(doc: Doc, first: number, last: number, word: string): boolean {
  for (let t = first; t <= last; t++) if (doc.tokens[t]?.lower === word) return true;
  return false;
}

/** "according to him", "by them": an object pronoun as the source. */
function objectPronoun(doc: Doc, t: number): Mention | null {
  const l = doc.tokens[t]?.lower ?? "";
  return /^(him|her|them|us|me)$/.test(l) && doc.inQuote[t] === -1 ? { first: t, last: t, pronoun: true, named: false } : null;
}

/** "by some", "by many": a quantifier alone. */
function loneAgent(doc: Doc, t: number): Mention | null {
  const l = doc.tokens[t]?.lower ?? "";
  return /^(some|many|most|others|few|several|all|both)$/.test(l) && doc.inQuote[t] === -1 ? { first: t, last: t, pronoun: false, named: false } : null;
}

const MAX_AGENT_GAP = 6;

function laterAgent(doc: Doc, s: Sentence, from: number): Mention | null {
  for (let t = from; t <= s.last && t - from < MAX_AGENT_GAP; t++) {
    const tok = doc.tokens[t];
    if (!tok || tok.kind !== "word" || doc.inQuote[t] !== -1) return null;
    if (tok.lower !== "by") continue;
    const next = doc.tokens[t + 1];
    // "by 48 percent of voters": a share of speakers.
    if (!next || (next.kind !== "word" && next.kind !== "number") || next.lower.endsWith("ing")) return null;
    const m = scanForward(doc, t + 1, s.last);
    if (!m || m.pronoun) return null;
    return m.named || ROLE_NOUNS.has(doc.tokens[m.last]?.lower ?? "") ? m : null;
  }
  return null;
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
  // "Lima, asked about the audit, said …": a topic after "asked about" is no speaker.
  if (cue.particle === "about" || /^(whether|if|about)$/.test(doc.tokens[cue.last + 1]?.lower ?? "")) return null;
  // `"…," said matter-of-factly Bill Reed`: a manner adverb is not the speaker.
  const adv = doc.tokens[cue.last + 1];
  const from = adv && adv.kind === "word" && !adv.cap && adv.lower.length > 4 && adv.lower.endsWith("ly") ? cue.last + 2 : cue.last + 1;
  const src = scanForward(doc, from, s.last);
  if (!src) return null;
  const after = rightContext(doc, s, src.last + 1, cue.lemma);
  // `"…," said Tom Reed when asked about it`: an adverbial clause after the speaker is fine.
  const adjunct = after.kind === "clause" && ADJUNCT_SUBORDINATORS.has(doc.tokens[after.start]?.lower ?? "");
  // `"…," said the man who built the company`: a relative clause right after the speaker describes them.
  if (after.kind === "clause" && after.start === src.last + 1 && RELATIVE_OPENERS.has(doc.tokens[after.start]?.lower ?? "") && cue.first > s.first) {
    const end = relativeEnd(doc, s, after.start);
    const range = trimRange(doc, st.start, cue.first - 1);
    if (!range) return null;
    return { ...base, source: { ...src, last: end }, sourceFirst: src.first, sourceLast: end, pattern: "content-cue-source", content: [range], barrier: cue.first - 1 };
  }
  if ((after.kind === "clause" && !adjunct) || after.kind === "that") return null;
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

const RELATIVE_OPENERS = new Set(["who", "whose", "which"]);
/** Verbs whose lone object can be what was promised or asked for ("promised a recount"). */
const OBJECT_AS_CONTENT = new Set(["promise", "urge", "ask"]);

/** Last token of a relative clause after an inverted speaker: up to a comma or the sentence end. */
function relativeEnd(doc: Doc, s: Sentence, from: number): number {
  let end = from;
  for (let t = from; t <= s.last; t++) {
    const tok = doc.tokens[t];
    if (!tok || (doc.inQuote[t] === -1 && tok.kind === "punct" && /^[,.;:!?]$/.test(tok.lower))) break;
    end = t;
  }
  return end;
}

/**
 * "He suggested …, called her “third-rate” and left": a finite verb after a comma in a
 * list of verb phrases shares the sentence's speaker (verbs that put the speaker after
 * them, `"…," said Lima`, were tried first).
 */
function frameCoordinated(st: SentenceState, base: Base): Frame | null {
  const cue = base.cue;
  // "called it “a disgrace,” blasted …": the list's comma may sit inside the closing quote.
  const quoted = isQuoteClose(st.doc, cue.first - 1) && st.doc.tokens[cue.first - 2]?.lower === ",";
  const p = quoted ? cue.first - 2 : cue.first - 1;
  if (!st.firstSpeaker || st.firstSpeaker.pattern === "headline-colon" || st.doc.tokens[p]?.lower !== ",") return null;
  if (cue.form !== "past" && cue.form !== "third") return null;
  if (st.firstSpeaker.cue.last >= p) return null;
  return frameShared(st, base, quoted ? p + 2 : p);
}

/** ", saying …", "… but did confirm that …": the speaker of the main clause. */
function frameShared(st: SentenceState, base: Base, connector: number): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  const r = rightContext(doc, s, cue.last + 1, cue.lemma);
  if (r.start < 0 || !complementFits(doc, cue, r.kind, r.start)) return null;
  if (insideReportedClause(st, cue, connector)) return null;
  // "He pledged …, and she, once again, pledged … and said …": the latest speaker who
  // opened a clause of their own (not one inside an earlier content) is the subject.
  let latest: Frame | undefined;
  for (let k = st.frames.length - 1; k >= 0 && !latest; k--) {
    const f = st.frames[k];
    if (f && f.source && f.barrier >= 0 && f.pattern === "source-cue-content" && f.sourceFirst > (st.firstSpeaker?.cue.last ?? Infinity) && f.cue.last < connector) latest = f;
  }
  const prev = latest ?? (st.firstSpeaker && st.firstSpeaker.pattern !== "headline-colon" ? st.firstSpeaker : undefined);
  // "Lima pressed Reed about his plan to …, calling it …": a possessor of a noun cue
  // inside the predicate is not the subject the participle shares; the clause's own is.
  const mainSubject = prev && prev.cue.kind === "noun" && prev.sourceFirst > s.first + 1 ? subjectBeforePossessor(doc, s, prev.sourceFirst) : null;
  if (mainSubject) return { ...base, ...sourceOf(mainSubject), pattern: "shared-subject", contentFrom: r.start, barrier: connector };
  // "The crowd cheered when Lima spotted a sign and asked …": with no speaker yet, a
  // connector inside a subordinate clause shares that clause's subject. (After a speaker
  // the clause may be inside what they said: "said it failed when it was tried and added".)
  const sub = prev ? null : subordinateSubject(doc, s.first + 1, connector);
  if (sub) return { ...base, ...sourceOf(sub), pattern: "shared-subject", contentFrom: r.start, barrier: connector };
  const part: SourcePart | null = prev
    ? { source: prev.source, sourceFirst: prev.sourceFirst, sourceLast: prev.sourceLast }
    : (() => {
        const m = sentenceSubject(doc, s, connector);
        return m ? sourceOf(m) : null;
      })();
  if (!part) return connector - s.first <= OPENING_ADJUNCT_TOKENS ? frameOpeningParticiple(st, base, r.start) : null;
  return { ...base, ...part, pattern: "shared-subject", contentFrom: r.start, barrier: connector };
}

/** The subject opening the sentence when a finite verb separates it from a noun cue's possessor at `possessor`. */
function subjectBeforePossessor(doc: Doc, s: Sentence, possessor: number): Mention | null {
  const m = sentenceSubject(doc, s, possessor);
  if (!m || m.first !== s.first || m.last + 2 >= possessor) return null;
  const verb = doc.tokens[m.last + 1];
  if (!verb || verb.kind !== "word" || verb.cap || doc.inQuote[m.last + 1] !== -1) return null;
  // The verb right after the subject: a past or third-person form ("went", "hit", "blasted").
  return /(ed|s)$/.test(verb.lower) || IRREGULAR_PAST.has(verb.lower) ? m : null;
}
const IRREGULAR_PAST = new Set(["went", "took", "hit", "made", "gave", "came", "ran", "struck", "tore", "laid", "got", "had", "has", "was", "is", "spent", "left", "put"]);

/**
 * "He says he feels fine and plans to run": after "and"/"but", a verb of belief or intention
 * continues the reported clause (its subject is the clause's "he"), so it stays inside the
 * first speaker's content rather than becoming a claim of its own. Verbs of saying
 * ("… and added that …") still coordinate with the speaker's own verb.
 */
function insideReportedClause(st: SentenceState, cue: Cue, connector: number): boolean {
  const { doc } = st;
  const first = st.firstSpeaker;
  if (!first || cue.strength === "speech" || first.pattern !== "source-cue-content" || first.contentFrom < 0 || first.contentFrom >= connector) return false;
  const c = doc.tokens[connector]?.lower;
  if (c !== "and" && c !== "but") return false;
  const opener = doc.tokens[first.contentFrom];
  // A finite clause reported without "that": it opens with its own subject pronoun.
  return opener !== undefined && SUBJECT_PRONOUNS.has(opener.lower) && opener.lower !== "who" && doc.inQuote[first.contentFrom] === -1 && first.cue.strength === "speech";
}

/** "Speaking to reporters, Lima said …": the occasion of the statement, not a statement. */
const OCCASION_LEMMAS = new Set(["speak", "talk", "address", "discuss", "write", "comment"]);

/** "After criticizing …", "In addition to stating …": at most this many words open the sentence before the participle. */
const OPENING_ADJUNCT_TOKENS = 3;

/**
 * "After criticizing the budget for weeks, the mayor …", "Having announced that he would
 * resign, the minister …": a participle clause opening the sentence has the subject of the
 * main clause after its comma; the content ends at that comma.
 */
function frameOpeningParticiple(st: SentenceState, base: Base, contentFrom: number): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  if (contentFrom < 0 || OCCASION_LEMMAS.has(cue.lemma) || st.frames.some((f) => f.pattern !== "headline-colon")) return null;
  let comma = -1;
  for (let t = contentFrom; t <= s.last && t - contentFrom < 40; t++) {
    if (doc.inQuote[t] !== -1) continue;
    if (doc.tokens[t]?.lower === ",") {
      comma = t;
      break;
    }
  }
  if (comma < 0) return null;
  const m = scanForward(doc, comma + 1, s.last);
  if (m) trimAtVerb(doc, m);
  if (!m || !(m.named || m.pronoun || ROLE_NOUNS.has(doc.tokens[m.last]?.lower ?? ""))) return null;
  const next = doc.tokens[m.last + 1];
  if (!next || next.kind !== "word") return null;
  return { ...base, ...sourceOf(m), pattern: "shared-subject", contentFrom, contentMax: comma - 1, barrier: cue.first > s.first ? cue.first - 1 : -1 };
}

/** Speaker before the cue: content after it (`X said that …`) or before it (`"…," X said`). */
function frameWithSpeakerBefore(st: SentenceState, base: Base, m: Mention, spanFirst: number, spanLast: number): Frame | null {
  const { doc, s } = st;
  const cue = base.cue;
  const r = rightContext(doc, s, cue.last + 1, cue.lemma);
  const before = spanFirst - 1;
  const beforeTok = doc.tokens[before];
  const srcPart: SourcePart = { source: m, sourceFirst: spanFirst, sourceLast: spanLast };
  // `"…," Lima said as she left`: a subordinate clause after the cue is an adjunct, not content.
  const adjunctClause = r.kind === "clause" && ADJUNCT_SUBORDINATORS.has(doc.tokens[r.start]?.lower ?? "");
  const noRightContent = r.kind === "end" || r.kind === "comma" || r.kind === "comma-quote" || adjunctClause;
  // "Asked whether …, the mayor replied, “…”": the text before the speaker is another
  // cue's open content, so this cue's content is the quotation after it.
  if (r.kind === "comma-quote" && beforeTok?.lower === "," && st.frames.some((f) => f.contentFrom >= 0 && f.content.length === 0 && f.contentFrom < before && f.cue.last < before)) {
    return { ...base, ...srcPart, pattern: "source-cue-content", contentFrom: r.start, barrier: before };
  }
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
  // "Lima promised a recount.", "urged restraint.": with nothing said before the speaker,
  // the lone object ending the sentence is what was promised or asked for.
  if (r.kind === "end" && OBJECT_AS_CONTENT.has(cue.lemma) && spanFirst <= st.start) {
    const obj = scanForward(doc, cue.last + 1, s.last);
    if (obj && !obj.pronoun && obj.last + 1 === r.stop && doc.tokens[cue.last + 1]?.kind === "word" && !/^(him|her|them|us|me)$/.test(doc.tokens[cue.last + 1]?.lower ?? "")) {
      return { ...base, ...srcPart, pattern: "source-cue-content", content: [[cue.last + 1, obj.last]] };
    }
  }
  // "As X reported, …", also after an opening adverbial: "Of course, as X observed, …".
  const asOpens = before === st.start || (doc.tokens[before - 1]?.lower === "," && st.frames.every((f) => f.content.length === 0 && f.contentFrom < 0));
  if (r.kind === "comma" && beforeTok?.lower === "as" && asOpens) {
    return { ...base, ...srcPart, pattern: "source-cue-content", contentFrom: r.stop + 1, toSentenceEnd: true }; // "As X reported, …"
  }
  // "Rubio says, win or lose, he is staying in the race": nothing before the speaker, so
  // the clause after the comma is what was said.
  const afterComma = doc.tokens[r.stop + 1];
  if (r.kind === "comma" && doc.tokens[r.stop]?.lower === "," && spanFirst <= st.start && INVERTIBLE.has(cue.lemma) && !cue.hasAux && afterComma?.kind === "word" &&
      CUE_FORMS.get(afterComma.lower)?.form !== "ing" && afterComma.lower !== "according" && r.stop + 1 <= s.last) {
    return { ...base, ...srcPart, pattern: "source-cue-content", contentFrom: r.stop + 1 };
  }
  if (r.start < 0 || !complementFits(doc, cue, r.kind, r.start)) return null;
  // A speaker after a comma or connective opens a new clause: earlier contents end there
  // ("After Lima met the group, Costa proposed …"); "said that Y claimed" stays nested.
  const l = beforeTok?.lower ?? "";
  // "…: She said …" — a clause after a colon is a new statement, not the earlier content.
  const opens = l === ";" || l === "," || l === ":" || CLAUSE_BREAKERS.has(l) || SUBORDINATORS.has(l);
  // "Beck, who has described X as Y, said …": the aside's own content ends at its closing comma.
  const asideClose = spanLast < cue.first - 1 && doc.tokens[cue.first - 1]?.lower === "," ? cue.first - 1 : -1;
  let barrier = opens ? (doc.tokens[before - 1]?.lower === "," ? before - 1 : before) : asideClose;
  // "…, and by midnight the fans were chanting …": a new clause after a short opening adverbial.
  if (!opens && barrier < 0) {
    const k = adverbialOpening(doc, s, before);
    if (k >= 0) barrier = k;
  }
  return { ...base, ...srcPart, pattern: r.kind === "colon" ? "colon" : "source-cue-content", contentFrom: r.start, barrier };
}

const ADVERBIAL_OPENERS = new Set(["at", "in", "on", "by", "after", "before", "during", "later", "earlier", "then", "minutes", "hours", "moments"]);

/**
 * "…, and by midnight the fans …", "…, but on Monday Lima …": a short adverbial of plain
 * words (ending at `last`) after ", and" / ", but" / ";" opens a clause; returns the token the
 * earlier contents end before, or -1.
 */
function adverbialOpening(doc: Doc, s: Sentence, last: number): number {
  for (let t = last; t >= s.first && last - t < 4; t--) {
    const tok = doc.tokens[t];
    if (!tok || doc.inQuote[t] !== -1 || (tok.kind !== "word" && tok.kind !== "number")) return -1;
    const prev = doc.tokens[t - 1]?.lower ?? "";
    if (!ADVERBIAL_OPENERS.has(tok.lower) && tok.kind !== "number") continue;
    if (prev === ";") return t - 1;
    if ((prev === "and" || prev === "but") && doc.tokens[t - 2]?.lower === ",") return t - 2;
  }
  return -1;
}

/**
 * "Carson took the stage and called …", "The coach took to Twitter to say …": a
 * lower-case word after the name or role noun is its verb, not part of the subject.
 */
function trimAtVerb(doc: Doc, m: Mention): void {
  for (let k = m.first + 1; k <= m.last; k++) {
    const cur = doc.tokens[k];
    const prev = doc.tokens[k - 1];
    const headBefore = prev !== undefined && ((prev.cap && !DETERMINERS.has(prev.lower)) || ROLE_NOUNS.has(prev.lower));
    if (cur && cur.kind === "word" && !cur.cap && headBefore && !ROLE_NOUNS.has(cur.lower) && !/^(of|and|&)$/.test(cur.lower)) {
      m.last = k - 1;
      break;
    }
  }
}

/**
 * Subject of the main clause for "X criticised the plan, calling it …" when no earlier
 * cue gave a speaker: the named or pronoun phrase opening the sentence, or the one
 * after an opening adverbial ("Hours later, Lima …").
 */
/** A relative clause opened at `from` closes with a comma or dash followed by a lower-case word before `before`. */
function relativeCloses(doc: Doc, from: number, before: number): boolean {
  for (let t = from + 1; t < before - 1 && t - from <= 20; t++) {
    if (doc.inQuote[t] !== -1) continue;
    const l = doc.tokens[t]?.lower;
    if (l === "," || l === "—" || l === "–") {
      const v = doc.tokens[t + 1];
      return v !== undefined && v.kind === "word" && !v.cap;
    }
  }
  return false;
}

function sentenceSubject(doc: Doc, s: Sentence, before: number): Mention | null {
  const tryAt = (t: number): Mention | null => {
    const m = scanForward(doc, t, before - 1);
    if (!m) return null;
    trimAtVerb(doc, m);
    if (!(m.named || m.pronoun || ROLE_NOUNS.has(doc.tokens[m.last]?.lower ?? ""))) return null;
    const next = doc.tokens[m.last + 1];
    // "Lima, clearly annoyed, responded …": a name with a short aside before its verb.
    const aside = next?.lower === "," && m.named && closesShortAside(doc, m.last + 1, before);
    // "The governor, who faces a tough race, will use …": a relative clause after the subject.
    const relative = next?.lower === "," && !m.pronoun && t === s.first && /^(who|which)$/.test(doc.tokens[m.last + 2]?.lower ?? "") && relativeCloses(doc, m.last + 2, before);
    return next && (next.kind === "word" || aside || relative) && m.last + 1 < before ? m : null;
  };
  // "When Lima opened her campaign by talking about …": the subject after an opening subordinator.
  // Only while still inside that clause (no comma yet before the connector).
  let inClause = SUBORDINATORS.has(doc.tokens[s.first]?.lower ?? "") && doc.tokens[s.first]?.lower !== "and" && doc.tokens[s.first]?.lower !== "but";
  for (let t = s.first; inClause && t < before; t++) if (doc.tokens[t]?.lower === "," && doc.inQuote[t] === -1) inClause = false;
  const opener = inClause ? s.first + 1 : s.first;
  const direct = tryAt(opener);
  const afterDirect = direct ? doc.tokens[direct.last + 1] : undefined;
  // "Two days later, …": a span of time, not a subject.
  const SPAN = /^(minutes|hours|days|weeks|months|years|moments)$/;
  const span = direct !== null && (SPAN.test(doc.tokens[direct.last]?.lower ?? "") || SPAN.test(afterDirect?.lower ?? ""));
  // ("Monday morning, …" is a time, not a subject; "Lima then spoke, …" is a subject and an adverb.)
  const adverb = afterDirect !== undefined && /^(then|again|now|already|once|later|earlier|recently|previously)$/.test(afterDirect.lower);
  // "Speaking in his own voice, he …": an opening participle is not a name; the subject
  // after its comma is preferred when there is one.
  const participle = direct !== null && direct.first === s.first && CUE_FORMS.get(doc.tokens[s.first]?.lower ?? "")?.form === "ing";
  if (participle) {
    for (let t = s.first; t < before && t - s.first < 20; t++) {
      if (doc.tokens[t]?.lower !== "," || doc.inQuote[t] !== -1) continue;
      const m = tryAt(t + 1);
      if (m) return m;
      break;
    }
  }
  if (direct && !span && !(afterDirect && TIME_WORDS.has(afterDirect.lower) && !adverb)) return direct;
  for (let t = s.first; t < before && t - s.first < 20; t++) {
    const l = doc.tokens[t]?.lower;
    if (l === ",") return tryAt(t + 1);
    // "Minutes later they …", "Two days ago the mayor …": an opening time phrase without its comma.
    if ((l === "later" || l === "earlier" || l === "ago") && t - s.first <= 3 && t > s.first) {
      const m = tryAt(t + 1);
      if (m) return m;
    }
    // "NEW YORK (AFP) – Joe Biden hit the trail, trashing …": the subject follows the dateline's dash.
    if ((l === "—" || l === "–") && doc.tokens[t - 1]?.lower === ")") return tryAt(t + 1);
  }
  return null;
}

const SUBORDINATE_OPENERS = new Set(["when", "after", "as", "because", "while", "before", "since", "once", "until"]);

/** The named or pronoun subject of a subordinate clause opened between `from` and `connector` (no comma between), or null. */
function subordinateSubject(doc: Doc, from: number, connector: number): Mention | null {
  for (let t = connector - 1; t >= from && connector - t <= 15; t--) {
    const tok = doc.tokens[t];
    if (!tok || doc.inQuote[t] !== -1 || tok.kind === "quote" || (tok.kind === "punct" && tok.lower !== ".")) return null;
    if (!SUBORDINATE_OPENERS.has(tok.lower)) continue;
    const m = scanForward(doc, t + 1, connector - 1);
    if (!m || !(m.named || m.pronoun)) return null;
    trimAtVerb(doc, m);
    const v = doc.tokens[m.last + 1];
    // "went after Reed on Monday", "named after his father in 1990": "after" as a
    // preposition; a clause's subject is followed by its verb, not by another preposition.
    if (v && (PREPOSITIONS.has(v.lower) || TIME_WORDS.has(v.lower))) return null;
    return v && v.kind === "word" && !v.cap && m.last + 1 < connector ? m : null;
  }
  return null;
}

/** A comma at `c` opens an aside of at most four plain words closed by a comma, then a lower-case verb, before `before`. */
function closesShortAside(doc: Doc, c: number, before: number): boolean {
  for (let t = c + 1; t < before && t - c <= 5; t++) {
    const tok = doc.tokens[t];
    if (!tok || doc.inQuote[t] !== -1) return false;
    if (tok.lower === ",") {
      const v = doc.tokens[t + 1];
      return t > c + 1 && v !== undefined && v.kind === "word" && !v.cap && t + 1 < before;
    }
    if (tok.kind !== "word" || tok.cap) return false;
  }
  return false;
}

/** `"…," he said, "…"`: a quotation after the cue continues the content. */
function continueQuote(st: SentenceState, f: Frame, from: number): void {
  const r = rightContext(st.doc, st.s, from, f.cue.lemma);
  if (r.kind === "comma-quote" || r.kind === "colon") f.contentFrom = r.start;
}
