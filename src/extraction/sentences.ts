/**
 * Sentence splitting over tokens. Copes with abbreviations (U.S., Jan., Mr., Dr.,
 * initials), sentence-final closing quotes (`… “a new height.” The call`) and
 * quotations that span several sentences: a boundary strictly inside a quotation is
 * ignored, so `"A. B," Putin said.` is one frame sentence holding the whole quote.
 */
import type { Token } from "./tokenize";
import { MONTH_ABBREVIATIONS, SENTENCE_OPENERS, SOFT_ABBREVIATIONS, TITLE_ABBREVIATIONS } from "./lexicon/abbreviations";

export interface Sentence {
  /** First and last token index (inclusive). */
  first: number;
  last: number;
  paragraph: number;
}

function isTerminal(tok: Token): boolean {
  if (tok.kind === "punct") {
    const l = tok.lower;
    return l === "." || l === "!" || l === "?" || l === "…" || l.startsWith("..");
  }
  // Dotted abbreviations such as "U.S." carry their own final period.
  return tok.kind === "word" && tok.lower.length > 2 && tok.lower.endsWith(".");
}

function isCloser(tok: Token, inQuote: Int32Array, idx: number, closeToks: Uint8Array): boolean {
  if (tok.kind === "quote") return closeToks[idx] === 1 || inQuote[idx] === -1;
  return tok.kind === "punct" && (tok.lower === ")" || tok.lower === "]");
}

function nextStartsSentence(next: Token | undefined): boolean {
  if (!next || next.kind === "para") return true;
  if (next.kind === "word") return next.cap;
  if (next.kind === "number" || next.kind === "quote") return true;
  return next.lower === "(" || next.lower === "[" || next.lower === "—" || next.lower === "-" || next.lower === "•";
}

function isOpener(next: Token | undefined): boolean {
  if (!next || next.kind === "para" || next.kind === "quote") return true;
  return next.kind === "word" && next.cap && SENTENCE_OPENERS.has(next.lower);
}

/** Decides whether the terminal at `i` ends a sentence, given the first token after closers. */
function breaksAt(tokens: Token[], i: number, next: Token | undefined): boolean {
  const tok = tokens[i];
  if (!tok) return false;
  if (!nextStartsSentence(next)) return false;
  if (tok.kind === "word") return isOpener(next); // "U.S." and friends
  if (tok.lower !== ".") return true;
  const prev = tokens[i - 1];
  if (!prev || prev.kind !== "word" || prev.end !== tok.start) return true;
  const w = prev.lower;
  if (TITLE_ABBREVIATIONS.has(w)) return false;
  if (w.length === 1 && prev.cap) return false; // middle initial: "John Q. Public"
  if (MONTH_ABBREVIATIONS.has(w)) return next?.kind !== "number" && isOpener(next);
  if (SOFT_ABBREVIATIONS.has(w)) return isOpener(next);
  return true;
}

export function splitSentences(tokens: Token[], inQuote: Int32Array, closeToks: Uint8Array): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let paragraph = 0;
  const emit = (last: number): void => {
    if (last >= start) out.push({ first: start, last, paragraph });
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (!tok) continue;
    if (tok.kind === "para") {
      emit(i - 1);
      start = i + 1;
      paragraph++;
      continue;
    }
    if (!isTerminal(tok)) continue;
    let j = i + 1;
    for (let t = tokens[j]; t && isCloser(t, inQuote, j, closeToks); t = tokens[j]) j++;
    const b = j - 1;
    const q = inQuote[b] ?? -1;
    if (q !== -1 && inQuote[j] === q) continue; // inside a quotation
    if (!breaksAt(tokens, i, tokens[j])) continue;
    emit(b);
    start = j;
    i = b;
  }
  emit(tokens.length - 1);
  return out;
}
