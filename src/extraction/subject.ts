/**
 * Who is the cue's speaker when the mention sits before it: the plain noun phrase
 * ("Putin noted"), a phrase before a parenthetical ("Putin, in turn, noted"), an
 * appositive ("Ana Lima, the ministry spokeswoman, told"), or the subject
 * shared with an earlier cue ("…, saying", "… but did confirm").
 */
import type { Doc } from "./document";
import { isQuoteClose, isQuoteOpen } from "./document";
import type { Mention } from "./mentions";
import { scanBack } from "./mentions";
import { activityBefore, agentParticiple, headlineSubject, messageBefore, SUBJECT_PP } from "./cue-finder";
import { CUE_FORMS } from "./lexicon/cue-index";
import { NOUNY_BASE } from "./lexicon/verb-noun";
import { CLAUSE_WORDS, DETERMINERS, PREPOSITIONS, ROLE_NOUNS } from "./lexicon/words";
import type { Sentence } from "./sentences";

export type SubjectResult =
  | { kind: "mention"; mention: Mention; /** first token of the source span incl. appositive */ spanFirst: number; spanLast: number }
  | { kind: "shared"; connector: number }
  | { kind: "inverted" }
  | { kind: "none" };

const MAX_PARENTHETICAL = 12;
/** Tokens of a quoted nickname or title allowed inside an aside (quote marks included). */
const MAX_QUOTED_NAME = 6;
const COORDINATORS = new Set(["and", "but", "or", "then"]);
const SUBJECT_TIME_WORDS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight"]);
const PERIOD_NOUNS = new Set(["week", "month", "year", "weekend", "night", "fall", "spring", "summer", "winter", "morning", "evening", "afternoon", "decade"]);
const PERIOD_OPENERS = new Set(["last", "this", "next", "past"]);
const GERUND_PREPOSITIONS = new Set(["by", "after", "before", "while", "when", "without", "in", "since", "despite"]);

/** `p` is the token right before the cue span. */
export function findSubject(doc: Doc, s: Sentence, p: number, ingForm: boolean): SubjectResult {
  if (p < s.first) return { kind: "inverted" };
  const tok = doc.tokens[p];
  if (!tok) return { kind: "none" };
  // "took to Twitter to say …": the infinitive's subject is the clause's.
  if (tok.kind === "word" && tok.lower === "to") {
    // "Lopez to Seek Second Term": a headline's name is the subject of its infinitive.
    const h = headlineSubject(doc, s, p);
    if (h) return { kind: "mention", mention: { first: h[0], last: h[1], pronoun: false, named: true }, spanFirst: h[0], spanLast: h[1] };
    return { kind: "shared", connector: p };
  }
  if (tok.kind === "word" && COORDINATORS.has(tok.lower)) {
    // "did not name the buyer but did confirm that": coordinated verb phrases share the subject.
    const before = doc.tokens[p - 1];
    return { kind: "shared", connector: before?.lower === "," ? p - 1 : p };
  }
  const comma = tok.kind === "punct" && (tok.lower === "," || tok.lower === "—" || tok.lower === "–");
  // "…, saying", "… “a fair deal,” saying": a participle shares the main subject.
  if (ingForm && (comma || isQuoteClose(doc, p))) return { kind: "shared", connector: p };
  if (isQuoteClose(doc, p)) {
    // "Dina Roy, the coder known as “Spark,” stated": the comma closing the aside sits inside a quoted nickname.
    const open = quotedNameOpen(doc, p);
    if (open >= 0 && doc.tokens[p - 1]?.lower === ",") {
      const inner = parenthetical(doc, s, p - 1);
      if (inner) return inner;
    }
    return { kind: "inverted" };
  }
  // "by talking about taxes", "after saying …": the gerund's subject is the clause's.
  if (ingForm && tok.kind === "word" && GERUND_PREPOSITIONS.has(tok.lower)) return { kind: "shared", connector: p };
  if (ingForm && activityBefore(doc, s, p)) return { kind: "shared", connector: p };
  if (ingForm && messageBefore(doc, s, p)) return { kind: "shared", connector: p };
  if (comma) {
    const inner = parenthetical(doc, s, p);
    if (inner) return inner;
    return { kind: "inverted" };
  }
  if (tok.kind === "punct" && tok.lower !== ")") return { kind: "none" };
  // "Trump Tuesday said", "shoppers heading to the stores Friday say": a bare day name between
  // subject and verb is an adverb; the subject ends before it.
  let end = SUBJECT_TIME_WORDS.has(tok.lower) && p > s.first && doc.tokens[p - 1]?.kind !== "punct" ? p - 1 : p;
  // "Lima herself has acknowledged …": an emphatic reflexive after the subject.
  if (end === p && /^(himself|herself|themselves)$/.test(tok.lower) && p > s.first && doc.tokens[p - 1]?.kind === "word") end = p - 1;
  // "Lima and Reed both said …", "they all agree …": a floating quantifier after the subject.
  if (end === p && /^(both|all|each)$/.test(tok.lower) && p > s.first && doc.tokens[p - 1]?.kind === "word" && !DETERMINERS.has(doc.tokens[p - 1]?.lower ?? "") && !PREPOSITIONS.has(doc.tokens[p - 1]?.lower ?? "")) end = p - 1;
  // "Clinton on Friday said": the same with "on"; "Clinton earlier Friday said" with "earlier".
  if (end < p && /^(on|earlier|later|late|early)$/.test(doc.tokens[end]?.lower ?? "") && end > s.first) end--;
  // "Lima last week said", "Lima earlier this year said": a dated phrase likewise.
  if (end === p && PERIOD_NOUNS.has(tok.lower) && PERIOD_OPENERS.has(doc.tokens[p - 1]?.lower ?? "") && p - 2 >= s.first) {
    end = p - 2;
    if (/^(earlier|later|late|early)$/.test(doc.tokens[end]?.lower ?? "") && end - 1 >= s.first) end--;
    if (doc.tokens[end]?.kind !== "word") end = p;
  }
  const m = scanBack(doc, end, s.first) ?? loneQuantifier(doc, s, end);
  if (!m) return { kind: "none" };
  // "discuss Senator Lopez calling …": a lower-case verb before the name is not part of it.
  while (m.first < m.last && isBareVerb(doc, m.first)) m.first++;
  extendOverPrepositions(doc, s, m);
  return { kind: "mention", mention: m, spanFirst: m.first, spanLast: m.last };
}

