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
import { ADJECTIVE_CUES, COPULAS, LIGHT_PARTICLES, LIGHT_VERBS, NOUN_CUES, NOUN_PREPOSITIONS, OF_NOUNS, TO_NOUNS, TOPIC_NOUNS } from "./lexicon/noun-cues";
import { DETERMINERS, PREPOSITIONS, ROLE_NOUNS, SUBJECT_PRONOUNS, TIME_WORDS } from "./lexicon/words";
import type { Token } from "./tokenize";
import { NOUNY_BASE, NOUNY_THIRD, NUMBER_WORDS, PLURAL_WORDS } from "./lexicon/verb-noun";
import type { Sentence } from "./sentences";
import { scanBack } from "./mentions";
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

const DAY_WORDS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday"]);

/** Base forms that before a plural noun are its modifier ("three state primaries"), unlike "7 in 10 support changes". */
const NOUN_MODIFIERS = new Set(["state", "market", "document", "review", "project", "text", "email", "post"]);

/** Speech verbs whose purpose infinitive reports what was said ("took to Twitter to say"). */
const PURPOSE_SPEECH = new Set(["say", "announce", "declare", "argue", "insist", "proclaim", "complain", "deny", "warn", "boast", "brag", "accuse", "blast", "slam", "praise", "criticize", "criticise"]);

/** Capitalised plurals of groups: Republicans, Democrats, Hispanics, Conservatives (not "Rogers"). */
const CAP_PLURAL = /(ans|ats|ists|ics|als|ives|ites)$/;

function pluralNoun(t: Token): boolean {
  const l = t.lower;
  if (t.kind === "word" && t.cap && CAP_PLURAL.test(l)) return true;
  return t.kind === "word" && !t.cap && l.length > 3 && l.endsWith("s") && !l.endsWith("ss") && !l.endsWith("'s") && !l.endsWith("us") && !l.endsWith("is");
}

/** Three-word adverbials that sit between an auxiliary and its verb ("has in the past described"). */
const ADVERBIAL_PHRASES = new Set(["in the past", "at the time", "in recent days", "in recent weeks", "in recent months", "in recent years", "on several occasions", "on multiple occasions", "time and again"]);
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
    } else if (ADVERBIAL_ENDS.has(l) && ADVERBIAL_PHRASES.has(`${doc.tokens[t - 2]?.lower} ${doc.tokens[t - 1]?.lower} ${l}`) && AUXILIARIES.has(doc.tokens[t - 3]?.lower ?? "")) {
      t -= 2; // "has in the past described": an adverbial phrase after the auxiliary
    } else break;
    first = t;
    t--;
  }
  return { first, hasAux, passive };
}

