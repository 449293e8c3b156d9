/**
 * Final span-boundary conventions, applied to finished proposals (after speakers are
 * resolved and chains built, so nothing downstream re-reads the text of a span):
 *   - a cue directly followed by a colon that introduces what was said takes the colon
 *     ("she replied: …", "the statement read: …");
 *   - a cue does not start with the sequencing adverb "then" ("She then said …"), which
 *     the corpora leave outside the cue, unlike "also", "later" or auxiliaries;
 *   - a preposed speaker with an appositive ends with the appositive's closing
 *     punctuation ("Ana Ruiz, a nurse from Leeds, said …", "the mayor — a former
 *     judge — said …"), the way attribution corpora mark the source phrase;
 *   - a preposed speaker keeps a time word that sits between it and its cue ("a poll
 *     released Sunday found …") and a sentence-initial limiting word that the noun
 *     phrase scan stops at ("At least half of the voters said …", "Only a third of …").
 * These only move a span edge over punctuation or a word or two of the same phrase, so
 * they never change which claim the proposal attributes.
 */
import type { AttributionProposal, Span } from "./types";

const DASHES = ["–", "—"];

function cueWithoutThen(text: string, cue: Span): Span {
  const m = /^then\s+(?=\S)/i.exec(cue.text);
  if (!m) return cue;
  const start = cue.start + m[0].length;
  return { start, end: cue.end, text: text.slice(start, cue.end) };
}

function cueWithColon(text: string, cue: Span): Span {
  if (text[cue.end] !== ":" || cue.text.endsWith(":")) return cue;
  // "at 10:30": a colon between digits is part of a time, not an introducer.
  if (/\d$/.test(cue.text) && /\d/.test(text[cue.end + 1] ?? "")) return cue;
  return { start: cue.start, end: cue.end + 1, text: text.slice(cue.start, cue.end + 1) };
}

function sourceWithClosingPunct(text: string, source: Span, cue: Span | null): Span {
  // Only a speaker before its cue: after the cue ("said Ana Ruiz, a nurse,") the comma ends the clause.
  if (!cue || source.end > cue.start) return source;
  const next = text[source.end] ?? "";
  if (next === "," && /\S,\s+\S/.test(source.text)) {
    return { start: source.start, end: source.end + 1, text: text.slice(source.start, source.end + 1) };
  }
  for (const d of DASHES) {
    if (!source.text.includes(d)) continue;
    const m = text.slice(source.end, source.end + 2);
    const len = m === ` ${d}` ? 2 : m.startsWith(d) ? 1 : 0;
    if (len > 0 && source.end + len <= cue.start) {
      return { start: source.start, end: source.end + len, text: text.slice(source.start, source.end + len) };
    }
  }
  return source;
}

const TIME_AFTER = /^\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=,?\s)/;
const LIMITER_BEFORE = /(?:^|[.!?:;”"]\s+|\n\s*)(Only|Less than|More than|Fewer than|At) $/;

function sourceWithTimeAndLimiter(text: string, source: Span, cue: Span | null): Span {
  if (!cue || source.end > cue.start) return source;
  let { start, end } = source;
  const time = TIME_AFTER.exec(text.slice(end, cue.start));
  // Only when nothing but the time word (and a comma) separates the speaker from its cue.
  if (time && /^,?\s*$/.test(text.slice(end + time[0].length, cue.start))) end += time[0].length;
  const lim = LIMITER_BEFORE.exec(text.slice(Math.max(0, start - 40), start));
  if (lim?.[1] && (lim[1] !== "At" || /^least\b/.test(source.text))) start -= lim[1].length + 1;
  if (start === source.start && end === source.end) return source;
  return { start, end, text: text.slice(start, end) };
}

/** Applies the boundary conventions to a proposal and its outermost chain link, in place. */
export function finishBoundaries(text: string, p: AttributionProposal): void {
  const oldSource = p.source;
  const oldCue = p.cue;
  const cue = oldCue ? cueWithColon(text, cueWithoutThen(text, oldCue)) : null;
  const source = oldSource ? sourceWithClosingPunct(text, sourceWithTimeAndLimiter(text, oldSource, cue), cue) : null;
  if (cue === oldCue && source === oldSource) return;
  p.cue = cue;
  p.source = source;
  for (const link of p.chain) {
    if (link.cue === oldCue) link.cue = cue;
    if (link.source === oldSource) link.source = source;
  }
}
