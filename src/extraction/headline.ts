/**
 * Headline-style attribution: `Putin: Russia Is Ready to Talk` — a bare name, a
 * colon, then what the person said. Only capitalised names count (not "Update:"
 * or "WATCH:"), so ordinary colons ("The lesson is simple: …") are left alone, and so
 * are inverted cues ("Continued Lima: …"). An outlet's headline ("NY Daily News: …")
 * stays an attribution to the outlet, as PolNeAR-style annotation has it.
 */
import type { Doc } from "./document";
import type { Frame } from "./frames";
import type { Sentence } from "./sentences";
import { TITLE_ABBREVIATIONS } from "./lexicon/abbreviations";
import { CUE_FORMS } from "./lexicon/cue-index";
import { CLAUSE_WORDS, DETERMINERS, PREPOSITIONS, SUBJECT_PRONOUNS } from "./lexicon/words";

const LABELS = new Set([
  "update", "updated", "watch", "exclusive", "breaking", "video", "videos", "poll", "polls", "report",
  "note", "live", "photos", "photo", "analysis", "opinion", "editorial", "flashback", "watch", "listen",
  "read", "latest", "review", "transcript", "timeline", "sources", "source", "correction", "editor's",
  "related", "see", "also", "example", "warning", "question", "answer", "q", "a",
]);
const MAX_NAME_TOKENS = 5;

export function headlineColon(doc: Doc, s: Sentence, si: number): Frame | null {
  let start = s.first;
  // "EXCLUSIVE – Roger Stone: …", "WATCH — Lima: …": a label and a dash open the line.
  if (LABELS.has(doc.tokens[start]?.lower ?? "") && /^[–—-]$/.test(doc.tokens[start + 1]?.lower ?? "")) start += 2;
  let t = start;
  while (t <= s.last && t - start < MAX_NAME_TOKENS) {
    const tok = doc.tokens[t];
    if (tok?.lower === "." && TITLE_ABBREVIATIONS.has(doc.tokens[t - 1]?.lower ?? "")) {
      t++; // "Dr. Ana Lima:"
      continue;
    }
    if (!tok || tok.kind !== "word" || !tok.cap || doc.inQuote[t] !== -1) break;
    const l = tok.lower;
    if (DETERMINERS.has(l) || CLAUSE_WORDS.has(l) || PREPOSITIONS.has(l) || SUBJECT_PRONOUNS.has(l) || LABELS.has(l)) return null;
    // "Lima on Taxes: …", "Lima at Rally: …": the name with the topic or occasion.
    const prep = doc.tokens[t + 1];
    const after = doc.tokens[t + 2];
    if (prep && !prep.cap && (prep.lower === "on" || prep.lower === "at") && after?.kind === "word" && after.cap && !DETERMINERS.has(after.lower) && doc.inQuote[t + 2] === -1) {
      let k = t + 2;
      while (k <= s.last && k - (t + 2) < 3 && doc.tokens[k]?.kind === "word" && doc.tokens[k]?.cap && doc.inQuote[k] === -1) k++;
      if (doc.tokens[k]?.lower === ":") {
        t = k;
        break;
      }
    }
    // "Continued Stone: …", "Added Lima: …": an inverted cue, left to the cue finder.
    if (t === start && CUE_FORMS.get(l)?.form === "past") return null;
    t++;
  }
  const colon = doc.tokens[t];
  if (t === start || !colon || colon.lower !== ":") return null;
  // The content must say something: "Lima: 1,204." is a table row, not a quotation.
  let words = 0;
  for (let k = t + 1; k <= s.last; k++) if (doc.tokens[k]?.kind === "word") words++;
  if (words < 3) return null;
  return {
    cue: { first: t, last: t, head: t, kind: "colon", lemma: ":", act: "asserts", strength: "speech", form: "base", hasAux: false, passive: false, particle: null },
    source: { first: start, last: t - 1, pronoun: false, named: true },
    sourceFirst: start,
    sourceLast: t - 1,
    pattern: "headline-colon",
    content: [],
    contentFrom: t + 1,
    barrier: -1,
    sentence: si,
  };
}