function verbPosition(doc: Doc, s: Sentence, first: number, entry: LexEntry, hasAux: boolean, head: number): boolean {
  if (hasAux) return true;
  let p = first - 1;
  // "voters in five states voting Tuesday support": judge the word before the day name.
  if (p > s.first && DAY_WORDS.has(doc.tokens[p]?.lower ?? "") && doc.tokens[p - 1]?.kind === "word") p--;
  const prev = p >= s.first ? doc.tokens[p] : undefined;
  const l = prev?.lower ?? "";
  const possessive = prev !== undefined && prev.kind === "word" && (l.endsWith("'s") || l.endsWith("s'"));
  const determiner = DETERMINERS.has(l) && l !== "that";
  switch (entry.form) {
    case "ing":
      // ", saying", "by calling", and participles after a plural noun ("voters saying")
      if (prev === undefined || ING_OK_AFTER.has(l) || isQuoteClose(doc, p) || pluralNoun(prev) || PLURAL_WORDS.has(l) || NUMBER_WORDS.has(l)) return true;
      // "about Senator Lopez calling the tax a disgrace": a participle after a name inside the sentence.
      return entry.strength === "speech" && entry.lemma !== "read" && !doc.tokens[head]?.cap && p > s.first && prev.kind === "word" && prev.cap && !determiner && !possessive && doc.inQuote[p] === -1 && !DETERMINERS.has(l) && !PREPOSITIONS.has(l);
    case "base":
      // "they say", "I think", "voters want", "7 in 10 want"; never "the call", "a report", "in support".
      if (!prev) return false;
      if (entry.lemma === "read") return isQuoteOpen(doc, head + 1) || doc.tokens[head + 1]?.lower === ":";
      // "took to Twitter to say …", "rushed to TV to announce …": a purpose infinitive of a speech verb.
      if (l === "to" && PURPOSE_SPEECH.has(entry.lemma)) return doc.tokens[p - 1]?.kind === "word";
      if (SUBJECT_PRONOUNS.has(l) && l !== "he" && l !== "she" && l !== "it") return true;
      if (prev.kind === "number" || NUMBER_WORDS.has(l) || PLURAL_WORDS.has(l)) {
        // "three state primaries", "the most state contests": a noun modifying the plural after it.
        const next = doc.tokens[head + 1];
        return !(NOUN_MODIFIERS.has(doc.tokens[head]?.lower ?? "") && next !== undefined && pluralNoun(next) && doc.inQuote[head + 1] === -1);
      }
      // "Aides to Ortega say": a name before a base form that is rarely a noun
      if (prev.kind === "word" && prev.cap && !determiner && !NOUNY_BASE.has(doc.tokens[head]?.lower ?? "")) return true;
      if (pluralNoun(prev) && !determiner && !possessive && !PREPOSITIONS.has(l)) return true;
      return !determiner && !possessive && !PREPOSITIONS.has(l) && pluralHeadBefore(doc, s, p);
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
  return true;
}
const BE_FORMS = new Set([...BE, "'s"]);

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
    // Nouns and adjectives of saying first: "his claim that" is never the verb "claim".
    const extra = LIGHT_VERBS.has(tok.lower) ? lightVerbCue(doc, s, i) : ADJECTIVE_CUES.has(tok.lower) ? adjectiveCue(doc, s, i) : NOUN_CUES.has(tok.lower) ? possessiveNounCue(doc, s, i) : null;
    if (extra) {
      while (cues.length > 0 && (cues[cues.length - 1]?.last ?? -1) >= extra.first) cues.pop();
      cues.push(extra);
      i = extra.last;
      continue;
    }
    const entry = CUE_FORMS.get(tok.lower);
    if (!entry) continue;
    // "Secretary of State William Galvin", "the New York State Republican Party": part of a name.
    if (tok.cap && entry.lemma === "state" && i > s.first && doc.tokens[i - 1]?.kind === "word") continue;
    // "adding to her run of victories", "it adds up": increase, not speech.
    if (entry.lemma === "add" && /^(to|up)$/.test(doc.tokens[i + 1]?.lower ?? "")) continue;
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
    if (hasAux && hypothetical(doc, s, first)) continue;
    if (!verbSenseFits(doc, s, first, entry, passive, hasAux)) continue;
    const last = particle ? i + 1 : i;
    // "wants to know": the catenative was found as a cue of its own; merge into one span.
    while (cues.length > 0 && (cues[cues.length - 1]?.last ?? -1) >= first) cues.pop();
    cues.push({ first, last, head: i, kind: "verb", lemma: entry.lemma, act: entry.act, strength: entry.strength, form: entry.form, hasAux, passive: passive && entry.form === "past", particle });
    i = last;
  }
  return cues;
}

const PAST_LIGHT = new Set(["took", "taken", "made", "gave", "given", "kept", "lent", "threw", "thrown", "sent", "put", "stepped", "ramped"]);
const POSSESSIVE_DETS = new Set(["his", "her", "their", "its", "our", "my", "your"]);

function lightForm(l: string): LexEntry["form"] {
  if (l.endsWith("ing")) return "ing";
  if (PAST_LIGHT.has(l) || l.endsWith("ed")) return "past";
  if (l.endsWith("s")) return "third";
  return "base";
}

