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
import { ADJECTIVE_CUES, ATTITUDE_NOUNS, COPULAS, EXPRESSING, LIGHT_PARTICLES, LIGHT_VERBS, NOUN_CUES, NOUN_PREPOSITIONS, OF_NOUNS, TO_NOUNS, TOPIC_NOUNS } from "./lexicon/noun-cues";
import { DETERMINERS, PREPOSITIONS, ROLE_NOUNS, SUBJECT_PRONOUNS, TIME_WORDS } from "./lexicon/words";
import type { Token } from "./tokenize";
import { NOUNY_BASE, NOUNY_THIRD, NUMBER_WORDS, PLURAL_WORDS } from "./lexicon/verb-noun";
import type { Sentence } from "./sentences";
import { scanBack, scanForward } from "./mentions";
import type { SpeechAct } from "./types";

export interface Cue {
  /** Token range of the whole cue span, inclusive. */
  first: number;
  last: number;
  /** Token of the lexical verb ("according" for according to). */
  head: number;
  kind: "verb" | "according" | "colon" | "noun";
  lemma: string;
  act: SpeechAct;
  strength: LexEntry["strength"];
  form: LexEntry["form"];
  hasAux: boolean;
  /** "was named", "is expected": a form of be before a past participle. */
  passive: boolean;
  particle: string | null;
  /** Noun cues ("Lima's claim that"): the possessor token range, which is the speaker. */
  possessor?: [number, number];
  /** Noun cues with a prepositional complement: the content is that noun phrase only. */
  npContent?: boolean;
  /** "drew criticism from X": the agent follows "from"; the subject is what is judged. */
  agentFrom?: boolean;
  /** "The hope is that …": the content is the clause after the cue span. */
  clauseAfter?: boolean;
}

// "'s" is left out: before a participle it is mostly "has" ("he's argued", "she's said").
const BE = new Set(["is", "are", "was", "were", "be", "been", "being", "'re", "am"]);
/** Words after which an -ing form is a verb ("by saying", ", adding"). */
const ING_OK_AFTER = new Set([",", "and", "but", "while", "by", "after", "before", "when", "without", "in", "also", "—", "–", "(", "as", "despite"]);
/** Lemmas listed only for their reflexive use: "presented itself as", "billed himself as". */
const ONLY_REFLEXIVE = new Set(["position", "present", "bill", "style", "fashion", "market", "pitch", "frame", "view", "define"]);
/** Naming participles after "a/an + noun" are not cues: "a charity called Open Doors". */
const NAMING = new Set(["called", "named", "dubbed", "titled", "entitled", "known", "labeled", "labelled", "branded"]);

const DAY_WORDS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday"]);

/** Base forms that before a plural noun are its modifier ("three state primaries"), unlike "7 in 10 support changes". */
const NOUN_MODIFIERS = new Set(["state", "market", "document", "review", "project", "text", "email", "post"]);

/** Speech verbs whose purpose infinitive reports what was said ("took to Twitter to say"). */
const PURPOSE_SPEECH = new Set(["say", "announce", "declare", "argue", "insist", "proclaim", "complain", "deny", "warn", "boast", "brag", "accuse", "blast", "slam", "praise", "criticize", "criticise"]);

/** Capitalised plurals of groups: Republicans, Democrats, Hispanics, Conservatives (not "Rogers"). */
const CAP_PLURAL = /(ans|ats|ists|ics|als|ives|ites)$/;

/** Verbs of intention that take a bare infinitive ("plans to", "hopes to", "vows to"). */
const INTENTION_LEMMAS = new Set(["plan", "hope", "want", "need", "vow", "promise", "pledge", "offer", "aim", "wish", "threaten", "seek", "expect", "intend"]);

const NOT_HEADLINE_SUBJECTS = new Set(["according", "thanks", "next", "due", "prior", "close", "owing", "compared", "opposed", "addition", "regard", "respect", "contrary", "pursuant", "relative", "similar", "ahead"]);

/** "Lopez to Seek …": the name opening a headline right before its infinitive "to" (at `to`). */
export function headlineSubject(doc: Doc, s: Sentence, to: number): [number, number] | null {
  if (doc.tokens[to]?.lower !== "to" || to - s.first > 5 || to - 1 < s.first) return null;
  // "According to …", "Thanks to …", "Next to …": prepositions, not a subject.
  const last = doc.tokens[to - 1]?.lower ?? "";
  if (NOT_HEADLINE_SUBJECTS.has(last) || CUE_FORMS.has(last) || PREPOSITIONS.has(last)) return null;
  for (let t = s.first; t < to; t++) {
    const tok = doc.tokens[t];
    if (!tok || tok.kind !== "word" || !tok.cap || doc.inQuote[t] !== -1) return null;
  }
  return [s.first, to - 1];
}

/** The words after `head` are one noun phrase ending the sentence ("reports the Times."). */
function invertedTail(doc: Doc, s: Sentence, head: number): boolean {
  if (!startsSourcePhrase(doc, head + 1)) return false;
  const m = scanForward(doc, head + 1, s.last);
  if (!m) return false;
  const end = doc.tokens[m.last + 1];
  return m.last === s.last || (m.last + 1 === s.last && end !== undefined && end.kind === "punct" && /^[.!?]$/.test(end.lower));
}

/**
 * "The city plans to build …", "the firm hopes to sell …": a bare infinitive after the form
 * makes it the verb (the noun takes a determiner: "the plans to build", excluded earlier).
 */
function infinitiveAfter(doc: Doc, head: number): boolean {
  if (!INTENTION_LEMMAS.has(CUE_FORMS.get(doc.tokens[head]?.lower ?? "")?.lemma ?? "")) return false;
  const to = doc.tokens[head + 1];
  const v = doc.tokens[head + 2];
  if (to?.lower !== "to" || !v || v.kind !== "word" || v.cap || doc.inQuote[head + 2] !== -1) return false;
  return !DETERMINERS.has(v.lower) && !SUBJECT_PRONOUNS.has(v.lower) && !PREPOSITIONS.has(v.lower) && !v.lower.endsWith("ing") && !v.lower.endsWith("'s");
}

/** "Parents fear …", "Polls show …": a capitalised plural opening the sentence is a common noun, not a name. */
function initialPlural(doc: Doc, s: Sentence, p: number): boolean {
  const t = doc.tokens[p];
  if (p !== s.first || !t || t.kind !== "word" || !t.cap || doc.inQuote[p] !== -1) return false;
  const l = t.lower;
  return l.length > 3 && l.endsWith("s") && !/(ss|us|is|'s|’s)$/.test(l) && !DETERMINERS.has(l) && !SUBJECT_PRONOUNS.has(l);
}

function pluralNoun(t: Token): boolean {
  const l = t.lower;
  if (t.kind === "word" && t.cap && CAP_PLURAL.test(l)) return true;
  return t.kind === "word" && !t.cap && l.length > 3 && l.endsWith("s") && !l.endsWith("ss") && !l.endsWith("'s") && !l.endsWith("us") && !l.endsWith("is");
}

/** Three-word adverbials that sit between an auxiliary and its verb ("has in the past described"). */
const ADVERBIAL_PHRASES = new Set(["in the past", "at the time", "in recent days", "in recent weeks", "in recent months", "in recent years", "on several occasions", "on multiple occasions", "time and again"]);
const PERIOD_ENDS = new Set(["week", "month", "year", "weekend", "night", "fall", "spring", "summer", "winter"]);
const ADVERBIAL_ENDS = new Set(["past", "time", "days", "weeks", "months", "years", "occasions", "again"]);

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
    } else if (PERIOD_ENDS.has(l) && /^(last|this|past)$/.test(doc.tokens[t - 1]?.lower ?? "") && AUXILIARIES.has(doc.tokens[t - 2]?.lower ?? "")) {
      t--; // "had last week criticized": a dated phrase after the auxiliary
    } else if (ADVERBIAL_ENDS.has(l) && ADVERBIAL_PHRASES.has(`${doc.tokens[t - 2]?.lower} ${doc.tokens[t - 1]?.lower} ${l}`) && AUXILIARIES.has(doc.tokens[t - 3]?.lower ?? "")) {
      t -= 2; // "has in the past described": an adverbial phrase after the auxiliary
    } else break;
    first = t;
    t--;
  }
  return { first, hasAux, passive };
}

const SPEND = new Set(["spend", "spends", "spent", "spending"]);
const SPAN_NOUNS = new Set(["day", "days", "week", "weeks", "weekend", "month", "months", "year", "years", "hours", "time", "morning",
  "afternoon", "evening", "night", "summer", "campaign", "years", "decades", "minutes"]);

/**
 * "spent the week defending her plan", "has spent months courting voters", "was busy
 * retweeting praise": an -ing form after a span of time spent, or after "busy", whose
 * subject is the clause's (`p` is the token before the -ing form).
 */
