/**
 * Content that runs past the cue's sentence: `X said:` at the end of a paragraph
 * introduces the next paragraph, and `"A," Lima said. "B."` continues the quote
 * in the following all-quote sentences of the same paragraph.
 */
import type { Doc } from "./document";
import type { Frame } from "./frames";

function isPureQuoteSentence(doc: Doc, si: number): boolean {
  const s = doc.sentences[si];
  if (!s) return false;
  const q = doc.inQuote[s.first] ?? -1;
  const quote = q >= 0 ? doc.quotes[q] : undefined;
  if (!quote || quote.openTok !== s.first) return false;
  for (let t = quote.closeTok + 1; t <= s.last; t++) {
    const tok = doc.tokens[t];
    if (!tok || tok.kind !== "punct") return false;
  }
  return true;
}

export function extendAcrossSentences(doc: Doc, frames: Frame[]): void {
  // Following all-quote sentences per sentence, computed once (many frames may share a sentence).
  const followers = new Map<number, Array<[number, number]>>();
  const quotesAfter = (si0: number, paragraph: number): Array<[number, number]> => {
    let list = followers.get(si0);
    if (list) return list;
    list = [];
    for (let si = si0 + 1; doc.sentences[si]?.paragraph === paragraph && isPureQuoteSentence(doc, si); si++) {
      const n = doc.sentences[si];
      if (n) list.push([n.first, n.last]);
    }
    followers.set(si0, list);
    return list;
  };
  for (const f of frames) {
    const s = doc.sentences[f.sentence];
    if (!s) continue;
    if (f.pattern === "colon" && f.content.length === 0 && f.contentFrom > s.last) {
      const next = doc.sentences[f.sentence + 1];
      if (!next || next.paragraph !== s.paragraph + 1) continue;
      let last = next.last;
      for (let si = f.sentence + 2; doc.sentences[si]?.paragraph === next.paragraph; si++) last = doc.sentences[si]?.last ?? last;
      f.content.push([next.first, last]);
      continue;
    }
    const lastRange = f.content[f.content.length - 1];
    if (!lastRange || (doc.inQuote[lastRange[1]] ?? -1) < 0 && (doc.inQuote[lastRange[0]] ?? -1) < 0) continue;
    for (const r of quotesAfter(f.sentence, s.paragraph)) f.content.push(r);
  }
}
