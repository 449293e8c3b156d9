/**
 * Finds cue spans in a sentence: the lexical verb with its auxiliaries, adverbs,
 * catenative verbs and particles ("has nevertheless denied", "continues to
 * insist", "called for", "told reporters"), plus "according to".
 *
 * Many cue forms are also nouns ("the report", "his claims", "a call"), so a form
 * is accepted only in a verb position judged from its left neighbour.
 */
import type { Doc } from "./document";
import { isQuoteClose, isQuoteOpen } from "./document";
import type { LexEntry } from "./lexicon/cues";
import { AUXILIARIES, CATENATIVES, CUE_ADVERBS, CUE_FORMS, OPTIONAL_PARTICLES, REFLEXIVE_CUES, REFLEXIVES, REQUIRED_PARTICLES } from "./lexicon/cue-index";
import { DETERMINERS, PREPOSITIONS, ROLE_NOUNS, SUBJECT_PRONOUNS } from "./lexicon/words";
import type { Token } from "./tokenize";
import { NOUNY_BASE, NOUNY_THIRD, NUMBER_WORDS, PLURAL_WORDS } from "./lexicon/verb-noun";
import type { Sentence } from "./sentences";
import type { SpeechAct } from "./types";

export interface Cue {
  /** Token range of the whole cue span, inclusive. */
  first: number;
  last: number;
  /** Token of the lexical verb ("according" for according to). */
  head: number;
  kind: "verb" | "according" | "colon";
  lemma: string;
  act: SpeechAct;
  strength: LexEntry["strength"];
  form: LexEntry["form"];
  hasAux: boolean;
  /** "was named", "is expected": a form of be before a past participle. */
  passive: boolean;
  particle: string | null;
}

// "'s" is left out: before a participle it is mostly "has" ("he's argued", "she's said").
const BE = new Set(["is", "are", "was", "were", "be", "been", "being", "'re", "am"]);
/** Words after which an -ing form is a verb ("by saying", ", adding"). */
const ING_OK_AFTER = new Set([",", "and", "but", "while", "by", "after", "before", "when", "without", "in", "also", "—", "–", "(", "as"]);
/** Lemmas listed only for their reflexive use: "presented itself as", "billed himself as". */
const ONLY_REFLEXIVE = new Set(["position", "present", "bill", "style", "fashion", "market", "pitch", "frame", "view", "define"]);
const ADDRESSEES = new Set(["reporters", "journalists"]);
/** Naming participles after "a/an + noun" are not cues: "a charity called Open Doors". */
const NAMING = new Set(["called", "named", "dubbed", "titled", "entitled", "known", "labeled", "labelled", "branded"]);

/** Capitalised plurals of groups: Republicans, Democrats, Hispanics, Conservatives (not "Rogers"). */
const CAP_PLURAL = /(ans|ats|ists|ics|als|ives|ites)$/;

function pluralNoun(t: Token): boolean {
  const l = t.lower;
  if (t.kind === "word" && t.cap && CAP_PLURAL.test(l)) return true;
  return t.kind === "word" && !t.cap && l.length > 3 && l.endsWith("s") && !l.endsWith("ss") && !l.endsWith("'s") && !l.endsWith("us") && !l.endsWith("is");
}

function leftExtend(doc: Doc, s: Sentence, head: number): { first: number; hasAux: boolean; passive: boolean } {
  let first = head;
  let hasAux = false;
  let passive = false;
  let t = head - 1;
  for (let guard = 0; guard < 8 && t >= s.first; guard++) {
    const tok = doc.tokens[t];
    if (!tok || tok.kind !== "word" || doc.inQuote[t] !== -1) break;
    const l = tok.lower;
    if (AUXILIARIES.has(l) || l === "n't") {
      hasAux = true;
      if (BE.has(l)) passive = true;
    } else if (CUE_ADVERBS.has(l) || (l.endsWith("ly") && !tok.cap && l.length > 4)) {
      // "also said", "has nevertheless denied", "flatly rejected"
    } else if (l === "to" && CATENATIVES.has(doc.tokens[t - 1]?.lower ?? "")) {
      t--; // take the catenative verb too
      hasAux = true;
    } else break;
    first = t;
    t--;
  }
  return { first, hasAux, passive };
}