const DOCUMENT_NOUNS = new Set(["statement", "statements", "report", "reports", "study", "studies", "analysis", "survey", "surveys", "poll", "polls", "letter", "memo", "review", "audit", "filing", "post", "tweet", "editorial", "column"]);

const LONE_QUANTIFIERS = new Set(["some", "many", "others", "few", "several", "most"]);

/** "Some say …", "…, but others argue …": a quantifier standing alone opens its clause as the speaker. */
function loneQuantifier(doc: Doc, s: Sentence, t: number): Mention | null {
  const tok = doc.tokens[t];
  if (!tok || !LONE_QUANTIFIERS.has(tok.lower) || doc.inQuote[t] !== -1) return null;
  const before = doc.tokens[t - 1];
  const opens = t === s.first || !before || before.kind === "punct" || COORDINATORS.has(before.lower) || before.lower === "while" || before.lower === "though" || before.lower === "although";
  return opens ? { first: t, last: t, pronoun: false, named: false } : null;
}

const NAMING_WORDS = new Set(["as", "called", "dubbed", "nicknamed", "named", "titled", "entitled"]);

/** Opening token of a short quoted name ending at `close` ("known as “Lulu,”"), or -1. */
function quotedNameOpen(doc: Doc, close: number): number {
  const q = doc.inQuote[close] ?? -1;
  let t = close;
  while (t > 0 && doc.inQuote[t - 1] === q && close - t < MAX_QUOTED_NAME) t--;
  if (doc.inQuote[t - 1] === q) return -1;
  return NAMING_WORDS.has(doc.tokens[t - 1]?.lower ?? "") ? t : -1;
}

function isBareVerb(doc: Doc, t: number): boolean {
  const tok = doc.tokens[t];
  return tok !== undefined && tok.kind === "word" && !tok.cap && CUE_FORMS.get(tok.lower)?.form === "base" && !NOUNY_BASE.has(tok.lower);
}

/**
 * "X, <parenthetical>, cue": returns X. The parenthetical may itself hold commas
 * ("Ana Lima, a nurse from Porto, Portugal, says"), so up to three
 * earlier commas are tried, nearest first. Null when the comma ends a content clause.
 */
