/**
 * Source-mention detection: the noun phrase before a cue ("the Kremlin's press
 * service", "Chinese President Xi Jinping", "Sen. Ana Lima (D-NM)", "he") or after
 * it ("said Putin", "according to a new poll"). No tagger: closed-class word lists
 * decide where the phrase stops, and a bounded window keeps the scan linear.
 */
import type { Doc } from "./document";
import { isQuoteOpen } from "./document";
import { AUXILIARIES, CUE_FORMS } from "./lexicon/cue-index";
import { TITLE_ABBREVIATIONS } from "./lexicon/abbreviations";
import { NOUNY_THIRD, NUMBER_WORDS } from "./lexicon/verb-noun";
import { CLAUSE_WORDS, DETERMINERS, OBJECT_PRONOUNS, PREPOSITIONS, ROLE_NOUNS, SUBJECT_PRONOUNS, TIME_WORDS } from "./lexicon/words";

export interface Mention {
  first: number;
  last: number;
  /** A subject pronoun ("he", "they"). */
  pronoun: boolean;
  /** Contains a capitalised word that is not a sentence-initial function word. */
  named: boolean;
}

const MAX_MENTION_TOKENS = 14;
const MAX_LOWER_WORDS = 4;

export function isNameWord(doc: Doc, i: number): boolean {
  const t = doc.tokens[i];
  if (!t || t.kind !== "word" || !t.cap) return false;
  const l = t.lower;
  return !DETERMINERS.has(l) && !CLAUSE_WORDS.has(l) && !PREPOSITIONS.has(l) && !SUBJECT_PRONOUNS.has(l);
}

/** A word that may sit inside a noun phrase. */
const WEEKDAYS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);

function nounish(doc: Doc, i: number): boolean {
  const t = doc.tokens[i];
  if (!t) return false;
  if (t.kind === "number") return true;
  if (t.kind !== "word" || doc.inQuote[i] !== -1) return false;
  const l = t.lower;
  if (CLAUSE_WORDS.has(l) || PREPOSITIONS.has(l) || AUXILIARIES.has(l) || OBJECT_PRONOUNS.has(l)) return false;
  if (SUBJECT_PRONOUNS.has(l)) return false;
  if (TIME_WORDS.has(l)) {
    // "a report published Monday": a dated participle modifier
    const prev = doc.tokens[i - 1];
    return WEEKDAYS.has(l) && prev !== undefined && !prev.cap && prev.lower.endsWith("ed");
  }
  if (!t.cap) {
    const cue = CUE_FORMS.get(l);
    if (cue && (cue.form === "past" || (cue.form === "third" && !NOUNY_THIRD.has(l))) && !ROLE_NOUNS.has(l)) {
      // "the report published Monday": a dated participle inside the noun phrase.
      const next = doc.tokens[i + 1];
      const prev = doc.tokens[i - 1];
      return cue.form === "past" && l.endsWith("ed") && next !== undefined && WEEKDAYS.has(next.lower) && prev !== undefined && prev.kind === "word" && !prev.cap && !DETERMINERS.has(prev.lower);
    }
  }
  return true;
}

function finish(doc: Doc, first: number, last: number): Mention | null {
  while (first <= last && !nounish(doc, first) && !DETERMINERS.has(doc.tokens[first]?.lower ?? "")) first++;
  if (first > last) return null;
  // A lone determiner ("his" before a quotation) is not a mention.
  if (first === last && DETERMINERS.has(doc.tokens[first]?.lower ?? "")) return null;
  let named = false;
  for (let t = first; t <= last; t++) if (isNameWord(doc, t)) named = true;
  return { first, last, pronoun: false, named };
}

