/**
 * What follows a cue: where its content starts, or that it has none to the right
 * (then the content, if any, is before the source: `"…," Putin said.`).
 * Skips addressees ("told reporters", "told Radio Sol"), time words and
 * prepositional adjuncts ("said in a statement on Tuesday that …").
 */
import type { Doc } from "./document";
import { isQuoteOpen } from "./document";
import { scanForward } from "./mentions";
import { DETERMINERS, PREPOSITIONS, SUBJECT_PRONOUNS, TIME_WORDS } from "./lexicon/words";
import type { Sentence } from "./sentences";

export type RightKind = "end" | "comma" | "comma-quote" | "colon" | "quote" | "that" | "clause";

export interface RightContext {
  kind: RightKind;
  /** First content token, -1 when the content is not to the right. */
  start: number;
  /** Token after the cue and its adjuncts (where the scan stopped). */
  stop: number;
}

/** Verbs whose first object is the addressee, not the content: "told reporters that …". */
const ADDRESSEE_VERBS = new Set(["tell", "inform", "remind", "assure", "notify", "brief", "warn", "ask", "promise", "urge"]);
const MAX_ADJUNCT_TOKENS = 14;
/** Particles that end a cue span ("warned of", "cautioned against"): the phrase after them is the topic, not an addressee. */
const TOPIC_PARTICLES = new Set(["of", "against"]);

function isTerminalAt(doc: Doc, s: Sentence, k: number): boolean {
  if (k > s.last) return true;
  const t = doc.tokens[k];
  if (!t) return true;
  if (k !== s.last) return false;
  return t.kind === "punct" && (t.lower === "." || t.lower === "!" || t.lower === "?" || t.lower.startsWith(".."));
}

export function rightContext(doc: Doc, s: Sentence, from: number, lemma: string): RightContext {
  let k = from;
  let objectStart = -1;
  let adjunctTokens = 0;
  let first = true;
  let inPrepPhrase = false;
  while (k <= s.last + 1) {
    if (isTerminalAt(doc, s, k)) return { kind: "end", start: -1, stop: k };
    const tok = doc.tokens[k];
    if (!tok) return { kind: "end", start: -1, stop: k };
    const l = tok.lower;
    if (tok.kind === "punct") {
      if (l === ":") return { kind: "colon", start: k + 1, stop: k };
      // "said — on the radio, as it turned out — that …": skip a dash-delimited aside.
      if ((l === "—" || l === "–" || l === "--") && adjunctTokens < MAX_ADJUNCT_TOKENS) {
        const close = closingDash(doc, s, k, l);
        const next = doc.tokens[close + 1];
        if (close > 0 && next && (next.lower === "that" || isQuoteOpen(doc, close + 1))) {
          adjunctTokens += close + 1 - k;
          k = close + 1;
          continue;
        }
      }
      if (l === "," || l === "—" || l === "–" || l === "--" || l === ";" || l === ")" || l === "(") {
        if (l === "," && isQuoteOpen(doc, k + 1)) return { kind: "comma-quote", start: k + 1, stop: k };
        if (l === "," && doc.tokens[k + 1]?.lower === "that") return { kind: "that", start: k + 1, stop: k };
        // "said Monday during a visit to Porto, Portugal, that …"
        if (l === "," && adjunctTokens > 0) {
          for (let j = k + 1; j <= Math.min(s.last, k + 6); j++) {
            if (doc.tokens[j]?.lower === "," && doc.tokens[j + 1]?.lower === "that") return { kind: "that", start: j + 1, stop: k };
            if (!doc.tokens[j]?.cap) break;
          }
        }
        // "says, however, that …", "said, per a translator, that …", "replied, with a smile: “…”"
        if (l === ",") {
          const aside = afterAside(doc, s, k);
          if (aside) return aside;
        }
        return { kind: "comma", start: -1, stop: k };
      }
      if (adjunctTokens > 0 && l === ".") {
        k++; // "on Jan. 21": abbreviation period inside an adjunct
        continue;
      }
      return { kind: "end", start: -1, stop: k };
    }
    if (isQuoteOpen(doc, k)) return { kind: "quote", start: k, stop: k };
    if (l === "that" && tok.kind === "word") {
      // "told reporters that": the content starts at "that", the addressee is dropped.
      return { kind: "that", start: k, stop: k };
    }
    if (first && ADDRESSEE_VERBS.has(lemma) && !SUBJECT_PRONOUNS.has(l) && !TOPIC_PARTICLES.has(doc.tokens[from - 1]?.lower ?? "")) {
      const obj = scanForward(doc, k, s.last);
      if (obj) {
        // "asked for a ticket and Lopez said": the object was the content, not an addressee.
        const after = doc.tokens[obj.last + 1]?.lower ?? "";
        if (after === "and" || after === "but" || after === "or") return { kind: "clause", start: k, stop: obj.last + 1 };
        objectStart = k;
        k = obj.last + 1;
        first = false;
        continue;
      }
    }
    first = false;
    // "said sarcastically", "wrote recently": a manner adverb right after the cue
    if (tok.kind === "word" && !tok.cap && adjunctTokens === 0 && k === from && l.length > 4 && l.endsWith("ly") && !SUBJECT_PRONOUNS.has(l)) {
      adjunctTokens++;
      k++;
      continue;
    }
    const prep = PREPOSITIONS.has(l) || l === "of"; // "said of the new budget, “…”"
    if (tok.kind === "word" && (TIME_WORDS.has(l) || prep) && adjunctTokens < MAX_ADJUNCT_TOKENS && l !== "to" && l !== "as" && l !== "about") {
      // Skip the adjunct phrase; what follows decides.
      const np = prep ? scanForward(doc, k + 1, s.last) : null;
      const next = np ? np.last + 1 : k + 1;
      adjunctTokens += next - k;
      inPrepPhrase = np !== null;
      k = next;
      continue;
    }
    if (adjunctTokens > 0 && tok.kind === "number") {
      adjunctTokens++;
      k++;
      continue;
    }
    if (inPrepPhrase && adjunctTokens < MAX_ADJUNCT_TOKENS && tok.kind === "word" && !tok.cap && !SUBJECT_PRONOUNS.has(l) && !DETERMINERS.has(l)) {
      // Still inside a long adjunct ("after a video call between the two leaders").
      adjunctTokens++;
      k++;
      continue;
    }
    // "urged voters to …", "asked Lima to …": the addressee belongs to the content.
    const start = objectStart >= 0 && adjunctTokens === 0 && l === "to" ? objectStart : k;
    return { kind: "clause", start, stop: k };
  }
  return { kind: "end", start: -1, stop: k };
}

