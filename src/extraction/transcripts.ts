/**
 * Interview transcripts quoted in articles: a paragraph opening with a speaker label in
 * capitals and a colon ("HOST: …", "JANE DOE: …") is one turn of that speaker. The turn's
 * content runs to the end of the paragraph (and on through unlabelled paragraphs when the
 * transcript continues after them), and the cues inside it ("I think …", "they want …") are
 * the speaker's own words, not attributions of their own.
 */
import type { Cue } from "./cue-finder";
import type { Doc } from "./document";
import type { Frame } from "./frames";

/** Longest speaker label, in tokens ("SEN. JANE DOE"). */
const MAX_LABEL_TOKENS = 5;
/** How many unlabelled paragraphs a turn may run on for. */
const MAX_EXTRA_PARAGRAPHS = 3;

function isCapsWord(doc: Doc, t: number): boolean {
  const tok = doc.tokens[t];
  if (!tok || tok.kind !== "word") return false;
  const raw = doc.text.slice(tok.start, tok.end);
  return raw.length > 1 && /[A-Z]/.test(raw) && raw === raw.toUpperCase();
}

/** Colon token ending a speaker label that opens the sentence at `first`, or -1. */
function labelColon(doc: Doc, first: number): number {
  let words = 0;
  for (let t = first; t < first + MAX_LABEL_TOKENS + 1; t++) {
    const tok = doc.tokens[t];
    if (!tok) return -1;
    if (tok.lower === ":") return words > 0 ? t : -1;
    if (isCapsWord(doc, t)) words++;
    else if (!(tok.lower === "." && words > 0)) return -1;
  }
  return -1;
}

interface Paragraph {
  first: number;
  last: number;
}

function paragraphs(doc: Doc): Paragraph[] {
  const out: Paragraph[] = [];
  for (const s of doc.sentences) {
    const p = out[s.paragraph];
    if (p) p.last = s.last;
    else out[s.paragraph] = { first: s.first, last: s.last };
  }
  return out;
}

/** Rewrites turn frames' contents and drops the frames inside turns. Linear in frames + paragraphs. */
export function transcriptTurns(doc: Doc, frames: Frame[]): Frame[] {
  const paras = paragraphs(doc);
  const labelled = paras.map((p) => (p ? labelColon(doc, p.first) : -1));
  // A transcript has at least two labelled paragraphs.
  if (labelled.filter((c) => c >= 0).length < 2) return frames;
  const turns: Array<[number, number]> = [];
  const added: Frame[] = [];
  const byColon = new Map<number, Frame>();
  for (const f of frames) if (f.pattern === "colon" || f.pattern === "headline-colon") byColon.set(f.cue.first, f);
  for (let pi = 0; pi < paras.length; pi++) {
    const colon = labelled[pi] ?? -1;
    const p = paras[pi];
    if (colon < 0 || !p) continue;
    let last = p.last;
    // Run on through unlabelled paragraphs only when a later labelled one continues the transcript.
    for (let k = 1; k <= MAX_EXTRA_PARAGRAPHS; k++) {
      const next = paras[pi + k];
      if (!next || (labelled[pi + k] ?? -1) >= 0 || doc.tokens[next.first]?.lower === "(") break;
      let continues = false;
      for (let j = pi + k + 1; j <= pi + k + MAX_EXTRA_PARAGRAPHS && j < paras.length; j++) if ((labelled[j] ?? -1) >= 0) continues = true;
      if (!continues) break;
      last = next.last;
    }
    if (colon + 1 > last) continue;
    turns.push([colon + 1, last]);
    const f = byColon.get(colon);
    if (f) {
      f.content = [[colon + 1, last]];
      f.contentFrom = -1;
    } else {
      added.push(turnFrame(doc, p.first, colon, last));
    }
  }
  if (turns.length === 0) return frames;
  // Turns are sorted and disjoint: binary search keeps this linear-logarithmic.
  const inside = (t: number): boolean => {
    let lo = 0;
    let hi = turns.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [a, b] = turns[mid] ?? [0, -1];
      if (t < a) hi = mid - 1;
      else if (t > b) lo = mid + 1;
      else return true;
    }
    return false;
  };
  return [...frames.filter((f) => !inside(f.cue.first)), ...added].sort((a, b) => a.cue.first - b.cue.first);
}

/** A turn no colon frame was built for ("HOST: Thank you."). */
function turnFrame(doc: Doc, first: number, colon: number, last: number): Frame {
  const cue: Cue = { first: colon, last: colon, head: colon, kind: "colon", lemma: ":", act: "asserts", strength: "speech", form: "base", hasAux: false, passive: false, particle: null };
  return {
    cue, source: { first, last: colon - 1, pronoun: false, named: true }, sourceFirst: first, sourceLast: colon - 1, pattern: "colon",
    content: [[colon + 1, last]], contentFrom: -1, barrier: -1, sentence: doc.sentenceOf[colon] ?? 0,
  };
}