/** Noun phrase ending at token `end`, not reaching before `min`. */
export function scanBack(doc: Doc, end: number, min: number): Mention | null {
  const tok = doc.tokens[end];
  if (!tok || end < min) return null;
  if (tok.kind === "word" && SUBJECT_PRONOUNS.has(tok.lower)) {
    return { first: end, last: end, pronoun: true, named: false };
  }
  let first = end + 1;
  let lowerWords = 0;
  for (let t = end; t >= min && end - t < MAX_MENTION_TOKENS; t--) {
    const cur = doc.tokens[t];
    if (!cur) break;
    const l = cur.lower;
    if (cur.kind === "word" && DETERMINERS.has(l) && l !== "that" && t < end) {
      first = t; // a determiner opens the phrase: include it and stop
      break;
    }
    if (nounish(doc, t)) {
      if (cur.kind === "word" && !cur.cap && ++lowerWords > MAX_LOWER_WORDS) break;
      first = t;
      continue;
    }
    const inside = t < end && first <= end;
    // "head of the FBI", "spokesman for the campaign", "Lima and Rui Costa"
    if (inside && l === "of" && nounish(doc, t - 1)) continue;
    if (inside && l === "for" && ROLE_NOUNS.has(doc.tokens[t - 1]?.lower ?? "")) continue;
    // "Three in 10", "7 in 10 nurses": survey shares
    if (inside && l === "in" && doc.tokens[t + 1]?.kind === "number" && /^(\d+|one|two|three|four|five|six|seven|eight|nine)$/.test(doc.tokens[t - 1]?.lower ?? "")) continue;
    if (inside && (l === "and" || l === "&") && isNameWord(doc, t - 1) && isNameWord(doc, t + 1)) continue;
    // "Sen. Ana Lima": the period of a title abbreviation
    if (inside && l === "." && TITLE_ABBREVIATIONS.has(doc.tokens[t - 1]?.lower ?? "")) continue;
    // "Lima (D-NM) said": a short parenthesis after a name
    if (l === ")" && t === end) {
      let o = t - 1;
      while (o > t - 7 && o >= min && doc.tokens[o]?.lower !== "(") o--;
      if (o >= min && doc.tokens[o]?.lower === "(" && isNameWord(doc, o - 1)) {
        t = o;
        continue;
      }
    }
    // "the players’ union": plural possessive apostrophe tokenised as a quote mark
    if (inside && cur.kind === "quote" && doc.inQuote[t] === -1 && (doc.tokens[t - 1]?.lower.endsWith("s") ?? false)) continue;
    break;
  }
  if (first > end) return null;
  const m = finish(doc, first, end);
  if (m) trimOpeningAdverbial(doc, m);
  // "about 7 in 10 nurses", "at least half": approximators before a quantity
  const q = m ? doc.tokens[m.first] : undefined;
  if (m && q && (q.kind === "number" || NUMBER_WORDS.has(q.lower)) && m.first > min) {
    if (APPROXIMATORS.has(doc.tokens[m.first - 1]?.lower ?? "")) m.first--;
    const two = `${doc.tokens[m.first - 1]?.lower ?? ""} ${doc.tokens[m.first]?.lower ?? ""}`;
    if (m.first - 1 >= min && (two === "at least" || two === "more than" || two === "fewer than" || two === "less than")) m.first--;
  }
  return m;
}

/**
 * "So far Lima has …", "Thus far the mayor …": "far" after an adverb is no part of the phrase.
 * (Cutting "On the Republican side Lima" to the name was tried: held-out source overlap fell.)
 */
function trimOpeningAdverbial(doc: Doc, m: Mention): void {
  const f = doc.tokens[m.first];
  if (f?.lower === "far" && m.first < m.last && /^(so|thus|by)$/.test(doc.tokens[m.first - 1]?.lower ?? "")) {
    m.first++;
    return;
  }
}

const APPROXIMATORS = new Set(["about", "around", "nearly", "almost", "roughly", "only", "just", "over", "under", "some", "least", "than"]);

/** Noun phrase starting at token `start` ("said Putin", "according to a recent survey by X"). */
export function scanForward(doc: Doc, start: number, max: number): Mention | null {
  const tok = doc.tokens[start];
  if (!tok || start > max) return null;
  if (tok.kind === "word" && SUBJECT_PRONOUNS.has(tok.lower)) return { first: start, last: start, pronoun: true, named: false };
  let last = start - 1;
  let lowerWords = 0;
  for (let t = start; t <= max && t - start < MAX_MENTION_TOKENS; t++) {
    const cur = doc.tokens[t];
    if (!cur) break;
    const l = cur.lower;
    if (cur.kind === "word" && DETERMINERS.has(l) && t === start) {
      last = t;
      continue;
    }
    // "first returns of county surveys": each noun of an "of" chain has its own modifiers.
    if (l === "of" && last >= start && cur.kind === "word" && startsNoun(doc, t + 1)) {
      lowerWords = 0;
      continue;
    }
    if (nounish(doc, t)) {
      // "Lima launched …": a lower-case -ed word after a name is a verb, not a modifier.
      const prevCap = doc.tokens[t - 1]?.cap ?? false;
      if (cur.kind === "word" && !cur.cap && prevCap && cur.lower.endsWith("ed") && !ROLE_NOUNS.has(cur.lower)) break;
      if (cur.kind === "word" && !cur.cap && ++lowerWords > MAX_LOWER_WORDS) break;
      last = t;
      continue;
    }
    const started = last >= start;
    if (started && (l === "of" || l === "by" || (l === "for" && ROLE_NOUNS.has(doc.tokens[t - 1]?.lower ?? ""))) && startsNoun(doc, t + 1)) continue;
    if (started && (l === "and" || l === "&") && isNameWord(doc, t - 1) && isNameWord(doc, t + 1)) continue;
    if (l === "." && TITLE_ABBREVIATIONS.has(doc.tokens[t - 1]?.lower ?? "")) continue;
    if (started && l === "(" && isNameWord(doc, t - 1)) {
      let c = t + 1;
      while (c < t + 7 && c <= max && doc.tokens[c]?.lower !== ")") c++;
      if (doc.tokens[c]?.lower === ")") {
        last = c;
        t = c;
        continue;
      }
    }
    break;
  }
  if (last < start) return null;
  return finish(doc, start, last);
}

function startsNoun(doc: Doc, i: number): boolean {
  const t = doc.tokens[i];
  if (!t || isQuoteOpen(doc, i)) return false;
  return nounish(doc, i) || DETERMINERS.has(t.lower);
}
