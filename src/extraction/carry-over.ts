/**
 * Discourse-level reporting frames. News copy names the channel once and then keeps
 * reporting the same speaker without repeating it:
 *
 *   Xi declared …, the Kremlin's press service reported. […]
 *   In the call with Putin, Xi added that … The Chinese president stressed that …
 *
 * The later statements came through the press service too. When a proposal's chain has
 * an intermediary, later proposals by the same speaker (same name, or a pronoun /
 * description resolved to it) inherit that intermediary as a link marked
 * `carriedOver`, until the frame is interrupted:
 *   - another reporting frame starts (a proposal with its own intermediary, or a
 *     reporting cue such as "according to", "reported"),
 *   - the same speaker is given a channel of their own ("told reporters", "wrote",
 *     "tweeted", "in a statement"),
 *   - or more than {@link MAX_GAP_SENTENCES} sentences pass without a statement of that
 *     speaker.
 * Linear in the number of proposals.
 */
import { foldKey } from "./chars";
import type { Draft } from "./chain";
import { TITLE_ABBREVIATIONS } from "./lexicon/abbreviations";
import { CLAUSE_WORDS, DETERMINERS, PREPOSITIONS, ROLE_NOUNS, SUBJECT_PRONOUNS } from "./lexicon/words";
import type { AttributionProposal, ChainLink, Span } from "./types";

/** A frame lapses after this many sentences without a statement of its speaker. */
export const MAX_GAP_SENTENCES = 6;

/** Cues that give the speaker a channel of their own, so an earlier reporter no longer applies. */
const CHANNEL_CUE = /\b(tell|tells|told|telling|write|writes|wrote|written|writing|(re)?tweet\w*|post\w*|e-?mail\w*|texted|testif\w*|statement|interview|letter|press conference|news conference|briefing|op-ed|memo|speech)\b/i;

/**
 * Name keys of a mention: its capitalised words after the last title or role noun
 * ("Chinese President Xi Jinping" → xi, jinping; "Sen. Ana Lima's" → ana, lima).
 */
export function nameKeys(text: string): string[] {
  const words = text.split(/[^\p{L}\p{N}'’.-]+/u).filter(Boolean);
  let keys: string[] = [];
  for (const raw of words) {
    const w = foldKey(raw).replace(/['’]s$/, "").replace(/\.$/, "");
    if (ROLE_NOUNS.has(w) || TITLE_ABBREVIATIONS.has(w)) {
      keys = [];
      continue;
    }
    const cap = /^\p{Lu}/u.test(raw);
    if (!cap || w.length < 2 || DETERMINERS.has(w) || CLAUSE_WORDS.has(w) || PREPOSITIONS.has(w) || SUBJECT_PRONOUNS.has(w)) continue;
    keys.push(w);
  }
  return keys;
}

function speakerKeys(p: AttributionProposal): Set<string> {
  const keys = new Set<string>();
  for (const span of [p.source, p.antecedent]) if (span) for (const k of nameKeys(span.text)) keys.add(k);
  return keys;
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/** The whole attribution ("Xi added that …") as the reported passage of a carried link. */
function wholeSpan(text: string, p: AttributionProposal): Span[] {
  const spans = [p.source, p.cue, ...p.content].filter((s): s is Span => s !== null);
  if (spans.length === 0) return [];
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  return [{ start, end, text: text.slice(start, end) }];
}

interface OpenFrame {
  keys: Set<string>;
  links: ChainLink[];
  lastSentence: number;
}

function startsFrame(p: AttributionProposal): boolean {
  return p.chain.length > 1 || p.pattern === "according-to" || p.speechAct === "reports";
}

function ownChannel(p: AttributionProposal): boolean {
  return CHANNEL_CUE.test(p.cue?.text ?? "");
}

/** Drafts in text order; appends carried-over intermediaries in place. */
export function carryOverFrames(text: string, drafts: Draft[]): void {
  let frame: OpenFrame | null = null;
  for (const d of drafts) {
    const p = d.proposal;
    if (frame && d.sentence - frame.lastSentence > MAX_GAP_SENTENCES) frame = null;
    if (p.chain.length > 1) {
      // A reporter stated in this sentence: it opens (or replaces) the frame.
      const keys = speakerKeys(p);
      frame = keys.size > 0 ? { keys, links: p.chain.slice(1), lastSentence: d.sentence } : null;
      continue;
    }
    if (startsFrame(p)) {
      frame = null;
      continue;
    }
    if (!frame || !p.source) continue;
    const keys = speakerKeys(p);
    if (!overlaps(keys, frame.keys)) continue;
    if (ownChannel(p)) {
      frame = null;
      continue;
    }
    if (d.sentence === frame.lastSentence) continue; // same sentence: nesting (chain.ts) decides
    const content = wholeSpan(text, p);
    for (const l of frame.links) p.chain.push({ ...l, content, carriedOver: true });
    frame.lastSentence = d.sentence;
  }
}
