/**
 * Linear, allocation-light tokenizer. Produces words (with internal apostrophes
 * and hyphens: "Kremlin's", "dual-use", "don't"), dotted abbreviations ("U.S.",
 * "a.m."), numbers, quote marks, other punctuation and paragraph breaks.
 */
import { APOSTROPHE_LIKE, DIGIT, LETTER, NEWLINE, QUOTE, SPACE, classify, isUpperStart } from "./chars";

export type TokenKind = "word" | "number" | "quote" | "punct" | "para";

export interface Token {
  start: number;
  end: number;
  kind: TokenKind;
  /** Lower-cased text with ’ folded to ' (lexicon keys use straight apostrophes). */
  lower: string;
  /** First character is an upper-case letter. */
  cap: boolean;
  /** Whitespace (or start of text) immediately before the token. */
  spaceBefore: boolean;
}

function isAlnum(cls: number): boolean {
  return cls === LETTER || cls === DIGIT;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  let spaceBefore = true;
  const push = (start: number, end: number, kind: TokenKind): void => {
    const raw = text.slice(start, end);
    const lower = raw.toLowerCase().replace(/\u2019/g, "'");
    tokens.push({ start, end, kind, lower, cap: kind === "word" && isUpperStart(raw), spaceBefore });
    spaceBefore = false;
  };
  while (i < n) {
    const cls = classify(text, i);
    if (cls === SPACE || cls === NEWLINE) {
      let j = i;
      let newlines = 0;
      while (j < n) {
        const c2 = classify(text, j);
        if (c2 === NEWLINE) newlines++;
        else if (c2 !== SPACE) break;
        j++;
      }
      // Any line break ends a paragraph: news copy puts one paragraph per line.
      if (newlines > 0 && tokens.length > 0) push(i, j, "para");
      spaceBefore = true;
      i = j;
      continue;
    }
    if (isAlnum(cls)) {
      i = scanWord(text, i, n, push);
      continue;
    }
    if (cls === QUOTE || cls === APOSTROPHE_LIKE) {
      push(i, i + 1, "quote");
      i++;
      continue;
    }
    // PUNCT: collapse runs of dots ("...") and of hyphens ("--") into one token.
    const c = text.charCodeAt(i);
    let j = i + 1;
    if (c === 0x2e || c === 0x2d) while (j < n && text.charCodeAt(j) === c) j++;
    else if (c >= 0xd800 && c <= 0xdbff && j < n) j++; // keep a surrogate pair together
    push(i, j, "punct");
    i = j;
  }
  return tokens;
}

function scanWord(text: string, i: number, n: number, push: (s: number, e: number, k: TokenKind) => void): number {
  const startCls = classify(text, i);
  let j = i + 1;
  while (j < n) {
    const cls = classify(text, j);
    if (isAlnum(cls)) {
      j++;
      continue;
    }
    const c = text.charCodeAt(j);
    const next = j + 1 < n ? classify(text, j + 1) : SPACE;
    const prev = classify(text, j - 1);
    if (cls === APOSTROPHE_LIKE && prev === LETTER && next === LETTER) {
      j++; // don't, Kremlin's, Lima’s
      continue;
    }
    if ((c === 0x2d || c === 0x2010 || c === 0x2011) && isAlnum(prev) && isAlnum(next)) {
      j++; // dual-use, China-Russia
      continue;
    }
    if ((c === 0x2c || c === 0x2e) && prev === DIGIT && next === DIGIT) {
      j++; // 1,000 and 3.5
      continue;
    }
    break;
  }
  // Dotted abbreviations: U.S., D.C., a.m. — single letters separated by periods.
  if (j - i === 1 && startCls === LETTER && text.charCodeAt(j) === 0x2e) {
    let k = j;
    while (k + 2 < n && text.charCodeAt(k) === 0x2e && classify(text, k + 1) === LETTER && text.charCodeAt(k + 2) === 0x2e) {
      k += 2;
    }
    if (k > j) j = k + 1;
  }
  // "he’s", "they're", "I'm": split the clitic off a pronoun so "he" can be the speaker
  // and "'s predicting" the cue. Possessives of names ("Kremlin's") stay whole.
  const apo = clitic(text, i, j);
  if (apo > 0) {
    push(i, apo, "word");
    push(apo, j, "word");
    return j;
  }
  push(i, j, startCls === DIGIT ? "number" : "word");
  return j;
}

const PRONOUN_CLITIC = /^(he|she|it|they|we|i|you|who|that|there|what)['\u2019](s|re|ve|ll|d|m)$/i;

/** Index of the apostrophe in a pronoun + clitic word, or -1. */
function clitic(text: string, i: number, j: number): number {
  if (j - i > 8 || j - i < 3) return -1;
  const w = text.slice(i, j);
  if (!PRONOUN_CLITIC.test(w)) return -1;
  return i + w.search(/['\u2019]/);
}