/** What may follow a noun cue: a content-introducing preposition, "that", a quotation or a colon. */
function nounComplement(doc: Doc, j: number): { prep: boolean } | null {
  const next = doc.tokens[j + 1];
  if (!next) return null;
  if (isQuoteOpen(doc, j + 1) || next.lower === ":" || next.lower === "that") return { prep: false };
  if (next.kind !== "word" || !NOUN_PREPOSITIONS.has(next.lower)) return null;
  const noun = doc.tokens[j]?.lower ?? "";
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
    if (isMake && t.lower === "clear" && (doc.tokens[j + 1]?.lower === "that" || isQuoteOpen(doc, j + 1) || doc.tokens[j + 1]?.lower === ":")) {
      noun = { lemma: "clear", act: "asserts", strength: "speech" };
      break;
    }
    noun = NOUN_CUES.get(t.lower);
    if (noun) break;
    const det = DETERMINERS.has(t.lower) || (isMake && t.lower === "it" && k === 0);
    if (!det && !modifier(doc, j)) return null;
  }
  if (!noun || j > s.last) return null;
  const ing = CUE_FORMS.get(doc.tokens[j + 1]?.lower ?? "");
  if (ing && ing.form === "ing" && doc.inQuote[j + 1] === -1) {
    // "issued a statement saying …", "posted a message calling …": one cue, the verb's act.
    const entry: LexEntry = { ...ing, form: lightForm(l0) };
    const { first, hasAux } = leftExtend(doc, s, i);
    if (!verbPosition(doc, s, first, entry, hasAux, i)) return null;
    return { first, last: j + 1, head: j + 1, kind: "verb", lemma: ing.lemma, act: ing.act, strength: ing.strength, form: entry.form, hasAux, passive: false, particle: null };
  }
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
  if (!tok || !comps || !next || !comps.includes(next.lower)) return null;
  let c = i - 1;
  while (c >= s.first && c >= i - 3 && (CUE_ADVERBS.has(doc.tokens[c]?.lower ?? "") || ((doc.tokens[c]?.lower ?? "").endsWith("ly") && !doc.tokens[c]?.cap))) c--;
  const cop = doc.tokens[c];
  if (!cop || c < s.first || !COPULAS.has(cop.lower) || doc.inQuote[c] !== -1) return null;
  const { first } = leftExtend(doc, s, c);
  const prep = next.lower !== "that";
  return { first, last: prep ? i + 1 : i, head: i, kind: "verb", lemma: tok.lower, act: "asserts", strength: "belief", form: "base", hasAux: true, passive: false, particle: prep ? next.lower : null, npContent: prep };
}

/** "his claim that", "Lima's repeated attacks on", "their support for": the possessor speaks. */
function possessiveNounCue(doc: Doc, s: Sentence, i: number): Cue | null {
  const tok = doc.tokens[i];
  const noun = tok ? NOUN_CUES.get(tok.lower) : undefined;
  if (!tok || !noun || tok.cap) return null;
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
  if (!possessor) return null;
  const last = comp.prep ? i + 1 : i;
  return { first: Math.min(p + 1, i), last, head: i, kind: "noun", lemma: noun.lemma, act: noun.act, strength: noun.strength, form: "base", hasAux: false, passive: false, particle: comp.prep ? (doc.tokens[i + 1]?.lower ?? null) : null, possessor, npContent: comp.prep };
}

/** Prepositions inside a subject between its plural head and the verb ("voters in each state say"). */
export const SUBJECT_PP = new Set(["in", "of", "from", "at", "across", "among", "to", "close", "near", "on", "for"]);
const PLURAL_HEADS = new Set(["majorities", "half", "third", "quarter", "percent", "most", "many"]);

/**
 * "Majorities of Democrats in five states say", "sources close to her campaign say": a
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
    if (SUBJECT_PP.has(l)) {
      passedPrep = true;
      continue;
    }
    const initialPlural = t === s.first && l.length > 3 && l.endsWith("s") && !l.endsWith("ss") && !l.endsWith("'s");
    if (passedPrep && (pluralNoun(tok) || initialPlural || PLURAL_WORDS.has(l) || PLURAL_HEADS.has(l) || (NUMBER_WORDS.has(l) && l !== "who"))) return true;
    if (AUXILIARIES.has(l) || SUBJECT_PRONOUNS.has(l) || l === "that" || l === "which" || l === "who" || l === "and" || l === "but" || l === "or") return false;
    const e = CUE_FORMS.get(l);
    // "states" in "voters in five states say" is the plural noun, not a verb.
    if (e && (e.form === "past" || (e.form === "third" && !NOUNY_THIRD.has(l)))) return false;
  }
  return false;
}