function parenthetical(doc: Doc, s: Sentence, p: number): SubjectResult | null {
  const delim = doc.tokens[p]?.lower;
  let tried = 0;
  let quoted = 0;
  for (let c = p - 1; c >= s.first && p - c <= MAX_PARENTHETICAL * 2 && tried < 3; c--) {
    const t = doc.tokens[c];
    if (!t) return null;
    // "Ana Lima, the singer called “Lulu,” said": a short quoted name inside the aside is
    // part of it; a longer quotation is content, not an aside.
    if (doc.inQuote[c] !== -1) {
      if (++quoted > MAX_QUOTED_NAME || tried > 0) return null;
      continue;
    }
    if (t.kind !== "punct") continue;
    if (t.lower === "." || t.lower === "(" || t.lower === ")" || t.lower === "-") continue;
    if (t.lower !== delim && t.lower !== ",") return null;
    tried++;
    const r = parentheticalAt(doc, s, c, p);
    if (r) return r;
  }
  // Fallback: "Ana Lima, speaking at a rally in Lisbon, is criticizing …" — a named
  // phrase opening the sentence and closed by a comma is the subject of the cue.
  const m = scanBack(doc, firstComma(doc, s, p) - 1, s.first);
  if (!m || !m.named || m.first !== s.first) return null;
  const inner = doc.tokens[m.last + 2];
  const appositive = inner !== undefined && (DETERMINERS.has(inner.lower) || inner.cap || ROLE_NOUNS.has(inner.lower));
  return { kind: "mention", mention: m, spanFirst: m.first, spanLast: appositive ? p - 1 : m.last };
}

function firstComma(doc: Doc, s: Sentence, p: number): number {
  for (let t = s.first; t < p && t - s.first < MAX_PARENTHETICAL; t++) if (doc.tokens[t]?.lower === ",") return t;
  return -1;
}

function parentheticalAt(doc: Doc, s: Sentence, c: number, p: number): SubjectResult | null {
  const firstInner = doc.tokens[c + 1];
  if (!firstInner || c + 1 >= p) return null;
  const l = firstInner.lower;
  // "The letter, signed by 50 economists, warns …": a participle phrase describing the subject.
  // "The ad, titled “Failure,” accuses …": a naming participle with a quoted title.
  const titled = NAMING_WORDS.has(l) && l !== "as" && isQuoteOpen(doc, c + 2);
  const relative = l === "who" || l === "which" || (l.endsWith("ing") && !firstInner.cap) || (l.endsWith("ed") && !firstInner.cap && doc.tokens[c + 2]?.lower === "by") || titled;
  const adverbial = PREPOSITIONS.has(l) || CLAUSE_WORDS.has(l) || l.endsWith("ly") || (TOO.has(l) && doc.tokens[c + 2]?.lower === ",");
  // "Ann Reed, founder of the group, tells …": a bare role noun opens an appositive too.
  const appositive = DETERMINERS.has(l) || firstInner.kind === "number" || firstInner.cap || (ROLE_NOUNS.has(l) && doc.tokens[c + 2]?.lower === "of");
  if (!relative && !adverbial && !appositive) return null;
  let m = scanBack(doc, c - 1, s.first);
  if (!m) return null;
  if (m.pronoun) return pronounBeforeAside(doc, s, m, c, p, adverbial);
  // "Ana Lima, 58, who …": an age is not the speaker; look one comma further.
  if (m.first === m.last && doc.tokens[m.first]?.kind === "number" && doc.tokens[m.first - 1]?.lower === ",") {
    const older = scanBack(doc, m.first - 2, s.first);
    if (older && !older.pronoun) m = older;
  }
  // "The Club for Growth, which …": a name with a prepositional phrase, as for plain subjects.
  extendOverPrepositions(doc, s, m);
  // The phrase must open its clause: "…A, in turn, B" is not a subject when A ends a longer clause.
  const before = doc.tokens[m.first - 1];
  const opensClause = m.first === s.first || before === undefined || before.kind === "punct" || before.kind === "quote" || CLAUSE_WORDS.has(before.lower);
  if (!opensClause) return null;
  // "The ministry, for instance, refused …": a speaking body before an adverbial aside.
  const speakingHead = adverbial && ROLE_NOUNS.has(doc.tokens[m.last]?.lower ?? "");
  if (!m.named && !appositive && !relative && !speakingHead) return null;
  // PolNeAR-style sources include an appositive ("Ana Lima and Rui Costa, two city engineers").
  return { kind: "mention", mention: m, spanFirst: m.first, spanLast: appositive && !relative ? p - 1 : m.last };
}

