/**
 * Speaker resolution, in text order: pronouns ("he", "she", "they", "who") and
 * definite descriptions ("the Chinese president") resolve to the last compatible
 * named speaker (falling back to any named entity), with its latest named mention as
 * the antecedent span; mentions and antecedents are then matched to known sources.
 */
import { foldKey } from "./chars";
import type { Doc } from "./document";
import { EntityTracker, type Entity } from "./entities";
import type { Frame } from "./frames";
import type { SourceMatcher } from "./known-sources";
import { TITLE_ABBREVIATIONS } from "./lexicon/abbreviations";
import { ROLE_NOUNS } from "./lexicon/words";
import { isNameWord } from "./mentions";
import type { AttributionProposal, Span } from "./types";

interface Resolution {
  antecedent?: Span;
  resolvedSourceId?: string;
}

type Event = { pos: number; first: number; last: number; frame?: Frame };

/** Runs of capitalised words outside quotations: candidate antecedents. */
function nameRuns(doc: Doc): Event[] {
  const runs: Event[] = [];
  let start = -1;
  for (let t = 0; t <= doc.tokens.length; t++) {
    const ok = t < doc.tokens.length && doc.inQuote[t] === -1 && (isNameWord(doc, t) || (start >= 0 && doc.tokens[t]?.lower === "." && TITLE_ABBREVIATIONS.has(doc.tokens[t - 1]?.lower ?? "")));
    if (ok && start < 0) start = t;
    if (!ok && start >= 0) {
      runs.push({ pos: doc.tokens[start]?.start ?? 0, first: start, last: t - 1 });
      start = -1;
    }
  }
  return runs;
}

function resolvePronoun(doc: Doc, tracker: EntityTracker, t: number): Entity | undefined {
  const p = doc.tokens[t]?.lower ?? "";
  if (p === "he" || p === "she") {
    const g = p === "he" ? "m" : "f";
    const fits = (x: Entity): boolean => x.gender === "x" || x.gender === g;
    // Prefer known persons; a bare surname ("Souza") is a person we have not been told about.
    const e = tracker.find((x) => x.person && fits(x), true) ?? tracker.find((x) => !x.collective && fits(x) && x.speaker, true);
    if (e) e.gender = g; // learn: later "she" will not pick this entity
    return e;
  }
  if (p === "they") return tracker.find((x) => x.collective || !x.person, true);
  if (p === "it") return tracker.find((x) => x.collective && !x.person, true);
  if (p === "who") return tracker.find(() => true); // relative: nearest name, not nearest speaker
  return undefined; // I, we, you: the writer or reader
}

/** "the Chinese president", "the senator": the role noun and capitalised modifiers must match. */
function resolveDescription(doc: Doc, tracker: EntityTracker, first: number, last: number): Entity | undefined {
  if (doc.tokens[first]?.lower !== "the") return undefined;
  const head = doc.tokens[last];
  if (!head || head.cap || !ROLE_NOUNS.has(head.lower)) return undefined;
  const need = [head.lower];
  for (let t = first + 1; t < last; t++) {
    const tok = doc.tokens[t];
    if (tok?.kind === "word" && tok.cap) need.push(foldKey(doc.text.slice(tok.start, tok.end)));
  }
  return tracker.find((e) => e.person && need.every((w) => e.descriptors.has(w)), true);
}

export function resolveSources(doc: Doc, drafts: Array<{ frame: Frame; proposal: AttributionProposal }>, matcher: SourceMatcher | null): void {
  const tracker = new EntityTracker();
  const events: Event[] = nameRuns(doc);
  const inSpeaker = new Uint8Array(doc.tokens.length);
  for (const d of drafts) {
    if (d.frame.source) {
      events.push({ pos: doc.tokens[d.frame.sourceFirst]?.start ?? 0, first: d.frame.sourceFirst, last: d.frame.sourceLast, frame: d.frame });
      for (let t = d.frame.sourceFirst; t <= d.frame.sourceLast; t++) inSpeaker[t] = 1;
    }
  }
  events.sort((a, b) => a.pos - b.pos);
  const done = new Map<string, Resolution>();
  for (const ev of events) {
    if (!ev.frame) {
      if (!inSpeaker[ev.first]) tracker.observe(doc, ev.first, ev.last, false);
      continue;
    }
    const key = `${ev.first}:${ev.last}`;
    if (done.has(key)) continue;
    const m = ev.frame.source;
    let entity: Entity | undefined | null;
    let antecedent: Span | undefined;
    if (m?.pronoun) entity = resolvePronoun(doc, tracker, ev.first);
    else entity = resolveDescription(doc, tracker, ev.first, ev.last);
    if (entity) antecedent = entity.lastSpan;
    else entity = tracker.observe(doc, ev.first, ev.last, true);
    const text = doc.text.slice(doc.tokens[ev.first]?.start ?? 0, doc.tokens[ev.last]?.end ?? 0);
    let resolvedSourceId = matcher?.match(text);
    if (!resolvedSourceId && entity && matcher) resolvedSourceId = matcher.match(entity.lastSpan.text) ?? matchNames(matcher, entity);
    const r: Resolution = {};
    if (antecedent) r.antecedent = antecedent;
    if (resolvedSourceId) r.resolvedSourceId = resolvedSourceId;
    done.set(key, r);
  }
  for (const d of drafts) {
    const r = d.frame.source ? done.get(`${d.frame.sourceFirst}:${d.frame.sourceLast}`) : undefined;
    if (!r) continue;
    const link = d.proposal.chain[0];
    if (r.antecedent) {
      d.proposal.antecedent = r.antecedent;
      if (link) link.antecedent = r.antecedent;
    }
    if (r.resolvedSourceId) {
      d.proposal.resolvedSourceId = r.resolvedSourceId;
      if (link) link.resolvedSourceId = r.resolvedSourceId;
    }
  }
}

function matchNames(matcher: SourceMatcher, e: Entity): string | undefined {
  for (const n of e.names) {
    const id = matcher.match(n);
    if (id) return id;
  }
  return undefined;
}
