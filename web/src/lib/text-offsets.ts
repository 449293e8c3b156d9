/** Offsets into an article's text, in UTF-16 code units (JavaScript string indexes) as the API uses. */
export interface TextSelection {
  start: number;
  end: number;
  exact: string;
}

/** Drops white space at both ends, as a quote never starts or ends with it. */
export function trimmed(text: string, start: number, end: number): TextSelection | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (s >= e) return null;
  return { start: s, end: e, exact: text.slice(s, e) };
}

/** Where `needle` occurs in `text` closest to `near` (for locating a cue word), or null. */
export function nearestOccurrence(text: string, needle: string, near: number): { start: number; end: number } | null {
  if (!needle) return null;
  let best: number | null = null;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
    if (best === null || Math.abs(i - near) < Math.abs(best - near)) best = i;
  }
  return best === null ? null : { start: best, end: best + needle.length };
}