/** The dash closing an aside opened at `k` (same dash, within a few tokens, outside quotations), or -1. */
function closingDash(doc: Doc, s: Sentence, k: number, dash: string): number {
  for (let j = k + 1; j <= Math.min(s.last, k + MAX_ADJUNCT_TOKENS); j++) {
    const t = doc.tokens[j];
    if (!t || doc.inQuote[j] !== -1) return -1;
    if (t.lower === dash) return j > k + 1 ? j : -1;
  }
  return -1;
}

const MAX_ASIDE_TOKENS = 5;
const ASIDE_BREAKERS = new Set(["and", "but", "or", "so", "yet", "then", "while", "as", "when", "because"]);

/** A short comma-delimited aside of plain words after the cue, then "that", a colon or a quotation. */
function afterAside(doc: Doc, s: Sentence, k: number): RightContext | null {
  for (let j = k + 1; j <= Math.min(s.last, k + 1 + MAX_ASIDE_TOKENS); j++) {
    const t = doc.tokens[j];
    if (!t || doc.inQuote[j] !== -1) return null;
    // ", and the crowd cheered, …": a new clause, not an aside.
    if (j === k + 1 && (ASIDE_BREAKERS.has(t.lower) || SUBJECT_PRONOUNS.has(t.lower))) return null;
    if (t.kind === "word") continue;
    if (j === k + 1) return null;
    if (t.lower === "," && doc.tokens[j + 1]?.lower === "that") return { kind: "that", start: j + 1, stop: k };
    if (t.lower === "," && isQuoteOpen(doc, j + 1)) return { kind: "comma-quote", start: j + 1, stop: k };
    if (t.lower === ":" && isQuoteOpen(doc, j + 1)) return { kind: "colon", start: j + 1, stop: k };
    return null;
  }
  return null;
}
