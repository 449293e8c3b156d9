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
  /** quotedBefore[t]: how many tokens before t are inside quotations (O(1) range checks). */
  quotedBefore: Int32Array;
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
  const quotedBefore = new Int32Array(tokens.length + 1);
  for (let t = 0; t < tokens.length; t++) quotedBefore[t + 1] = (quotedBefore[t] ?? 0) + ((inQuote[t] ?? -1) >= 0 ? 1 : 0);
  return { text, tokens, quotes, inQuote, sentences, sentenceOf, quotedBefore };
}

/** True when any token in [first, last] is inside a quotation. */
export function hasQuote(doc: Doc, first: number, last: number): boolean {
  return (doc.quotedBefore[last + 1] ?? 0) - (doc.quotedBefore[first] ?? 0) > 0;
}

/** Token range [first, last] (inclusive) as a character span; null when empty. */
export function spanOf(doc: Doc, first: number, last: number): Span | null {
  const a = doc.tokens[first];
  const b = doc.tokens[last];
  if (!a || !b || last < first) return null;
  return { start: a.start, end: b.end, text: doc.text.slice(a.start, b.end) };
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