const TOO = new Set(["too", "again", "instead", "though", "therefore", "thus", "indeed", "meanwhile"]);
const ASIDE_PRONOUNS = new Set(["he", "she", "they", "we", "i"]);
/** Longest adverbial aside after a pronoun subject ("in turn", "once again", "for his part"). */
const MAX_PRONOUN_ASIDE = 4;

/**
 * "… and she, once again, pledged …", "He, too, argued …", "They, in turn, insisted …": a
 * subject pronoun opening its clause, then a short adverbial aside between commas. (Only
 * adverbials: "him, the man who …" or "it, the plan, …" are no speakers.)
 */
function pronounBeforeAside(doc: Doc, s: Sentence, m: Mention, c: number, p: number, adverbial: boolean): SubjectResult | null {
  if (!adverbial || m.first !== m.last || p - c - 1 > MAX_PRONOUN_ASIDE || !ASIDE_PRONOUNS.has(doc.tokens[m.first]?.lower ?? "")) return null;
  for (let t = c + 1; t < p; t++) if (doc.inQuote[t] !== -1 || doc.tokens[t]?.kind !== "word") return null;
  const before = doc.tokens[m.first - 1];
  const opensClause = m.first === s.first || before === undefined || before.kind === "quote" || before.lower === "and" || before.lower === "but" || before.lower === ";";
  return opensClause ? { kind: "mention", mention: m, spanFirst: m.first, spanLast: m.last } : null;
}

/**
 * "voters in each state say", "people close to his team say", "Trump at the time
 * said": a noun phrase after a preposition is not the whole subject; take in the phrase
 * before the preposition (at most three steps, never across a clause boundary).
 */
function extendOverPrepositions(doc: Doc, s: Sentence, m: Mention): void {
  if (m.pronoun) return;
  for (let step = 0; step < 3; step++) {
    let p = m.first - 1;
    const prep = doc.tokens[p];
    // "people familiar with the talks say": "with" only after "familiar".
    // "a poll conducted by Gallup finds": an agent phrase after a participle.
    const familiar = (prep?.lower === "with" && doc.tokens[p - 1]?.lower === "familiar") ||
      (prep?.lower === "by" && agentParticiple(doc.tokens[p - 1])) ||
      // "a statement by the ministry said": the author of a document after its noun.
      (prep?.lower === "by" && DOCUMENT_NOUNS.has(doc.tokens[p - 1]?.lower ?? ""));
    if (!prep || p <= s.first || prep.kind !== "word" || !(SUBJECT_PP.has(prep.lower) || familiar) || prep.lower === "close") return;
    if (prep.lower === "to" && doc.tokens[p - 1]?.lower === "close") p--;
    // "Many in the party fear …", "Most of the voters surveyed said …": a lone quantifier heads the phrase.
    let head = scanBack(doc, p - 1, s.first) ?? loneQuantifier(doc, s, p - 1);
    // "memos seen by the paper": a participle that is also a cue form is not a noun; the phrase ends before it.
    if (!head && prep.lower === "by" && p - 2 >= s.first) {
      const np = scanBack(doc, p - 2, s.first);
      head = np && np.last === p - 2 ? { ...np, last: p - 1 } : null;
    }
    if (!head || head.pronoun || head.last !== p - 1) return;
    // Only a phrase that itself opens the clause: "… and voters in Ohio say", not "won in Ohio".
    const before = doc.tokens[head.first - 1];
    const agent = before?.lower === "by" && (agentParticiple(doc.tokens[head.first - 2]) || DOCUMENT_NOUNS.has(doc.tokens[head.first - 2]?.lower ?? ""));
    const opens = head.first === s.first || !before || before.kind === "punct" || before.kind === "quote" || CLAUSE_WORDS.has(before.lower) || SUBJECT_PP.has(before.lower) || agent;
    if (!opens) return;
    m.first = head.first;
    m.named ||= head.named;
  }
}
