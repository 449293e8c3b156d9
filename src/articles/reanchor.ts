import { quoteSelectorAt, SELECTOR_CONTEXT, type TextQuoteSelector } from "./text-anchor";

/**
 * Re-anchoring a quote in a new revision of an article (pure, no I/O).
 *
 * The quote itself must survive verbatim: a claim's span is evidence of what the article
 * says, so a quote whose text changed (even by one character) is reported lost rather than
 * fuzzily moved. Where the quote occurs several times, its old context (prefix/suffix)
 * picks the occurrence: the longer the stretch of unchanged text right next to it, the
 * better, so edits further away do not matter. Ties go to the occurrence nearest the
 * quote's old place, proportionally to the text's length.
 *
 * Offsets are UTF-16 code units, as everywhere else.
 */

export type ReanchorResult =
  | { status: "anchored"; start: number; end: number; exact: string; prefix: string; suffix: string }
  | { status: "anchor_lost" };

/** Where the quote was: its start in a text of the given length (the old revision's). */
export interface OldPosition {
  start: number;
  textLength: number;
}

export function reanchor(newText: string, quote: TextQuoteSelector, old: OldPosition, context = SELECTOR_CONTEXT): ReanchorResult {
  const expected = old.textLength > 0 ? (old.start / old.textLength) * newText.length : 0;
  const start = locateQuote(newText, quote, expected);
  if (start === null) return { status: "anchor_lost" };
  const end = start + quote.exact.length;
  return { status: "anchored", start, end, exact: quote.exact, ...contextAround(newText, start, end, context) };
}

/**
 * Start of the best occurrence of `quote.exact` in `text`, or null if it does not occur.
 * `expectedStart` only breaks ties between equally well-matching occurrences.
 */
export function locateQuote(text: string, quote: TextQuoteSelector, expectedStart: number): number | null {
  const { exact } = quote;
  if (exact.length === 0) return null;
  let best: { start: number; score: number; distance: number } | null = null;
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    if (splitsSurrogatePair(text, at) || splitsSurrogatePair(text, at + exact.length)) continue;
    const score = contextScore(text, at, at + exact.length, quote);
    const distance = Math.abs(at - expectedStart);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { start: at, score, distance };
    }
  }
  return best ? best.start : null;
}

/** Code units of its old context a cue must keep to be found again away from its quote. */
export const MIN_CUE_CONTEXT = 8;

/**
 * Where a span tied to a quote (the cue "said" of an attribution) lands once the quote was
 * re-anchored from [oldStart, oldEnd) of the old text to newStart of the new one, or null
 * if it cannot be found with confidence. When the text from the span to the quote is
 * unchanged, the span moves with the quote. Otherwise it is looked for by its own context;
 * a cue is a short, common word, so an occurrence whose context was lost is not accepted.
 */
export function relocateSpan(
  oldText: string,
  newText: string,
  span: { start: number; end: number },
  quote: { oldStart: number; oldEnd: number; newStart: number },
): { start: number; end: number } | null {
  if (!(span.start >= 0 && span.end > span.start && span.end <= oldText.length)) return null;
  const delta = quote.newStart - quote.oldStart;
  const from = Math.min(span.start, quote.oldStart);
  const to = Math.max(span.end, quote.oldEnd);
  if (from + delta >= 0 && newText.slice(from + delta, to + delta) === oldText.slice(from, to)) {
    return { start: span.start + delta, end: span.end + delta };
  }
  const selector = quoteSelectorAt(oldText, span.start, span.end);
  const at = locateQuote(newText, selector, span.start + delta);
  if (at === null) return null;
  const end = at + selector.exact.length;
  return contextScore(newText, at, end, selector) >= MIN_CUE_CONTEXT ? { start: at, end } : null;
}

/** Characters of the old context still found right next to the occurrence [start, end). */
export function contextScore(text: string, start: number, end: number, quote: TextQuoteSelector): number {
  const before = text.slice(Math.max(0, start - quote.prefix.length), start);
  const after = text.slice(end, end + quote.suffix.length);
  return commonSuffixLength(quote.prefix, before) + commonPrefixLength(quote.suffix, after);
}

export function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

export function commonSuffixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/**
 * Prefix and suffix of up to `context` code units around [start, end), never cutting an
 * emoji or other astral character in half: a lone surrogate cannot be stored as UTF-8.
 */
export function contextAround(text: string, start: number, end: number, context = SELECTOR_CONTEXT): { prefix: string; suffix: string } {
  let from = Math.max(0, start - context);
  if (splitsSurrogatePair(text, from)) from++;
  let to = Math.min(text.length, end + context);
  if (splitsSurrogatePair(text, to)) to--;
  return { prefix: text.slice(from, start), suffix: text.slice(end, to) };
}

/** True when `index` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return false;
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
