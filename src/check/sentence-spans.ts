/**
 * Sentence spans of a draft, in UTF-16 offsets (as JavaScript strings and CMS editors
 * count). Deliberately simple and fast: a boundary is a ., ! or ? (with any closing quotes
 * or brackets) followed by white space and a capital, digit or opening quote, unless the
 * word before is a known abbreviation or an initial; a line break always ends a sentence.
 */
export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "col", "lt", "sgt", "capt", "vs", "etc", "no", "inc", "ltd", "co", "corp",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m",
]);

const CLOSERS = "\"'”’»)]";
const OPENERS = "\"'“‘«([";

function endsWithAbbreviation(text: string, dot: number): boolean {
  let i = dot - 1;
  while (i >= 0 && /[\p{L}.]/u.test(text[i] ?? "")) i--;
  const word = text.slice(i + 1, dot).toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // A single capital letter: an initial ("George W. Bush").
  return /^\p{Lu}$/u.test(text.slice(i + 1, dot));
}

export function splitSentenceSpans(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s] ?? "")) s++;
    while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
    if (e > s) spans.push({ start: s, end: e, text: text.slice(s, e) });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === "\n") {
      push(i);
      start = i + 1;
      continue;
    }
    if (ch !== "." && ch !== "!" && ch !== "?" && ch !== "…") continue;
    let j = i + 1;
    while (j < text.length && CLOSERS.includes(text[j] ?? "")) j++;
    if (j < text.length && !/[ \t\u00a0]/.test(text[j] ?? "")) continue;
    let k = j;
    while (k < text.length && /[ \t\u00a0]/.test(text[k] ?? "")) k++;
    const next = text[k] ?? "";
    if (k < text.length && next !== "\n" && !/[\p{Lu}\p{N}]/u.test(next) && !OPENERS.includes(next)) continue;
    if (ch === "." && k < text.length && next !== "\n" && endsWithAbbreviation(text, i)) {
      // "Jan. 21" never ends a sentence; "U.S. President" usually does not either.
      continue;
    }
    push(j);
    start = j;
  }
  push(text.length);
  return spans;
}
