/**
 * One analysed input: tokens, quotations and frame sentences, with the lookup
 * tables the rules need. Built once per call, in linear time.
 */
import { quoteIndexByToken, scanQuotes, type QuoteSpan } from "./quotes";
import { splitSentences, type Sentence } from "./sentences";
import { tokenize, type Token } from "./tokenize";
import type { Span } from "./types";

export interface Doc {
  text: string;
  tokens: Token[];
  quotes: QuoteSpan[];
  /** Quote index per token (marks included), -1 outside quotations. */
  inQuote: Int32Array;
  sentences: Sentence[];
  /** Sentence index per token (-1 for paragraph tokens). */
  sentenceOf: Int32Array;
}

export function analyse(text: string): Doc {
  const tokens = tokenize(text);
  const quotes = scanQuotes(text, tokens);
  const inQuote = quoteIndexByToken(tokens.length, quotes);
  const closeToks = new Uint8Array(tokens.length);
  for (const q of quotes) if (q.closed) closeToks[q.closeTok] = 1;
  const sentences = splitSentences(tokens, inQuote, closeToks);
  const sentenceOf = new Int32Array(tokens.length).fill(-1);
  sentences.forEach((s, si) => {
    for (let t = s.first; t <= s.last; t++) sentenceOf[t] = si;
  });
  return { text, tokens, quotes, inQuote, sentences, sentenceOf };
}

/** Token range [first, last] (inclusive) as a character span; null when empty. */
export function spanOf(doc: Doc, first: number, last: number): Span | null {
  const a = doc.tokens[first];
  const b = doc.tokens[last];
  if (!a || !b || last < first) return null;
  return { start: a.start, end: b.end, text: doc.text.slice(a.start, b.end) };
}

export function word(doc: Doc, i: number): string {
  const t = doc.tokens[i];
  return t && (t.kind === "word" || t.kind === "number") ? t.lower : "";
}

export function lowerAt(doc: Doc, i: number): string {
  return doc.tokens[i]?.lower ?? "";
}

export function isPunct(doc: Doc, i: number, chars: string): boolean {
  const t = doc.tokens[i];
  return t !== undefined && t.kind === "punct" && chars.includes(t.lower);
}

/** True for an opening quotation mark (first token of a quote span). */
export function isQuoteOpen(doc: Doc, i: number): boolean {
  const q = doc.inQuote[i] ?? -1;
  return q >= 0 && doc.quotes[q]?.openTok === i;
}

/** True for the closing mark of a closed quotation. */
export function isQuoteClose(doc: Doc, i: number): boolean {
  const q = doc.inQuote[i] ?? -1;
  const quote = q >= 0 ? doc.quotes[q] : undefined;
  return quote !== undefined && quote.closed && quote.closeTok === i;
}
