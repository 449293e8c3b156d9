/**
 * Quotation scanning. Pairs opening and closing marks of several styles
 * (straight "…", curly “…”, single '…' / ‘…’, guillemets «…» and »…«, German „…“)
 * inside one paragraph, in one linear pass per quote family.
 *
 * Direction of ambiguous marks (" ' ») comes from "flanking", as in CommonMark: a
 * mark followed by a non-blank and preceded by a blank or opening punctuation opens;
 * one preceded by a non-blank closes. A double quote still open at the end of a
 * paragraph runs to that end: news copy leaves multi-paragraph quotes open at each
 * paragraph break. Single quotes are only paired, never left open, because ’ is also
 * the apostrophe of "players’ union".
 */
import type { Token } from "./tokenize";
import { isDoubleQuote } from "./chars";

export interface QuoteSpan {
  /** Token index of the opening mark. */
  openTok: number;
  /** Token index of the closing mark, or of the last token of the paragraph when unclosed. */
  closeTok: number;
  start: number;
  end: number;
  closed: boolean;
}

/** Longest single-quoted stretch we accept; longer pairings are almost always apostrophes. */
const MAX_SINGLE_QUOTE_CHARS = 400;

function blankOrOpener(c: number): boolean {
  // NaN (outside the string) counts as blank.
  return !(c > 0x20) || c === 0xa0 || c === 0x28 || c === 0x5b || c === 0x7b || c === 0x2014 || c === 0x2013 || c === 0x2d || c === 0x2f || c === 0x3a;
}

function blankOrCloser(c: number): boolean {
  return (
    !(c > 0x20) ||
    c === 0xa0 ||
    c === 0x2e || c === 0x2c || c === 0x3b || c === 0x3a || c === 0x21 || c === 0x3f ||
    c === 0x29 || c === 0x5d || c === 0x7d || c === 0x2014 || c === 0x2013 || c === 0x2d ||
    c === 0x2026 || c === 0x2019 || c === 0x201d || c === 0x22 || c === 0x27
  );
}

interface Role {
  open: boolean;
  close: boolean;
}

function roleOf(text: string, pos: number): Role {
  const c = text.charCodeAt(pos);
  const before = text.charCodeAt(pos - 1);
  const after = text.charCodeAt(pos + 1);
  const left = blankOrOpener(before) && !(after <= 0x20 || Number.isNaN(after)); // can open
  const right = !blankOrOpener(before) || blankOrCloser(after); // can close
  switch (c) {
    case 0x201c: // “ opens; closes only German-style („…“) when clearly right-flanking
    case 0x2018:
      return { open: true, close: right && !left };
    case 0x201d: // ”
    case 0x2019:
      return { open: left && !right, close: true };
    case 0x201e: // „ and ‚ only open
    case 0x201a:
    case 0x201f:
    case 0x201b:
      return { open: true, close: false };
    case 0xab: // «  (closes in German »…« style)
    case 0x2039:
      return { open: left || !right, close: right && !left };
    case 0xbb: // »
    case 0x203a:
      return { open: left && !right, close: right || !left };
    default: // straight " and '
      return { open: left, close: right };
  }
}

/** Finds quotation spans, sorted by start; spans never overlap. */
export function scanQuotes(text: string, tokens: Token[]): QuoteSpan[] {
  const doubles = pairFamily(text, tokens, true, null);
  const inDouble = new Uint8Array(tokens.length);
  for (const q of doubles) for (let t = q.openTok; t <= q.closeTok; t++) inDouble[t] = 1;
  // A single-quoted stretch that swallows a double quote is a mis-paired apostrophe.
  const singles = pairFamily(text, tokens, false, inDouble).filter((q) => {
    for (let t = q.openTok; t <= q.closeTok; t++) if (inDouble[t]) return false;
    return true;
  });
  const all = doubles.concat(singles);
  all.sort((a, b) => a.start - b.start);
  return all;
}

function pairFamily(text: string, tokens: Token[], double: boolean, skip: Uint8Array | null): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let open = -1;
  const closeOpen = (lastTok: number): void => {
    const o = tokens[open];
    const l = tokens[lastTok];
    if (double && o && l && lastTok > open) {
      out.push({ openTok: open, closeTok: lastTok, start: o.start, end: l.end, closed: false });
    }
    open = -1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (!tok) continue;
    if (tok.kind === "para") {
      if (open >= 0) closeOpen(i - 1);
      continue;
    }
    if (tok.kind !== "quote" || (skip && skip[i])) continue;
    const c = text.charCodeAt(tok.start);
    if (isDoubleQuote(c) !== double) continue;
    const role = roleOf(text, tok.start);
    const o = open >= 0 ? tokens[open] : undefined;
    if (o && role.close) {
      if (double || tok.end - o.start <= MAX_SINGLE_QUOTE_CHARS) {
        out.push({ openTok: open, closeTok: i, start: o.start, end: tok.end, closed: true });
        open = -1;
        continue;
      }
      open = -1;
    }
    if (role.open) open = i;
  }
  if (open >= 0) closeOpen(tokens.length - 1);
  return out;
}

/** Maps every token to the index of the quote containing it (marks included), or -1. */
export function quoteIndexByToken(tokenCount: number, quotes: QuoteSpan[]): Int32Array {
  const idx = new Int32Array(tokenCount).fill(-1);
  quotes.forEach((q, qi) => {
    for (let t = q.openTok; t <= q.closeTok; t++) if (idx[t] === -1) idx[t] = qi;
  });
  return idx;
}