export function activityBefore(doc: Doc, s: Sentence, p: number): boolean {
  const t = doc.tokens[p];
  if (!t || t.kind !== "word" || doc.inQuote[p] !== -1 || p < s.first) return false;
  if (t.lower === "busy") return BE.has(doc.tokens[p - 1]?.lower ?? "") || doc.tokens[p - 1]?.lower === "been";
  if (!SPAN_NOUNS.has(t.lower)) return false;
  for (let k = p - 1; k >= s.first && p - k <= 4; k--) {
    const w = doc.tokens[k];
    if (!w || doc.inQuote[k] !== -1) return false;
    if (SPEND.has(w.lower)) return true;
    if (!(DETERMINERS.has(w.lower) || w.kind === "number" || NUMBER_WORDS.has(w.lower) || /^(last|past|next|entire|whole|better|good|several|few|much|most)$/.test(w.lower))) return false;
  }
  return false;
}

/** Things sent, posted or filed that carry what they say in an -ing clause ("an email to donors saying …"). */
const MESSAGE_NOUNS = new Set(["email", "e-mail", "letter", "video", "memo", "note", "message", "post", "tweet", "motion", "lawsuit",
  "ad", "advertisement", "release", "op-ed", "editorial", "petition", "resolution", "report", "filing", "text", "clip", "mailer", "flyer",
  "sign", "banner", "placard", "poster", "signs", "banners", "placards", "posters"]);
/** Things carried at a protest: "waved signs reading …" needs no determiner before the plural. */
const CARRIED_PLURALS = new Set(["signs", "banners", "placards", "posters"]);
const MESSAGE_DETERMINERS = new Set(["a", "an", "the", "his", "her", "its", "their", "our", "another", "new"]);

/**
 * "Lima sent an email to supporters saying …", "posted a video on Facebook saying …": the
 * -ing form describes the message, whose author is the clause's subject, not the noun
 * right before the -ing form. `p` is the token before the -ing form.
 */
export function messageBefore(doc: Doc, s: Sentence, p: number): boolean {
  for (let t = p; t >= s.first && p - t < 9; t--) {
    const tok = doc.tokens[t];
    if (!tok || doc.inQuote[t] !== -1 || tok.kind === "quote" || (tok.kind === "punct" && tok.lower !== "." && tok.lower !== "-")) return false;
    if (MESSAGE_NOUNS.has(tok.lower) && !tok.cap) {
      const carrier = doc.tokens[t - 1];
      if (t === p && CARRIED_PLURALS.has(tok.lower) && carrier?.kind === "word" && !carrier.cap && !DETERMINERS.has(carrier.lower) && t - 1 > s.first) return true;
      let d = t - 1;
      while (d > s.first && t - d < 4 && !MESSAGE_DETERMINERS.has(doc.tokens[d]?.lower ?? "") && doc.tokens[d]?.kind === "word" && !doc.tokens[d]?.cap) d--;
      return MESSAGE_DETERMINERS.has(doc.tokens[d]?.lower ?? "") && d > s.first;
    }
  }
  return false;
}

/** Connective adverbs set off by commas between a subject and its verb ("Critics, however, argue"). */
const ASIDE_ADVERBS = new Set(["including", "however", "though", "meanwhile", "too", "instead", "nonetheless", "nevertheless", "moreover", "also", "in", "for", "of", "by", "on", "like", "unsurprisingly", "predictably", "naturally"]);

/** The comma opening a short adverbial aside that ends at the comma `p`, or -1. */
function asideOpen(doc: Doc, s: Sentence, p: number): number {
  if (doc.tokens[p]?.lower !== "," || doc.inQuote[p] !== -1) return -1;
  for (let c = p - 2; c >= s.first && p - c <= 5; c--) {
    const t = doc.tokens[c];
    if (!t || doc.inQuote[c] !== -1) return -1;
    if (t.lower === ",") {
      if (c <= s.first) return -1;
      // "A majority of voters, 54 percent, oppose …": a share in apposition.
      const share = doc.tokens[c + 1]?.kind === "number" && /^(percent|%)$/.test(doc.tokens[p - 1]?.lower ?? "");
      return ASIDE_ADVERBS.has(doc.tokens[c + 1]?.lower ?? "") || share ? c : -1;
    }
    if ((t.kind !== "word" && t.kind !== "number") || (t.cap && c + 1 < p - 1)) return -1;
  }
  return -1;
}

