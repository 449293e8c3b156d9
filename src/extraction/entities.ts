/**
 * Named entities seen so far in the text, for pronoun and description resolution.
 * Mentions of one entity are merged by shared name words ("Chinese President Xi
 * Jinping" … "Xi"; "Russian President Vladimir Putin" … "Putin"), collecting their
 * descriptive words ("chinese", "president") and what we learn of gender and kind.
 */
import { foldKey } from "./chars";
import type { Doc } from "./document";
import { spanOf } from "./document";
import { TITLE_ABBREVIATIONS } from "./lexicon/abbreviations";
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from "./lexicon/first-names";
import { CLAUSE_WORDS, COLLECTIVE_NOUNS, DETERMINERS, FEMALE_WORDS, MALE_WORDS, PREPOSITIONS, ROLE_NOUNS, SUBJECT_PRONOUNS } from "./lexicon/words";
import type { Span } from "./types";

export interface Entity {
  names: Set<string>;
  descriptors: Set<string>;
  gender: "m" | "f" | "x";
  person: boolean;
  collective: boolean;
  speaker: boolean;
  lastSpan: Span;
  lastPos: number;
}

/** Person roles (subset of role nouns) that make an entity a person. */
const PERSON_ROLES = new Set(["president", "senator", "governor", "mayor", "candidate", "nominee", "minister",
  "premier", "chancellor", "secretary", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy",
  "chairman", "chairwoman", "director", "adviser", "advisor", "aide", "strategist", "pollster", "judge",
  "congressman", "congresswoman", "representative", "leader", "founder", "ceo", "host", "reporter", "mr", "mrs",
  "ms", "dr", "sen", "rep", "gov", "gen", "king", "queen", "prince", "pope", "frontrunner", "businessman"]);

function isAcronym(raw: string): boolean {
  return raw.length >= 2 && raw.length <= 6 && /^[A-Z.&]+$/.test(raw);
}

/**
 * Resolution only looks this far back: enough for news prose, and it keeps lookups
 * constant-time on adversarial input with thousands of names.
 */
const RECENT_ENTITIES = 64;

export class EntityTracker {
  /** Most recently mentioned last. */
  private readonly recent: Entity[] = [];
  /** Name word → entity, for merging mentions of one entity. */
  private readonly byName = new Map<string, Entity>();

  /** Records a named mention (tokens first..last). Returns its entity, or null if it names nobody. */
  observe(doc: Doc, first: number, last: number, speaker: boolean): Entity | null {
    const names: string[] = [];
    const descriptors: string[] = [];
    let gender: Entity["gender"] = "x";
    let person = false;
    let collective = false;
    let headRaw = "";
    for (let t = first; t <= last; t++) {
      const tok = doc.tokens[t];
      if (!tok || tok.kind !== "word") continue;
      const key = foldKey(doc.text.slice(tok.start, tok.end)).replace(/'s$/, "");
      const raw = doc.text.slice(tok.start, tok.end);
      descriptors.push(key);
      headRaw = raw;
      if (MALE_WORDS.has(key)) gender = "m";
      if (FEMALE_WORDS.has(key)) gender = "f";
      if (PERSON_ROLES.has(key)) person = true;
      if (!tok.cap || ROLE_NOUNS.has(key) || TITLE_ABBREVIATIONS.has(key) || DETERMINERS.has(key) || CLAUSE_WORDS.has(key) || PREPOSITIONS.has(key) || SUBJECT_PRONOUNS.has(key)) continue;
      names.push(key);
    }
    const head = descriptors[descriptors.length - 1] ?? "";
    if (COLLECTIVE_NOUNS.has(head) || isAcronym(headRaw.replace(/'s$|’s$/, ""))) collective = true;
    if (names.length === 0) return null;
    if (names.length >= 2 && !collective) person = true;
    // A given name before the surname: "Maria Lopez" → she, "Tom Reed" → he.
    const given = names.length >= 2 ? names[names.length - 2] ?? "" : "";
    if (gender === "x" && MALE_FIRST_NAMES.has(given)) gender = "m";
    if (gender === "x" && FEMALE_FIRST_NAMES.has(given)) gender = "f";
    const span = spanOf(doc, first, last);
    if (!span) return null;
    const surname = names[names.length - 1] ?? "";
    let e = this.byName.get(surname);
    if (!e || e.collective !== collective) {
      e = { names: new Set(), descriptors: new Set(), gender: "x", person: false, collective, speaker: false, lastSpan: span, lastPos: 0 };
    }
    for (const n of names) {
      e.names.add(n);
      if (!this.byName.has(n) || n === surname) this.byName.set(n, e);
    }
    const at = this.recent.indexOf(e);
    if (at >= 0) this.recent.splice(at, 1);
    this.recent.push(e);
    if (this.recent.length > RECENT_ENTITIES) this.recent.shift();
    for (const d of descriptors) e.descriptors.add(d);
    if (gender !== "x") e.gender = gender;
    e.person ||= person;
    e.speaker ||= speaker;
    e.lastSpan = span;
    e.lastPos = span.start;
    return e;
  }

  /** Most recent entity satisfying `ok`, preferring speakers. */
  find(ok: (e: Entity) => boolean, speakersFirst = false): Entity | undefined {
    let best: Entity | undefined;
    let bestSpeaker: Entity | undefined;
    for (const e of this.recent) {
      if (!ok(e)) continue;
      if (!best || e.lastPos > best.lastPos) best = e;
      if (e.speaker && (!bestSpeaker || e.lastPos > bestSpeaker.lastPos)) bestSpeaker = e;
    }
    return speakersFirst ? (bestSpeaker ?? best) : best;
  }
}