function verbPosition(doc: Doc, s: Sentence, first: number, entry: LexEntry, hasAux: boolean, head: number): boolean {
  if (hasAux) return true;
  const p = first - 1;
  const prev = p >= s.first ? doc.tokens[p] : undefined;
  const l = prev?.lower ?? "";
  const possessive = prev !== undefined && prev.kind === "word" && (l.endsWith("'s") || l.endsWith("s'"));
  const determiner = DETERMINERS.has(l) && l !== "that";
  switch (entry.form) {
    case "ing":
      // ", saying", "by calling", and participles after a plural noun ("voters saying")
      return prev === undefined || ING_OK_AFTER.has(l) || isQuoteClose(doc, p) || pluralNoun(prev) || PLURAL_WORDS.has(l) || NUMBER_WORDS.has(l);
    case "base":
      // "they say", "I think", "voters want", "7 in 10 want"; never "the call", "a report", "in support".
      if (!prev) return false;
      if (entry.lemma === "read") return isQuoteOpen(doc, head + 1) || doc.tokens[head + 1]?.lower === ":";
      if (SUBJECT_PRONOUNS.has(l) && l !== "he" && l !== "she" && l !== "it") return true;
      if (prev.kind === "number" || NUMBER_WORDS.has(l) || PLURAL_WORDS.has(l)) return true;
      // "Aides to Ortega say": a name before a base form that is rarely a noun
      if (prev.kind === "word" && prev.cap && !determiner && !NOUNY_BASE.has(doc.tokens[head]?.lower ?? "")) return true;
      return pluralNoun(prev) && !determiner && !possessive && !PREPOSITIONS.has(l);
    case "third":
      if (!prev || determiner || possessive || PREPOSITIONS.has(l) || l === "of") return false;
      // "states", "calls", "reports" are mostly nouns: need a clear singular subject before.
      if (NOUNY_THIRD.has(doc.tokens[head]?.lower ?? "")) {
        if (l === "united" || prev.kind === "number") return false;
        return (prev.cap && prev.kind === "word") || l === "he" || l === "and" || l === "but" || l === "or" || l === "she" || l === "it" || l === "who" || ROLE_NOUNS.has(l);
      }
      return true;
    case "past": {
      if (determiner || possessive) return false;
      if (doc.tokens[head]?.lower === "known") return false; // "a storm known as"
      if (NAMING.has(doc.tokens[head]?.lower ?? "") && prev?.kind === "word" && !prev.cap) {
        const pp = doc.tokens[p - 1]?.lower ?? "";
        if (pp === "a" || pp === "an" || PREPOSITIONS.has(l)) return false;
      }
      return true;
    }
  }
}

function particleAfter(doc: Doc, i: number, options: readonly string[] | undefined): string | null {
  const next = doc.tokens[i + 1];
  if (!options || !next || next.kind !== "word") return null;
  return options.includes(next.lower) ? next.lower : null;
}

/**
 * News sentences hold a handful of cues; beyond this many the "sentence" is a list or
 * garbage, and the rest are ignored so that overlapping contents stay linear in size.
 */
export const MAX_CUES_PER_SENTENCE = 48;

export function findCues(doc: Doc, s: Sentence): Cue[] {
  const cues: Cue[] = [];
  for (let i = s.first; i <= s.last && cues.length < MAX_CUES_PER_SENTENCE; i++) {
    const tok = doc.tokens[i];
    if (!tok || tok.kind !== "word" || doc.inQuote[i] !== -1) continue;
    // ALL-CAPS words are headline or tweet shouting ("BREAKING NEWS"), not cues.
    if (tok.end - tok.start > 1 && tok.cap && doc.text.slice(tok.start, tok.end) === doc.text.slice(tok.start, tok.end).toUpperCase()) continue;
    if (tok.lower === "according" && doc.tokens[i + 1]?.lower === "to") {
      cues.push({ first: i, last: i + 1, head: i, kind: "according", lemma: "according to", act: "reports", strength: "report", form: "ing", hasAux: false, passive: false, particle: null });
      i++;
      continue;
    }
    const entry = CUE_FORMS.get(tok.lower);
    if (!entry) continue;
    const reflexive = REFLEXIVE_CUES.has(entry.lemma) && REFLEXIVES.has(doc.tokens[i + 1]?.lower ?? "") && doc.tokens[i + 2]?.lower === "as";
    if (reflexive) {
      const { first, hasAux } = leftExtend(doc, s, i);
      while (cues.length > 0 && (cues[cues.length - 1]?.last ?? -1) >= first) cues.pop();
      cues.push({ first, last: i + 2, head: i, kind: "verb", lemma: entry.lemma, act: "characterises", strength: "speech", form: entry.form, hasAux, passive: false, particle: "as" });
      i += 2;
      continue;
    }
    // Words that are cues only reflexively ("positioned itself as") stop here.
    if (ONLY_REFLEXIVE.has(entry.lemma)) continue;
    const required = REQUIRED_PARTICLES.get(entry.lemma);
    let particle = particleAfter(doc, i, required ?? OPTIONAL_PARTICLES.get(entry.lemma));
    if (required && !particle) continue;
    if (!particle && entry.lemma === "tell") {
      const next = doc.tokens[i + 1]?.lower ?? "";
      if (ADDRESSEES.has(next)) particle = next;
    }
    const { first, hasAux, passive } = leftExtend(doc, s, i);
    if (!verbPosition(doc, s, first, entry, hasAux, i)) continue;
    const last = particle ? i + 1 : i;
    // "wants to know": the catenative was found as a cue of its own; merge into one span.
    while (cues.length > 0 && (cues[cues.length - 1]?.last ?? -1) >= first) cues.pop();
    cues.push({ first, last, head: i, kind: "verb", lemma: entry.lemma, act: entry.act, strength: entry.strength, form: entry.form, hasAux, passive: passive && entry.form === "past", particle });
    i = last;
  }
  return cues;
}