function verbPosition(doc: Doc, s: Sentence, first: number, entry: LexEntry, hasAux: boolean, head: number): boolean {
  if (hasAux) return true;
  let p = first - 1;
  // "Critics, however, argue …", "Voters, for their part, say …": judge the word before the aside.
  const aside = entry.form === "base" || entry.form === "third" ? asideOpen(doc, s, p) : -1;
  if (aside >= 0) p = aside - 1;
  // "voters in five states voting Tuesday support": judge the word before the day name.
  if (p > s.first && DAY_WORDS.has(doc.tokens[p]?.lower ?? "") && doc.tokens[p - 1]?.kind === "word") p--;
  // "Lima and Reed both said", "the candidates each said": a floating quantifier after the subject.
  const floating = doc.tokens[p - 1];
  if (p > s.first && /^(both|all|each)$/.test(doc.tokens[p]?.lower ?? "") && floating?.kind === "word" && doc.inQuote[p - 1] === -1 &&
      !DETERMINERS.has(floating.lower) && !PREPOSITIONS.has(floating.lower) && !AUXILIARIES.has(floating.lower) && floating.lower !== "of" && floating.lower !== "and") p--;
  const prev = p >= s.first ? doc.tokens[p] : undefined;
  const l = prev?.lower ?? "";
  const possessive = prev !== undefined && prev.kind === "word" && (l.endsWith("'s") || l.endsWith("s'"));
  const determiner = DETERMINERS.has(l) && l !== "that";
  switch (entry.form) {
    case "ing":
      // "spent the week defending …", "was busy retweeting …": the clause's subject acts.
      if (activityBefore(doc, s, p)) return true;
      // ", saying", "by calling", and participles after a plural noun ("voters saying")
      if (prev === undefined || ING_OK_AFTER.has(l) || isQuoteClose(doc, p) || pluralNoun(prev) || PLURAL_WORDS.has(l) || NUMBER_WORDS.has(l)) return true;
      // "in addition to stating": the -ing form heads an adjunct, as after "besides".
      if (l === "to" && doc.tokens[p - 1]?.lower === "addition") return true;
      // "about Senator Lopez calling the tax a disgrace": a participle after a name inside the sentence.
      return entry.strength === "speech" && entry.lemma !== "read" && !doc.tokens[head]?.cap && p > s.first && prev.kind === "word" && prev.cap && !determiner && !possessive && doc.inQuote[p] === -1 && !DETERMINERS.has(l) && !PREPOSITIONS.has(l);
    case "base":
      // "they say", "I think", "voters want", "7 in 10 want"; never "the call", "a report", "in support".
      if (!prev) return false;
      if (entry.lemma === "read") return isQuoteOpen(doc, head + 1) || doc.tokens[head + 1]?.lower === ":";
      // "took to Twitter to say …", "rushed to TV to announce …": a purpose infinitive of a speech verb.
      if (l === "to" && PURPOSE_SPEECH.has(entry.lemma)) return doc.tokens[p - 1]?.kind === "word";
      // Headline future: "Lopez to Seek Second Term", "Mayor Reed to Urge Calm".
      if (l === "to") return headlineSubject(doc, s, p) !== null;
      if (SUBJECT_PRONOUNS.has(l) && l !== "he" && l !== "she" && l !== "it") return true;
      if (prev.kind === "number" || NUMBER_WORDS.has(l) || PLURAL_WORDS.has(l)) {
        // "three state primaries", "the most state contests": a noun modifying the plural after it.
        const next = doc.tokens[head + 1];
        return !(NOUN_MODIFIERS.has(doc.tokens[head]?.lower ?? "") && next !== undefined && pluralNoun(next) && doc.inQuote[head + 1] === -1);
      }
      // "Aides to Ortega say": a name before a base form that is rarely a noun
      if (prev.kind === "word" && prev.cap && !determiner && !NOUNY_BASE.has(doc.tokens[head]?.lower ?? "")) return true;
      if ((pluralNoun(prev) || initialPlural(doc, s, p)) && !determiner && !possessive && !PREPOSITIONS.has(l)) return true;
      return !determiner && !possessive && !PREPOSITIONS.has(l) && pluralHeadBefore(doc, s, p);
    case "third":
      if (!prev || determiner || possessive || PREPOSITIONS.has(l) || l === "of") return false;
      // "states", "calls", "reports" are mostly nouns: need a clear singular subject before.
      if (NOUNY_THIRD.has(doc.tokens[head]?.lower ?? "")) {
        if (l === "united" || prev.kind === "number") return false;
        // "…, reports the Times.": an inverted speaker running to the end of the sentence.
        if (l === "," && invertedTail(doc, s, head)) return true;
        // "Court documents show …": a verb right after makes the form the plural subject.
        const after = doc.tokens[head + 1];
        if (after && doc.inQuote[head + 1] === -1 && CUE_FORMS.get(after.lower)?.form === "base" && !after.cap) return false;
        // "The ad claims Lima lied", "the poll shows that …": a singular noun after an article, then a clause.
        const pp = doc.tokens[p - 1]?.lower ?? "";
        if (prev.kind === "word" && !prev.cap && (pp === "the" || pp === "a" || pp === "an" || pp === "this") && after &&
            doc.inQuote[head + 1] === -1 && (after.lower === "that" || (after.cap && after.kind === "word" && !DETERMINERS.has(after.lower)) || (SUBJECT_PRONOUNS.has(after.lower) && after.lower !== "it"))) return true;
        // "moves to Western states", "Southern reports": a capitalised compass adjective
        // modifies the plural noun; it is no speaker.
        const compass = /^(north|south|east|mid|midwest)?(western|southern|eastern|northern)$/.test(l);
        return (prev.cap && prev.kind === "word" && !compass) || l === "he" || l === "and" || l === "but" || l === "or" || l === "she" || l === "it" || l === "who" || ROLE_NOUNS.has(l) || infinitiveAfter(doc, head);
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

/**
 * "The study published Monday showed …", "a poll conducted last week finds …": a participle
 * after a common noun, followed by a time or agent phrase and then the clause's own verb,
 * modifies the noun; the later verb is the cue.
 */
function reducedRelative(doc: Doc, s: Sentence, i: number): boolean {
  // "officials familiar with the talks said on Tuesday": "said" modifies a noun only before
  // an infinitive ("the sum said to be missing").
  if (doc.tokens[i]?.lower === "said" && doc.tokens[i + 1]?.lower !== "to") return false;
  const prev = doc.tokens[i - 1];
  if (!prev || i - 1 < s.first || prev.kind !== "word" || prev.cap || SUBJECT_PRONOUNS.has(prev.lower) || DETERMINERS.has(prev.lower) || PREPOSITIONS.has(prev.lower)) return false;
  if (AUXILIARIES.has(prev.lower) || CLAUSE_WORDS_NEAR.has(prev.lower) || prev.lower.endsWith("ly")) return false;
  const next = doc.tokens[i + 1]?.lower ?? "";
  if (!TIME_WORDS.has(next) && next !== "by" && next !== "in" && next !== "on" && next !== "online" && next !== "earlier") return false;
  // "said in a statement posted on its website that …": the noun is a preposition's object.
  for (let t = i - 1; t >= s.first && i - t <= 4; t--) {
    const tok = doc.tokens[t];
    if (!tok || tok.kind !== "word" || tok.cap || doc.inQuote[t] !== -1) break;
    if (DETERMINERS.has(tok.lower)) {
      if (PREPOSITIONS.has(doc.tokens[t - 1]?.lower ?? "") && t - 1 >= s.first) return true;
      break;
    }
  }
  // "said in a statement …" is the main verb: only a dated or agent phrase marks the participle here.
  if (!TIME_WORDS.has(next) && next !== "by" && next !== "earlier") return false;
  for (let t = i + 1; t <= s.last && t - i <= 8; t++) {
    const tok = doc.tokens[t];
    if (!tok || doc.inQuote[t] !== -1 || tok.kind === "punct" || tok.lower === "that") return false;
    const e = CUE_FORMS.get(tok.lower);
    if (e && (e.form === "third" || e.form === "past") && !NOUNY_THIRD.has(tok.lower) && t > i + 1) return true;
    // "memos seen by the paper reveal …": a plural head takes a base-form verb.
    if (e && e.form === "base" && next === "by" && t > i + 2 && pluralNoun(prev) && !tok.cap && !NOUNY_BASE.has(tok.lower)) return true;
  }
  return false;
}
const CLAUSE_WORDS_NEAR = new Set(["and", "but", "or", "who", "which", "that", "not", "never", "also"]);

/** The nearest word before `i`, across adverbs, is a form of "be". */
function beBefore(doc: Doc, s: Sentence, i: number): boolean {
  for (let t = i - 1; t >= s.first && i - t <= 4; t--) {
    const l = doc.tokens[t]?.lower ?? "";
    if (BE.has(l)) return true;
    if (!(CUE_ADVERBS.has(l) || (l.endsWith("ly") && l.length > 4))) return false;
  }
  return false;
}

const HYPOTHETICAL_MODALS = new Set(["would", "could", "might"]);
const CONDITIONALS = new Set(["whether", "if"]);

/**
 * "whether he would support Lima", "if I would have told her": a speech act that is only
 * entertained, not performed. Only a conditional modal opening the cue span counts, with
 * "whether"/"if" at most five words before it in the same clause.
 */
function hypothetical(doc: Doc, s: Sentence, first: number): boolean {
  if (!HYPOTHETICAL_MODALS.has(doc.tokens[first]?.lower ?? "")) return false;
  for (let t = first - 1; t >= s.first && first - t <= 6; t--) {
    const tok = doc.tokens[t];
    if (!tok || tok.kind !== "word") return false;
    if (CONDITIONALS.has(tok.lower)) return true;
  }
  return false;
}

/**
 * Verbs whose form is as often a preposition or a noun modifier: "is like", "towns like it"
 * (the preposition; the verb needs a pronoun subject: "they like it"), "the states voting
 * Tuesday" (a participle modifier, not a vote cast by someone).
 */
function verbSenseFits(doc: Doc, s: Sentence, first: number, entry: LexEntry, passive: boolean, hasAux: boolean): boolean {
  const prev = first > s.first ? (doc.tokens[first - 1]?.lower ?? "") : "";
  if (entry.lemma === "like") {
    if (passive || (hasAux && BE_FORMS.has(doc.tokens[first]?.lower ?? ""))) return false;
    return hasAux || SUBJECT_PRONOUNS.has(prev) || entry.form === "past";
  }
  if (entry.lemma === "vote" && entry.form === "ing" && !hasAux) return ING_OK_AFTER.has(prev);
  // "Democrats vote in Ohio on Tuesday", "early voting": taking part in a ballot, not a stance.
  if (entry.lemma === "vote" && (/^(in|on|at|early|by|this|next|last|today|tomorrow|yesterday|,|\.)$/.test(head(doc, first, 1)) || prev === "early" || DAY_WORDS.has(head(doc, first, 1)))) return false;
  // "cast an absentee ballot", "the votes cast": casting a ballot, not casting someone as something.
  if (entry.lemma === "cast" && (/^(votes|ballots)$/.test(prev) || /^(ballot|ballots|vote|votes)$/.test(head(doc, first, 2)) || /^(ballot|ballots|vote|votes)$/.test(head(doc, first, 3)))) return false;
  return true;
}
const BE_FORMS = new Set([...BE, "'s"]);

/** Lower-case word `k` tokens after the last verb form of the cue span starting at `first` ("" past the text). */
function head(doc: Doc, first: number, k: number): string {
  let v = first;
  while (AUXILIARIES.has(doc.tokens[v]?.lower ?? "") || CUE_ADVERBS.has(doc.tokens[v]?.lower ?? "") || doc.tokens[v]?.lower === "n't" || doc.tokens[v]?.lower === "not") v++;
  return doc.tokens[v + k]?.lower ?? "";
}

/** Verbs of conversation that take an addressee before their topic. */
const CONVERSING = new Set(["talk", "speak"]);
/** Longest addressee between "talked to" and "about" ("to a group of local farmers"). */
const MAX_ADDRESSEE = 6;

/**
 * "talks to reporters about the budget", "spoke with farmers about trade": the addressee
 * sits between the verb and its topic; the verb is a cue when "about" follows the addressee.
 * ("spoke to reporters" alone stays an occasion, not a statement.)
 */
function topicAfterAddressee(doc: Doc, s: Sentence, i: number, lemma: string): boolean {
  const to = doc.tokens[i + 1]?.lower;
  if (!CONVERSING.has(lemma) || (to !== "to" && to !== "with")) return false;
  for (let t = i + 2; t <= s.last && t - i - 1 <= MAX_ADDRESSEE; t++) {
    const tok = doc.tokens[t];
    if (!tok || doc.inQuote[t] !== -1 || tok.kind !== "word") return false;
    if (tok.lower === "about") return t > i + 2 && t < s.last;
    if (CUE_FORMS.has(tok.lower) && !tok.cap && !DETERMINERS.has(tok.lower)) return false;
  }
  return false;
}

function particleAfter(doc: Doc, i: number, options: readonly string[] | undefined): string | null {
  const next = doc.tokens[i + 1];
  if (!options || !next || next.kind !== "word") return null;
  return options.includes(next.lower) ? next.lower : null;
}

function byWithin(doc: Doc, s: Sentence, from: number, n: number): boolean {
  for (let t = from; t <= s.last && t - from < n; t++) {
    if (doc.inQuote[t] !== -1 || doc.tokens[t]?.kind === "punct") return false;
    if (doc.tokens[t]?.lower === "by") return true;
  }
  return false;
}

/**
 * `"…!" beamed Ana Reed`, `"…," she fumed.`: a past-tense verb that is not in the lexicon,
 * next to a quotation and its speaker, is a manner of speaking. Read as "said".
 */
function besideQuote(doc: Doc, s: Sentence, i: number): LexEntry | undefined {
  const tok = doc.tokens[i];
  if (!tok || tok.cap || !tok.lower.endsWith("ed") || tok.lower.length < 5 || doc.inQuote[i] !== -1) return undefined;
  const endsQuote = (q: number): boolean => q > s.first && isQuoteClose(doc, q) && /^[,!?]$/.test(doc.tokens[q - 1]?.lower ?? "");
  const said: LexEntry = { lemma: "say", act: "asserts", strength: "speech", form: "past" };
  // `"…," beamed the mayor`: the speaker follows.
  if (endsQuote(i - 1) && startsSourcePhrase(doc, i + 1)) return said;
  // `"…," she beamed.` / `"…," Reed beamed,`: a pronoun or a name between the quote and the verb.
  const prev = doc.tokens[i - 1];
  const next = doc.tokens[i + 1];
  const closes = next === undefined || i === s.last || (next.kind === "punct" && /^[.,!?]$/.test(next.lower));
  if (!prev || !closes || prev.kind !== "word" || doc.inQuote[i - 1] !== -1) return undefined;
  if (endsQuote(i - 2) && (SUBJECT_PRONOUNS.has(prev.lower) || (prev.cap && !DETERMINERS.has(prev.lower)))) return said;
  // `"…," the mayor sighed.`
  const noun = !prev.cap && !PREPOSITIONS.has(prev.lower) && !AUXILIARIES.has(prev.lower) && !DETERMINERS.has(prev.lower) && !CUE_FORMS.has(prev.lower);
  if (noun && DETERMINERS.has(doc.tokens[i - 2]?.lower ?? "") && endsQuote(i - 3)) return said;
  return undefined;
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
    // "Per a report in the Times, …", "…, per the agency.": like "according to" (not "$5 per gallon").
    if (tok.lower === "per" && (i === s.first || (doc.tokens[i - 1]?.lower === "," && !CUE_FORMS.has(doc.tokens[i - 2]?.lower ?? ""))) && startsSourcePhrase(doc, i + 1)) {
      cues.push({ first: i, last: i, head: i, kind: "according", lemma: "per", act: "reports", strength: "report", form: "ing", hasAux: false, passive: false, particle: null });
      continue;
    }
    const forWhom = tok.lower === "for" || tok.lower === "to" ? forWhomCue(doc, s, i) : null;
    if (forWhom) {
      cues.push(forWhom);
      continue;
    }
    if (tok.lower === "according" && doc.tokens[i + 1]?.lower === "to") {
      cues.push({ first: i, last: i + 1, head: i, kind: "according", lemma: "according to", act: "reports", strength: "report", form: "ing", hasAux: false, passive: false, particle: null });
      i++;
      continue;
    }
    // A judgement received ("drew criticism from") or a belief stated ("The hope is that")
    // spans words found as cues before it: it replaces them.
    const spanning = RECEIVING.has(tok.lower) ? receivedCue(doc, s, i) : IS_THAT_OPENERS.has(tok.lower) ? isThatCue(doc, s, i) : null;
    if (spanning) {
      while (cues.length > 0 && (cues[cues.length - 1]?.last ?? -1) >= spanning.first) cues.pop();
      cues.push(spanning);
      i = spanning.last;
      continue;
    }
    const stance = tok.lower === "in" ? viewPhraseCue(doc, s, i) : (tok.lower === "put" || tok.lower === "puts") ? asPutItCue(doc, s, i) : EVIDENTIAL.has(tok.lower) ? evidentialCue(doc, s, i) : null;
    if (stance) {
      cues.push(stance);
      i = stance.last;
      continue;
    }
    // Nouns and adjectives of saying first: "his claim that" is never the verb "claim".
    const extra = LIGHT_VERBS.has(tok.lower) ? lightVerbCue(doc, s, i) : ADJECTIVE_CUES.has(tok.lower) ? adjectiveCue(doc, s, i) : NOUN_CUES.has(tok.lower) ? possessiveNounCue(doc, s, i) : AGENT_NOUNS.has(tok.lower) ? agentNounCue(doc, s, i) : null;
    if (extra) {
      while (cues.length > 0 && (cues[cues.length - 1]?.last ?? -1) >= extra.first) cues.pop();
      cues.push(extra);
      i = extra.last;
      continue;
    }
    const entry = CUE_FORMS.get(tok.lower) ?? besideQuote(doc, s, i);
    if (!entry) continue;
    // "Secretary of State Ada Brook", "the Ohio State Democratic Committee": part of a name.
    if (tok.cap && entry.lemma === "state" && i > s.first && doc.tokens[i - 1]?.kind === "word") continue;
    // "regarding the plan", "considering the cost": prepositions, not participles.
    if (tok.lower === "regarding" || (tok.lower === "considering" && !AUXILIARIES.has(doc.tokens[i - 1]?.lower ?? ""))) continue;
    // "adding to his string of wins", "it adds up": increase, not speech.
    if (entry.lemma === "add" && /^(to|up)$/.test(doc.tokens[i + 1]?.lower ?? "")) continue;
    // "thanks to", "thanks in part to": a preposition of cause, not thanking.
    if (tok.lower === "thanks" && thanksTo(doc, i)) continue;
    const reflexive = REFLEXIVE_CUES.has(entry.lemma) && REFLEXIVES.has(doc.tokens[i + 1]?.lower ?? "") && doc.tokens[i + 2]?.lower === "as";
    if (reflexive) {
      const { first, hasAux } = leftExtend(doc, s, i);
      while (cues.length > 0 && (cues[cues.length - 1]?.last ?? -1) >= first) cues.pop();
      cues.push({ first, last: i + 2, head: i, kind: "verb", lemma: entry.lemma, act: "characterises", strength: "speech", form: entry.form, hasAux, passive: false, particle: "as" });
      i += 2;
      continue;
    }
    // Words that are cues only reflexively ("positioned itself as") stop here.
    // "is viewed favorably by", "was seen as": "view" after "be" with a manner or "as".
    // Only with its viewers named in an agent phrase: "… as a gamble by economists".
    const viewed = entry.lemma === "view" && entry.form === "past" && beBefore(doc, s, i) && (doc.tokens[i + 1]?.lower === "as" || /^(un)?favorably$|^(un)?favourably$|^positively$|^negatively$/.test(doc.tokens[i + 1]?.lower ?? "")) &&
      byWithin(doc, s, i + 1, 6);
    if (ONLY_REFLEXIVE.has(entry.lemma) && !viewed) continue;
    const required = REQUIRED_PARTICLES.get(entry.lemma);
    let particle = particleAfter(doc, i, required ?? OPTIONAL_PARTICLES.get(entry.lemma));
    // "wrote in an op-ed that …": "in" before a determiner opens a prepositional phrase.
    if (particle === "in" && !required && DETERMINERS.has(doc.tokens[i + 2]?.lower ?? "")) particle = null;
    // "The court ruled that …": a ruling is a statement; the bare verb needs its that-clause.
    const thatAt = TIME_WORDS.has(doc.tokens[i + 1]?.lower ?? "") ? i + 2 : i + 1;
    const ruling = entry.lemma === "rule" && doc.tokens[thatAt]?.lower === "that" && doc.inQuote[thatAt] === -1;
    if (required && !particle && !ruling && !topicAfterAddressee(doc, s, i, entry.lemma)) continue;
    const { first, hasAux, passive } = leftExtend(doc, s, i);
    if (!verbPosition(doc, s, first, entry, hasAux, i)) continue;
    if (hasAux && hypothetical(doc, s, first)) continue;
    if (!hasAux && entry.form === "past" && reducedRelative(doc, s, i)) continue;
    // "was brilliantly articulate", "is present at": a base form after "be" is an adjective or noun.
    if (hasAux && entry.form === "base" && beBefore(doc, s, i)) continue;
    if (!verbSenseFits(doc, s, first, entry, passive, hasAux)) continue;
    // "lashed out at", "spoke out against", "weighed in on": an adverbial particle and the
    // preposition that introduces the target both join the cue.
    const second = particle && ADVERB_PARTICLES.has(particle) ? doc.tokens[i + 2] : undefined;
    const two = second !== undefined && second.kind === "word" && TARGET_PREPOSITIONS.has(second.lower) && doc.inQuote[i + 2] === -1;
    // "came out against", "came out for": "come out" is a cue only with its target.
    const comeOut = entry.lemma === "come" && second !== undefined && (second.lower === "for" || second.lower === "against") && doc.inQuote[i + 2] === -1;
    if (entry.lemma === "come" && !comeOut) continue;
    // "was quoted as saying …": the subject is the speaker of the participle's content.
    const quotedAs = entry.lemma === "quote" && passive && doc.tokens[i + 1]?.lower === "as" && CUE_FORMS.get(doc.tokens[i + 2]?.lower ?? "")?.form === "ing" && doc.inQuote[i + 2] === -1;
    if (quotedAs) {
      const said = CUE_FORMS.get(doc.tokens[i + 2]?.lower ?? "");
      while (cues.length > 0 && (cues[cues.length - 1]?.last ?? -1) >= first) cues.pop();
      cues.push({ first, last: i + 2, head: i + 2, kind: "verb", lemma: said?.lemma ?? "say", act: said?.act ?? "asserts", strength: "speech", form: "past", hasAux, passive: false, particle: null });
      i += 2;
      continue;
    }
    const last = particle ? (two || comeOut ? i + 2 : i + 1) : i;
    // "wants to know": the catenative was found as a cue of its own; merge into one span.
    while (cues.length > 0 && (cues[cues.length - 1]?.last ?? -1) >= first) cues.pop();
    cues.push({ first, last, head: i, kind: "verb", lemma: entry.lemma, act: entry.act, strength: entry.strength, form: entry.form, hasAux, passive: passive && entry.form === "past", particle });
    i = last;
  }
  return cues;
}

/** Nouns of point of view in "in the view of X", "in X's words", "in the eyes of X". */
const VIEW_NOUNS = new Set(["view", "opinion", "words", "eyes", "estimation", "judgment", "judgement", "assessment", "telling", "mind"]);

/**
 * "In the view of most experts, …", "In the senator's words, …", "…, in her opinion.": an
 * adverbial naming whose view the clause is, like "according to". The source is after "of"
 * or is the possessor before the noun.
 */
function viewPhraseCue(doc: Doc, s: Sentence, i: number): Cue | null {
  const base = { head: i, kind: "according" as const, act: "asserts" as const, strength: "belief" as const, form: "ing" as const, hasAux: false, passive: false, particle: null };
  if (doc.inQuote[i] !== -1) return null;
  // An adverbial of its own: opening the sentence or set off by a comma or dash.
  const prev = i > s.first ? doc.tokens[i - 1] : undefined;
  if (prev && !(prev.kind === "punct" && /^[,;—–(]$/.test(prev.lower)) && !/^(but|and|yet|so)$/.test(prev.lower)) return null;
  const t1 = doc.tokens[i + 1];
  if (t1?.lower === "the" && VIEW_NOUNS.has(doc.tokens[i + 2]?.lower ?? "") && doc.tokens[i + 3]?.lower === "of") {
    const next = doc.tokens[i + 4];
    if (!next || (next.kind !== "word" && next.kind !== "number") || doc.inQuote[i + 4] !== -1) return null;
    return { ...base, first: i, last: i + 3, lemma: `in the ${doc.tokens[i + 2]?.lower ?? "view"} of` };
  }
  // "in his view", "in the senator's own words": a possessor of at most five words.
  for (let k = i + 1; k <= s.last && k - i <= 5; k++) {
    const t = doc.tokens[k];
    if (!t || t.kind !== "word" || doc.inQuote[k] !== -1) return null;
    const possessive = POSSESSIVE_DETS.has(t.lower) || t.lower.endsWith("'s") || (t.lower.endsWith("s'") && t.lower.length > 2);
    if (!possessive) {
      if (POSSESSIVE_DETS.has(t.lower) || PREPOSITIONS.has(t.lower) || AUXILIARIES.has(t.lower)) return null;
      continue;
    }
    let n = k + 1;
    if (doc.tokens[n]?.lower === "own") n++;
    const noun = doc.tokens[n]?.lower ?? "";
    if (!VIEW_NOUNS.has(noun) || noun === "eyes" || noun === "mind") return null;
    const after = doc.tokens[n + 1];
    // "in his view, …" / "…, in her opinion." — not "in his opinion piece".
    if (!after || !(after.kind === "punct" || n + 1 > s.last)) return null;
    if (POSSESSIVE_DETS.has(t.lower) && k !== i + 1) return null;
    return { ...base, first: i, last: n, lemma: "in view", possessor: [i + 1, k] };
  }
  return null;
}

/**
 * "For many voters, the economy is the top issue", "To the mayor, the plan is a gamble": an
 * opening "for"/"to" phrase naming people, closed by a comma, gives whose view the clause is.
 */
function forWhomCue(doc: Doc, s: Sentence, i: number): Cue | null {
  const prev = doc.tokens[i - 1];
  if (doc.inQuote[i] !== -1 || (i > s.first && !(prev && /^(but|and|yet)$/.test(prev.lower) && i - 1 === s.first))) return null;
  const m = scanForward(doc, i + 1, s.last);
  if (!m || m.pronoun || doc.tokens[m.last + 1]?.lower !== "," || m.last - m.first > 6) return null;
  const headTok = doc.tokens[m.last];
  if (!headTok || headTok.kind !== "word") return null;
  const h = headTok.lower;
  // People: a speaking role, a group ("Republicans"), a plural agent noun ("farmers", "economists") or a name.
  const people = ROLE_NOUNS.has(h) || (headTok.cap && CAP_PLURAL.test(h)) || (!headTok.cap && /(ers|ors|ists|ans|ents)$/.test(h) && h.length > 5) || (m.named && !TIME_WORDS.has(h) && !DAY_WORDS.has(h) && !MONTHS.has(h));
  if (!people) return null;
  // Something must be said after the comma: a clause, not the end of the sentence.
  if (m.last + 2 > s.last) return null;
  return { first: i, last: i, head: i, kind: "according", lemma: "for", act: "asserts", strength: "belief", form: "base", hasAux: false, passive: false, particle: null };
}

const MONTHS = new Set(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "now", "example", "instance", "years", "decades"]);

function startsSourcePhrase(doc: Doc, i: number): boolean {
  const t = doc.tokens[i];
  if (!t || t.kind !== "word" || doc.inQuote[i] !== -1) return false;
  return (DETERMINERS.has(t.lower) && t.lower !== "that") || (t.cap && !SUBJECT_PRONOUNS.has(t.lower));
}

const IS_THAT_OPENERS = new Set(["the", "one", "a", "another", "there"]);
/** "thanks to", "thanks largely to", "thanks in part to". */
function thanksTo(doc: Doc, i: number): boolean {
  for (let k = i + 1; k <= i + 4; k++) {
    const w = doc.tokens[k]?.lower ?? "";
    if (w === "to") return true;
    if (!/^(in|part|large|largely|partly|partially|mostly|mainly|no|small|big|measure)$/.test(w)) return false;
  }
  return false;
}

/** Nouns after "there is" that introduce a belief ("There is speculation that …"). */
const THERE_NOUNS = new Set(["speculation", "concern", "concerns", "fear", "fears", "hope", "hopes", "worry", "worries", "talk", "rumors",
  "rumours", "sense", "feeling", "belief", "expectation", "expectations", "suspicion", "suspicions", "doubt", "doubts", "consensus",
  "frustration", "anger", "alarm", "optimism", "skepticism", "confidence", "reports", "indications", "signs"]);
/** Nouns of belief or message that can be the subject of "is that …" ("The hope is that …"). */
const IS_THAT_NOUNS = new Set(["hope", "fear", "view", "belief", "thinking", "idea", "concern", "worry", "expectation", "assumption",
  "argument", "consensus", "message", "sense", "feeling", "hunch", "suspicion", "theory", "thought", "worry", "bet", "calculation",
  "conclusion", "complaint", "criticism", "charge", "claim", "contention", "position", "rationale", "reasoning", "logic", "premise"]);

/**
 * "The hope is that …", "One view is that …", "The fear among aides is that …": a belief
 * stated as a noun phrase with "is that" or "is:"; the holders follow "among" when named.
 */
function isThatCue(doc: Doc, s: Sentence, i: number): Cue | null {
  if (doc.inQuote[i] !== -1) return null;
  if (doc.tokens[i]?.lower === "there") return thereIsCue(doc, s, i);
  let j = i + 1;
  for (; j <= s.last && j - i <= 3; j++) {
    const t = doc.tokens[j];
    if (!t || t.kind !== "word" || doc.inQuote[j] !== -1) return null;
    if (IS_THAT_NOUNS.has(t.lower)) break;
    if (!modifier(doc, j) && t.kind !== "word") return null;
    if (t.cap || PREPOSITIONS.has(t.lower) || AUXILIARIES.has(t.lower)) return null;
  }
  const noun = doc.tokens[j];
  if (!noun || !IS_THAT_NOUNS.has(noun.lower)) return null;
  const after = beliefHolders(doc, s, j + 1);
  if (!after) return null;
  const { holders, next: k } = after;
  const cop = doc.tokens[k]?.lower ?? "";
  const next = doc.tokens[k + 1];
  if ((cop !== "is" && cop !== "was") || !next || doc.inQuote[k] !== -1) return null;
  if (next.lower !== "that" && next.lower !== ":") return null;
  return { first: i, last: k, head: j, kind: "noun", lemma: noun.lower, act: "asserts", strength: "belief", form: "base", hasAux: false, passive: false, particle: null, clauseAfter: true, ...(holders ? { possessor: holders } : {}) };
}

/**
 * The holders of a belief after its noun, "… concern among aides that …": their span and
 * the token after them; no holders when the noun is not followed by "among", null when
 * "among" is followed by no mention.
 */
function beliefHolders(doc: Doc, s: Sentence, k: number): { holders: [number, number] | undefined; next: number } | null {
  if (doc.tokens[k]?.lower !== "among") return { holders: undefined, next: k };
  const m = scanForward(doc, k + 1, s.last);
  return m ? { holders: [m.first, m.last], next: m.last + 1 } : null;
}

/** "There is growing concern among aides that …": a belief with its holders after "among". */
function thereIsCue(doc: Doc, s: Sentence, i: number): Cue | null {
  const be = doc.tokens[i + 1]?.lower ?? "";
  if (!/^(is|are|was|were|'s)$/.test(be)) return null;
  let j = i + 2;
  while (j <= s.last && j - i <= 4 && doc.tokens[j] && !THERE_NOUNS.has(doc.tokens[j]?.lower ?? "") && modifier(doc, j)) j++;
  const noun = doc.tokens[j];
  if (!noun || !THERE_NOUNS.has(noun.lower) || doc.inQuote[j] !== -1) return null;
  const after = beliefHolders(doc, s, j + 1);
  if (!after) return null;
  const { holders, next: k } = after;
  if (doc.tokens[k]?.lower !== "that" || doc.inQuote[k] !== -1) return null;
  return { first: i, last: j, head: j, kind: "noun", lemma: noun.lower, act: "asserts", strength: "belief", form: "base", hasAux: false, passive: false, particle: null, clauseAfter: true, ...(holders ? { possessor: holders } : {}) };
}

/** Verbs of receiving a judgement ("drew criticism from", "won praise from"). */
const RECEIVING = new Set(["draw", "draws", "drew", "drawn", "drawing", "win", "wins", "won", "winning", "earn", "earns", "earned", "earning",
  "receive", "receives", "received", "receiving", "garner", "garners", "garnered", "garnering", "attract", "attracts", "attracted",
  "attracting", "face", "faces", "faced", "facing", "get", "gets", "got", "getting", "come", "comes", "came", "coming"]);
const RECEIVED_NOUNS = new Map<string, SpeechAct>([["criticism", "accuses"], ["condemnation", "accuses"], ["rebuke", "accuses"], ["rebukes", "accuses"],
  ["scorn", "accuses"], ["ire", "accuses"], ["fire", "accuses"], ["backlash", "accuses"], ["boos", "accuses"], ["praise", "characterises"],
  ["support", "characterises"], ["endorsement", "characterises"], ["endorsements", "characterises"], ["backing", "characterises"],
  ["applause", "characterises"], ["plaudits", "characterises"], ["accolades", "characterises"], ["kudos", "characterises"],
  ["opposition", "accuses"], ["objections", "accuses"], ["pushback", "accuses"], ["protests", "accuses"], ["complaints", "accuses"], ["outrage", "accuses"]]);

/**
 * "Lopez drew sharp criticism from unions", "the plan won praise from both parties": the
 * speakers come after "from"; what they judge is the clause's subject.
 */
function receivedCue(doc: Doc, s: Sentence, i: number): Cue | null {
  if (doc.inQuote[i] !== -1) return null;
  for (let j = i + 1; j <= s.last && j - i <= 4; j++) {
    const t = doc.tokens[j];
    if (!t || t.kind !== "word" || doc.inQuote[j] !== -1) return null;
    const act = RECEIVED_NOUNS.get(t.lower);
    if (act) {
      const from = doc.tokens[j + 1];
      if (from?.lower !== "from" || !doc.tokens[j + 2] || doc.inQuote[j + 2] !== -1) return null;
      const { first, hasAux } = leftExtend(doc, s, i);
      return { first, last: j, head: j, kind: "verb", lemma: t.lower, act, strength: "speech", form: "past", hasAux, passive: true, particle: null, agentFrom: true };
    }
    // "came under fire from": "under" only right after "come".
    const under = t.lower === "under" && j === i + 1 && doc.tokens[i]?.lower.startsWith("c");
    if (!under && (t.cap || (!modifier(doc, j) && !DETERMINERS.has(t.lower)))) return null;
  }
  return null;
}

/** Participles of measuring and judging that name a source only as "as … by X". */
const EVIDENTIAL = new Set(["measured", "judged", "defined", "gauged", "calculated", "tallied", "evidenced", "assessed", "rated", "ranked"]);

/**
 * "…, at least as measured by most economists", "As judged by voters, …": like "as reported
 * by", the agent after "by" is whose view the clause is. Not "was measured by" (no "as").
 */
function evidentialCue(doc: Doc, s: Sentence, i: number): Cue | null {
  if (doc.tokens[i - 1]?.lower !== "as" || doc.tokens[i + 1]?.lower !== "by" || doc.inQuote[i] !== -1) return null;
  const agent = doc.tokens[i + 2];
  if (!agent || (agent.kind !== "word" && agent.kind !== "number") || doc.inQuote[i + 2] !== -1) return null;
  const l = doc.tokens[i]?.lower ?? "";
  return { first: i, last: i, head: i, kind: "verb", lemma: l.replace(/d$/, "").replace(/e$/, "") || l, act: "asserts", strength: "belief", form: "past", hasAux: false, passive: false, particle: null };
}

/** "As the governor put it, …", "…, as one aide puts it.": "put it" after "as" and a speaker. */
function asPutItCue(doc: Doc, s: Sentence, i: number): Cue | null {
  if (doc.tokens[i + 1]?.lower !== "it" || doc.inQuote[i] !== -1) return null;
  let asAt = -1;
  for (let t = i - 1; t >= s.first && i - t <= 8; t--) {
    const tok = doc.tokens[t];
    if (!tok || doc.inQuote[t] !== -1 || (tok.kind === "punct" && tok.lower !== ".")) break;
    if (tok.lower === "as") {
      asAt = t;
      break;
    }
  }
  if (asAt < 0) return putItThisWay(doc, s, i);
  if (asAt === i - 1) return null;
  const { first, hasAux } = leftExtend(doc, s, i);
  return { first, last: i + 1, head: i, kind: "verb", lemma: "put", act: "asserts", strength: "speech", form: doc.tokens[i]?.lower === "puts" ? "third" : "past", hasAux, passive: false, particle: null };
}

/** "Lima put it this way: …", "Reed put it bluntly: “…”": a manner phrase, then a colon or a quotation. */
function putItThisWay(doc: Doc, s: Sentence, i: number): Cue | null {
  let j = i + 2;
  const w = doc.tokens[j]?.lower ?? "";
  if ((w === "this" || w === "that") && doc.tokens[j + 1]?.lower === "way") j += 2;
  else if (w.endsWith("ly") && w.length > 4) j += 1;
  else return null;
  const next = doc.tokens[j];
  const opensQuote = next?.lower === "," && isQuoteOpen(doc, j + 1);
  if (!next || doc.inQuote[j] !== -1 || (next.lower !== ":" && !opensQuote)) return null;
  const { first, hasAux } = leftExtend(doc, s, i);
  const entry: LexEntry = { lemma: "put", act: "asserts", strength: "speech", form: doc.tokens[i]?.lower === "puts" ? "third" : "past" };
  if (!verbPosition(doc, s, first, entry, hasAux, i)) return null;
  return { first, last: j - 1, head: i, kind: "verb", lemma: "put", act: "asserts", strength: "speech", form: entry.form, hasAux, passive: false, particle: null };
}

const ADVERB_PARTICLES = new Set(["out", "in", "back", "off", "down"]);
const TARGET_PREPOSITIONS = new Set(["at", "against", "on", "about", "over"]);

const PARTICIPLE_ADJUNCT = new Set(["on", "in", "via", "late", "early", "earlier", "this", "last", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight"]);

const PAST_LIGHT = new Set(["took", "taken", "made", "gave", "given", "kept", "lent", "threw", "thrown", "sent", "put", "stepped", "ramped"]);
const POSSESSIVE_DETS = new Set(["his", "her", "their", "its", "our", "my", "your"]);

function lightForm(l: string): LexEntry["form"] {
  if (l.endsWith("ing")) return "ing";
  if (PAST_LIGHT.has(l) || l.endsWith("ed")) return "past";
  if (l.endsWith("s")) return "third";
  return "base";
}

/** What may follow a noun cue: a content-introducing preposition, "that", a quotation or a colon. */
/** Nouns of arguing whose addressee may precede the that-clause ("the case to voters that"). */
const ARGUED_NOUNS = new Set(["case", "argument", "point"]);

/** Longest addressee phrase ("a Chicago meeting of union leaders"). */
const MAX_ADDRESSEE_PHRASE = 9;

function thatAfterAddressee(doc: Doc, from: number): boolean {
  for (let t = from; t - from < MAX_ADDRESSEE_PHRASE; t++) {
    const tok = doc.tokens[t];
    if (!tok || tok.kind !== "word" || doc.inQuote[t] !== -1) return false;
    if (tok.lower === "that") return t > from;
  }
  return false;
}

function nounComplement(doc: Doc, j: number): { prep: boolean } | null {
  const next = doc.tokens[j + 1];
  if (!next) return null;
  if (isQuoteOpen(doc, j + 1) || next.lower === ":" || next.lower === "that") return { prep: false };
  // "Lima's view is that …", "his argument was that …"
  if ((next.lower === "is" || next.lower === "was") && doc.tokens[j + 2]?.lower === "that") return { prep: false };
  if (next.kind !== "word" || !NOUN_PREPOSITIONS.has(next.lower)) return null;
  const noun = doc.tokens[j]?.lower ?? "";
  // "made a forceful case to the crowd that …": an addressee before the that-clause.
  if (next.lower === "to" && ARGUED_NOUNS.has(noun) && thatAfterAddressee(doc, j + 2)) return { prep: false };
  if ((next.lower === "of" && !OF_NOUNS.has(noun)) || (next.lower === "to" && !TO_NOUNS.has(noun))) return null;
  const after = doc.tokens[j + 2];
  // "a message on Twitter", "a statement on Facebook": the channel, not the topic.
  if ((next.lower === "on" || next.lower === "in") && after?.cap) return null;
  if (!after || TIME_WORDS.has(after.lower) || after.kind !== "word" && after.kind !== "number" && !isQuoteOpen(doc, j + 2)) return null;
  return { prep: true };
}

/** Modifiers between a determiner and its noun: lower-case words that are not function words. */
function modifier(doc: Doc, t: number): boolean {
  const tok = doc.tokens[t];
  if (!tok || tok.kind !== "word" || doc.inQuote[t] !== -1) return false;
  const l = tok.lower;
 return !tok.cap && !l.endsWith("'s") && !PREPOSITIONS.has(l) && l !== "of" && l !== "that" && !AUXILIARIES.has(l) && !CUE_FORMS.has(l) && !NOUN_CUES.has(l) && l !== "and" && l !== "but";
}

/** "took a swipe at", "made the case that", "issued a statement saying", "kept up his criticism of". */
function lightVerbCue(doc: Doc, s: Sentence, i: number): Cue | null {
  let j = i + 1;
  if (LIGHT_PARTICLES.has(doc.tokens[j]?.lower ?? "")) j++;
  let noun: ReturnType<typeof NOUN_CUES.get>;
  // "made clear that", "made it clear that"
  const l0 = doc.tokens[i]?.lower ?? "";
  const isMake = l0.startsWith("ma");
  for (let k = 0; k < 4 && j <= s.last; k++, j++) {
    const t = doc.tokens[j];
    if (!t || doc.inQuote[j] !== -1) return null;
    // "made it clear she will not resign": a that-less clause opens with a subject pronoun.
    const clauseNext = SUBJECT_PRONOUNS.has(doc.tokens[j + 1]?.lower ?? "") && doc.tokens[j + 1]?.lower !== "who" && doc.inQuote[j + 1] === -1;
    if (isMake && t.lower === "clear" && (doc.tokens[j + 1]?.lower === "that" || isQuoteOpen(doc, j + 1) || doc.tokens[j + 1]?.lower === ":" || clauseNext)) {
      noun = { lemma: "clear", act: "asserts", strength: "speech" };
      break;
    }
    noun = NOUN_CUES.get(t.lower) ?? (EXPRESSING.has(l0) ? ATTITUDE_NOUNS.get(t.lower) : undefined);
    if (noun) break;
    const det = DETERMINERS.has(t.lower) || (isMake && t.lower === "it" && k === 0);
    if (!det && !modifier(doc, j)) return null;
  }
  if (!noun || j > s.last) return null;
  // "issued a statement on Friday saying …", "sent a note online reading …": a short
  // time or channel phrase may sit between the noun and the participle.
  let g = j + 1;
  if (PARTICIPLE_ADJUNCT.has(doc.tokens[g]?.lower ?? "") && doc.inQuote[g] === -1) {
    for (let k = g + 1; k <= s.last && k - g <= 3; k++) {
      const t = doc.tokens[k];
      if (!t || t.kind !== "word" || doc.inQuote[k] !== -1) break;
      if (CUE_FORMS.get(t.lower)?.form === "ing") {
        g = k;
        break;
      }
    }
  }
  const ing = CUE_FORMS.get(doc.tokens[g]?.lower ?? "");
  if (ing && ing.form === "ing" && doc.inQuote[g] === -1 && (g === j + 1 || ing.strength === "speech")) {
    // "issued a statement saying …", "posted a message calling …": one cue, the verb's act.
    const entry: LexEntry = { ...ing, form: lightForm(l0) };
    const { first, hasAux } = leftExtend(doc, s, i);
    if (!verbPosition(doc, s, first, entry, hasAux, i)) return null;
    return { first, last: g, head: g, kind: "verb", lemma: ing.lemma, act: ing.act, strength: ing.strength, form: entry.form, hasAux, passive: false, particle: null };
  }
  if (g !== j + 1) return null;
  const comp = noun.lemma === "clear" ? { prep: false } : nounComplement(doc, j);
  if (!comp) return null;
  if (TOPIC_NOUNS.has(doc.tokens[j]?.lower ?? "") && comp.prep && !["on", "about"].includes(doc.tokens[j + 1]?.lower ?? "")) return null;
  const form = lightForm(l0);
  const entry: LexEntry = { lemma: noun.lemma, act: noun.act, strength: noun.strength, form };
  const { first, hasAux } = leftExtend(doc, s, i);
  if (!verbPosition(doc, s, first, entry, hasAux, i)) return null;
  const last = comp.prep ? j + 1 : j;
  return { first, last, head: i, kind: "verb", lemma: noun.lemma, act: noun.act, strength: noun.strength, form, hasAux, passive: false, particle: comp.prep ? (doc.tokens[j + 1]?.lower ?? null) : null, npContent: comp.prep };
}

/** "is critical of", "remain skeptical that", "became increasingly vocal about". */
function adjectiveCue(doc: Doc, s: Sentence, i: number): Cue | null {
  const tok = doc.tokens[i];
  const comps = tok ? ADJECTIVE_CUES.get(tok.lower) : undefined;
  const next = doc.tokens[i + 1];
  // "remains confident she will win": a that-less clause after an adjective that takes "that".
  // ("sure" is left out: "I'm sure he …" is mostly a hedge.)
  const bareClause = next !== undefined && comps !== undefined && comps.includes("that") && tok?.lower !== "sure" && SUBJECT_PRONOUNS.has(next.lower) && next.lower !== "who" && doc.inQuote[i + 1] === -1;
  if (!tok || !comps || !next || (!comps.includes(next.lower) && !bareClause)) return null;
  let c = i - 1;
  while (c >= s.first && c >= i - 3 && (CUE_ADVERBS.has(doc.tokens[c]?.lower ?? "") || ((doc.tokens[c]?.lower ?? "").endsWith("ly") && !doc.tokens[c]?.cap))) c--;
  const cop = doc.tokens[c];
  if (!cop || c < s.first || !COPULAS.has(cop.lower) || doc.inQuote[c] !== -1) return null;
  // "It is clear that …", "that is clear": no one holds the view.
  if (/^(it|this|that|what|which)$/.test(doc.tokens[c - 1]?.lower ?? "") || cop.lower === "'s") return null;
  const { first } = leftExtend(doc, s, c);
  const prep = next.lower !== "that" && !bareClause;
  return { first, last: prep ? i + 1 : i, head: i, kind: "verb", lemma: tok.lower, act: "asserts", strength: "belief", form: "base", hasAux: true, passive: false, particle: prep ? next.lower : null, npContent: prep };
}

/** People defined by a stance towards something ("a vocal critic of", "the leading advocate for"). */
const STANCE_HEDGES = new Set(["perhaps", "arguably", "probably", "possibly", "likely", "now", "long", "also"]);
const AGENT_NOUNS = new Set(["critic", "supporter", "opponent", "proponent", "advocate", "champion", "backer", "defender", "foe", "skeptic", "sceptic", "admirer", "detractor"]);

/**
 * "Lima is a longtime critic of the plan", "Costa, the most vocal supporter of the bill, …":
 * a stance noun with its target, after a copula (the subject holds the stance) or in an
 * appositive (the noun phrase before the comma does).
 */
function agentNounCue(doc: Doc, s: Sentence, i: number): Cue | null {
  const tok = doc.tokens[i];
  const prep = doc.tokens[i + 1];
  if (!tok || tok.cap || !prep || (prep.lower !== "of" && prep.lower !== "for") || doc.inQuote[i] !== -1) return null;
  const target = doc.tokens[i + 2];
  if (!target || (target.kind !== "word" && target.kind !== "number") || doc.inQuote[i + 2] !== -1) return null;
  // The determiner (or possessor) opening the noun phrase, across a few modifiers.
  let d = i - 1;
  let nounStart = -1;
  for (; d >= s.first && i - d <= 6; d--) {
    const t = doc.tokens[d];
    if (!t || doc.inQuote[d] !== -1) return null;
    if (t.kind === "word" && (t.lower === "a" || t.lower === "an" || t.lower === "the" || POSSESSIVE_DETS.has(t.lower))) break;
    // "the party's best-known proponent", "the Senate’s loudest advocate": a possessor opens the phrase.
    const apostrophe = t.kind === "quote" && (doc.tokens[d - 1]?.lower.endsWith("s") ?? false);
    if (apostrophe || (t.kind === "word" && t.lower.endsWith("'s") && d < i - 1)) {
      const m = scanBack(doc, apostrophe ? d - 1 : d, s.first);
      if (!m || m.pronoun) return null;
      nounStart = d + 1;
      d = m.first;
      if (DETERMINERS.has(doc.tokens[d - 1]?.lower ?? "")) d--;
      break;
    }
    if (t.kind !== "word" || AUXILIARIES.has(t.lower) || PREPOSITIONS.has(t.lower) || t.lower === "of" || t.lower === "and") return null;
  }
  if (d < s.first || i - d > 6) return null;
  // "is arguably the party's best-known proponent", "remains a vocal critic": adverbs before the article.
  let start = d;
  const adverb = (t: Token | undefined): boolean => t !== undefined && t.kind === "word" && !t.cap && (CUE_ADVERBS.has(t.lower) || STANCE_HEDGES.has(t.lower) || (t.lower.endsWith("ly") && t.lower.length > 4));
  while (start > s.first && d - start < 2 && adverb(doc.tokens[start - 1])) start--;
  const before = doc.tokens[start - 1];
  const base = { head: i, lemma: tok.lower, act: (tok.lower === "critic" || tok.lower === "opponent" || tok.lower === "foe" || tok.lower === "detractor" || tok.lower === "skeptic" || tok.lower === "sceptic" ? "accuses" : "characterises") as SpeechAct, strength: "belief" as const, form: "base" as const, passive: false, particle: prep.lower, npContent: true };
  if (before && before.kind === "word" && COPULAS.has(before.lower) && doc.inQuote[start - 1] === -1) {
    const { first } = leftExtend(doc, s, start - 1);
    return { ...base, first, last: i + 1, kind: "verb", hasAux: true };
  }
  if (before && before.lower === "," && doc.inQuote[start - 1] === -1) {
    const m = scanBack(doc, start - 2, s.first);
    if (!m || m.pronoun || !m.named) return null;
    return { ...base, first: nounStart >= 0 ? nounStart : d + 1, last: i + 1, kind: "noun", hasAux: false, possessor: [m.first, m.last] };
  }
  return null;
}

/** "his claim that", "Lima's repeated attacks on", "their support for": the possessor speaks. */
function possessiveNounCue(doc: Doc, s: Sentence, i: number): Cue | null {
  const tok = doc.tokens[i];
  const noun = tok ? NOUN_CUES.get(tok.lower) : undefined;
  if (!tok || !noun || tok.cap) return null;
  // "the claim by the mayor that …", "a warning by the agency: …": the speaker after "by".
  if (doc.tokens[i + 1]?.lower === "by" && doc.inQuote[i + 1] === -1 && DETERMINERS.has(doc.tokens[i - 1]?.lower ?? "")) {
    const m = scanForward(doc, i + 2, s.last);
    const after = m ? nounComplement(doc, m.last) : null;
    if (m && !m.pronoun && after && !after.prep) {
      return { first: i, last: i, head: i, kind: "noun", lemma: noun.lemma, act: noun.act, strength: noun.strength, form: "base", hasAux: false, passive: false, particle: null, possessor: [m.first, m.last] };
    }
  }
  const comp = nounComplement(doc, i);
  if (!comp) return null;
  if (TOPIC_NOUNS.has(tok.lower) && comp.prep && !["on", "about"].includes(doc.tokens[i + 1]?.lower ?? "")) return null;
  let p = i - 1;
  for (let k = 0; k < 2 && p > s.first && modifier(doc, p) && !POSSESSIVE_DETS.has(doc.tokens[p]?.lower ?? "") && !DETERMINERS.has(doc.tokens[p]?.lower ?? ""); k++) p--;
  const pos = doc.tokens[p];
  if (!pos || p < s.first || pos.kind !== "word" || doc.inQuote[p] !== -1) return null;
  let possessor: [number, number] | null = null;
  if (POSSESSIVE_DETS.has(pos.lower)) possessor = [p, p];
  else if (pos.lower.endsWith("'s") && (pos.cap || ROLE_NOUNS.has(pos.lower.slice(0, -2)))) {
    const m = scanBack(doc, p, s.first);
    if (m) possessor = [m.first, m.last];
  }
  if (!possessor) return adverbialNounCue(doc, s, i, p, noun, comp.prep);
  const last = comp.prep ? i + 1 : i;
  return { first: Math.min(p + 1, i), last, head: i, kind: "noun", lemma: noun.lemma, act: noun.act, strength: noun.strength, form: "base", hasAux: false, passive: false, particle: comp.prep ? (doc.tokens[i + 1]?.lower ?? null) : null, possessor, npContent: comp.prep };
}

/** Nouns of an act aimed at someone that open an adverbial: "In a swipe at Lima, …". */
const ADVERBIAL_NOUNS = new Set(["swipe", "jab", "dig", "shot", "attack", "rebuke", "reference", "nod", "allusion", "criticism", "rebuttal", "response", "reply", "tribute", "apology", "appeal", "warning", "challenge", "message"]);

/**
 * "In a veiled swipe at the mayor, Lima said …", "…, with a reference to the scandal": the
 * noun phrase after "in"/"with" names what the clause's act targets. The speaker is not
 * in the phrase (the clause's subject is annotated with its own cue), so the source is left empty.
 */
function adverbialNounCue(doc: Doc, s: Sentence, i: number, det: number, noun: { lemma: string; act: SpeechAct; strength: LexEntry["strength"] }, prep: boolean): Cue | null {
  const t = doc.tokens[i];
  if (!t || !prep || !ADVERBIAL_NOUNS.has(t.lower)) return null;
  const d = doc.tokens[det];
  if (!d || (d.lower !== "a" && d.lower !== "an")) return null;
  const p = doc.tokens[det - 1];
  if (!p || (p.lower !== "in" && p.lower !== "with") || det - 1 < s.first) return null;
  const before = doc.tokens[det - 2];
  // "Lima ended the debate with a swipe at Reed": after a verb phrase, "with" needs no comma.
  const afterObject = p.lower === "with" && before !== undefined && before.kind === "word" && !before.cap && !PREPOSITIONS.has(before.lower) && det - 2 > s.first;
  if (det - 1 > s.first && !afterObject && !(before && (before.lower === "," || before.lower === "—" || /^(and|but)$/.test(before.lower)))) return null;
  return { first: det, last: i + 1, head: i, kind: "noun", lemma: noun.lemma, act: noun.act, strength: noun.strength, form: "base", hasAux: false, passive: false, particle: doc.tokens[i + 1]?.lower ?? null, npContent: true };
}

/** Prepositions inside a subject between its plural head and the verb ("voters in each state say"). */
export const SUBJECT_PP = new Set(["in", "of", "from", "at", "across", "among", "to", "close", "near", "on", "for"]);
const PLURAL_HEADS = new Set(["majorities", "half", "third", "quarter", "percent", "most", "many"]);

const IRREGULAR_PARTICIPLES = new Set(["seen", "made", "held", "taken", "written", "done", "given", "drawn", "shown", "kept", "brought", "sent", "led", "heard", "found", "put", "cast", "read", "run", "won", "paid", "sold", "told", "built", "set"]);

/** A lower-case past participle that can open a reduced relative ("obtained", "seen"). */
export function agentParticiple(t: Token | undefined): boolean {
  if (!t || t.kind !== "word" || t.cap) return false;
  return (t.lower.endsWith("ed") && t.lower.length > 4) || IRREGULAR_PARTICIPLES.has(t.lower);
}

/**
 * "Majorities of farmers in three regions say", "people close to his team say": a
 * plural head a few words before a base verb, across prepositional phrases only.
 */
function pluralHeadBefore(doc: Doc, s: Sentence, p: number): boolean {
  let passedPrep = false;
  for (let t = p; t >= s.first && p - t < 12; t--) {
    const tok = doc.tokens[t];
    if (!tok || doc.inQuote[t] !== -1) return false;
    if (tok.kind === "number") {
      if (passedPrep) return true;
      continue;
    }
    if (tok.kind !== "word") return false;
    const l = tok.lower;
    // "records obtained by the paper show", "voters surveyed by Gallup say": an agent
    // phrase after a participle that modifies the plural head right before it.
    if (l === "by" && t - 2 >= s.first && agentParticiple(doc.tokens[t - 1])) {
      const head = doc.tokens[t - 2];
      return head !== undefined && doc.inQuote[t - 2] === -1 && (pluralNoun(head) || initialPlural(doc, s, t - 2) || PLURAL_WORDS.has(head.lower));
    }
    if (SUBJECT_PP.has(l)) {
      passedPrep = true;
      continue;
    }
    const openingPlural = t === s.first && l.length > 3 && l.endsWith("s") && !l.endsWith("ss") && !l.endsWith("'s");
    if (passedPrep && (pluralNoun(tok) || openingPlural || PLURAL_WORDS.has(l) || PLURAL_HEADS.has(l) || (NUMBER_WORDS.has(l) && l !== "who"))) return true;
    if (AUXILIARIES.has(l) || SUBJECT_PRONOUNS.has(l) || l === "that" || l === "which" || l === "who" || l === "and" || l === "but" || l === "or") return false;
    const e = CUE_FORMS.get(l);
    // "states" in "voters in five states say" is the plural noun, not a verb.
    if (e && (e.form === "past" || (e.form === "third" && !NOUNY_THIRD.has(l)))) return false;
  }
  return false;
}
