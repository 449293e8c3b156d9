/**
 * Cues that are not a reporting verb on their own: nouns of saying ("his claim that",
 * "Lima's comments on", "took a swipe at", "made the case for", "issued a statement
 * saying") and adjectives of stance after a copula ("is critical of", "are skeptical
 * that"). General English news vocabulary (cf. the nominal and adjectival cue classes
 * of attribution annotation guidelines), not words from any evaluation corpus.
 */
import type { CueStrength } from "./cues";
import type { SpeechAct } from "../types";

export interface NounCue {
  lemma: string;
  act: SpeechAct;
  strength: CueStrength;
}

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

function nouns(act: SpeechAct, strength: CueStrength, words: string, into: Map<string, NounCue>): void {
  for (const w of words.split(/\s+/)) {
    if (!w) continue;
    const [sing, plural] = w.split("/");
    if (!sing) continue;
    const entry = { lemma: sing, act, strength };
    into.set(sing, entry);
    into.set(plural ?? (sing.endsWith("s") || sing.endsWith("sh") || sing.endsWith("ch") ? `${sing}es` : `${sing}s`), entry);
  }
}

function build(): Map<string, NounCue> {
  const m = new Map<string, NounCue>();
  nouns("asserts", "speech", `statement comment remark claim assertion argument observation announcement appeal plea
    demand request suggestion proposal recommendation admission acknowledgment acknowledgement confession
    message explanation answer response reply testimony apology defense defence contention insistence
    declaration reminder call case point speech address interview tweet question mention reference allusion nod`, m);
  nouns("asserts", "belief", `view belief opinion position stance hope/hopes fear concern doubt assessment conclusion`, m);
  nouns("accuses", "speech", `criticism critique attack swipe shot jab dig broadside tirade accusation allegation
    condemnation denunciation rebuke complaint/complaints issue/issues`, m);
  // "took aim at": its own lemma, since the verb "aim" takes an infinitive ("aims to").
  m.set("aim", { lemma: "take aim", act: "accuses", strength: "speech" });
  nouns("characterises", "speech", `praise tribute endorsement description characterization characterisation`, m);
  nouns("characterises", "belief", `support`, m);
  // Intentions of the possessor ("his refusal to", "her plan to", "their embrace of").
  nouns("promises", "belief", `refusal plan intention embrace`, m);
  nouns("denies", "speech", `denial rejection rebuttal`, m);
  nouns("promises", "speech", `promise pledge vow commitment guarantee assurance threat`, m);
  nouns("predicts", "speech", `prediction forecast warning projection`, m);
  return m;
}

function attitudes(): Map<string, NounCue> {
  const m = new Map<string, NounCue>();
  nouns("asserts", "belief", `frustration anger outrage disappointment dismay displeasure satisfaction optimism pessimism
    enthusiasm gratitude sympathy solidarity regret skepticism scepticism reservation misgiving alarm unease
    opposition approval disapproval confidence`, m);
  return m;
}

/**
 * Attitudes that are cues only as the object of a verb of expressing ("expressed frustration
 * with", "voiced opposition to"); "the union's opposition" alone is not one.
 */
export const ATTITUDE_NOUNS: ReadonlyMap<string, NounCue> = attitudes();
export const EXPRESSING = set(`express expresses expressed expressing voice voices voiced voicing register registers
  registered registering convey conveys conveyed conveying sound sounds sounded sounding`);

/** Noun form → cue entry. */
export const NOUN_CUES: ReadonlyMap<string, NounCue> = build();

/**
 * Light verbs that turn a noun of saying into a cue ("took a swipe at", "made the case
 * that", "issued a statement", "offered praise for", "kept up his criticism of").
 */
export const LIGHT_VERBS = set(`take takes took taken taking make makes made making issue issues issued issuing
  release releases released releasing give gives gave given giving deliver delivers delivered delivering
  offer offers offered offering voice voices voiced voicing express expresses expressed expressing level
  levels leveled levelled leveling levelling hurl hurls hurled hurling lodge lodged launch launches launched
  launching mount mounted renew renews renewed renewing repeat repeated repeats keep keeps kept keeping
  step stepped ramp ramped avoid avoids avoided avoiding lend lends lent lending throw threw thrown post posted
  send sends sent sending put puts putting raise raises raised raising pay pays paid paying register registers
  registered registering convey conveys conveyed conveying heap heaps heaped heaping lavish lavishes lavished lavishing
  shower showers showered showering sound sounds sounded sounding`);

/** Particles a light verb may take before its noun ("sent out a statement", "kept up his attacks"). */
export const LIGHT_PARTICLES = set(`out up`);

/** Prepositions that introduce a noun cue's content ("criticism of", "a call for", "swipe at"). */
export const NOUN_PREPOSITIONS = set(`of on about for against at to over with toward towards behind`);

/** Nouns whose "of" / "to" complement is their content ("criticism of", "an appeal to"); others take neither. */
export const OF_NOUNS = set(`criticism criticisms critique praise endorsement endorsements support denial rejection
  condemnation denunciation defense defence description characterization characterisation assessment rebuke
  accusation accusations allegation allegations message promise promises warning warnings threat threats
  prediction predictions declaration declarations mention mentions approval disapproval embrace`);
export const TO_NOUNS = set(`apology appeal appeals plea pleas reply response answer commitment threat threats tribute tributes
  reference references allusion allusions nod nods refusal plan plans intention intentions
  opposition`);

/** Nouns that need a content-introducing complement after a light verb, not any phrase. */
export const TOPIC_NOUNS = set(`speech address interview tweet tweets speeches addresses interviews`);

/**
 * Stance adjectives after a copula ("is critical of", "remains skeptical that"), with
 * the complements that make them cues. A bare adjective ("she was happy") is not one.
 */
export const ADJECTIVE_CUES: ReadonlyMap<string, readonly string[]> = new Map([
  ["critical", ["of"]],
  ["skeptical", ["of", "about", "that"]],
  ["sceptical", ["of", "about", "that"]],
  ["optimistic", ["about", "that"]],
  ["pessimistic", ["about", "that"]],
  ["confident", ["that", "about", "of"]],
  ["convinced", ["that", "of"]],
  ["certain", ["that"]],
  ["aware", ["that", "of"]],
  ["hopeful", ["that", "about"]],
  ["worried", ["that", "about"]],
  ["concerned", ["that", "about"]],
  ["upbeat", ["about", "on"]],
  ["adamant", ["that", "about"]],
  ["unhappy", ["with", "about", "that"]],
  ["pleased", ["with", "that", "about", "by"]],
  ["disappointed", ["in", "with", "that", "by"]],
  ["angry", ["at", "about", "with", "that", "over"]],
  ["furious", ["at", "about", "with", "that", "over"]],
  ["proud", ["of", "that"]],
  ["supportive", ["of"]],
  ["wary", ["of", "about"]],
  ["fearful", ["of", "that"]],
  ["doubtful", ["that", "about", "of"]],
  ["dismissive", ["of"]],
  ["vocal", ["about", "in", "on"]],
  ["outspoken", ["about", "on", "in"]],
  ["silent", ["on", "about"]],
  ["mum", ["on", "about"]],
  ["enthusiastic", ["about"]],
  ["bullish", ["on", "about"]],
  ["tired", ["of"]],
  ["opposed", ["to"]],
  ["open", ["to"]],
  ["receptive", ["to"]],
  ["sure", ["that"]],
  ["assured", ["of", "that"]],
  ["divided", ["on", "over", "about"]],
  ["split", ["on", "over"]],
  ["focused", ["on"]],
  ["bent", ["on"]],
  ["intent", ["on"]],
  ["dedicated", ["to"]],
  ["committed", ["to"]],
  ["horrified", ["at", "by"]],
  ["unsure", ["about", "of", "whether"]],
  ["undecided", ["about", "on", "whether"]],
  ["keen", ["on", "to"]],
  // Intentions and readiness ("is eager to run", "remains reluctant to endorse").
  ["eager", ["to", "for"]],
  ["reluctant", ["to"]],
  ["unwilling", ["to"]],
  ["hesitant", ["to", "about"]],
  ["loath", ["to"]],
  ["loathe", ["to"]],
  ["anxious", ["to", "about"]],
  ["desperate", ["to", "for"]],
  ["clear", ["that", "about", "on"]],
  // Feelings about something, with their object ("are frustrated with", "was alarmed by").
  ["frustrated", ["with", "by", "at", "over", "that"]],
  ["upset", ["with", "about", "over", "by", "that"]],
  ["alarmed", ["by", "at", "that"]],
  ["troubled", ["by", "that"]],
  ["encouraged", ["by", "that"]],
  ["heartened", ["by", "that"]],
  ["satisfied", ["with", "that"]],
  ["dissatisfied", ["with"]],
  ["impressed", ["by", "with"]],
  ["unimpressed", ["by", "with"]],
  ["excited", ["about", "by", "that"]],
  ["nervous", ["about", "that"]],
  ["afraid", ["of", "that"]],
  ["grateful", ["for", "to", "that"]],
  ["appalled", ["by", "at", "that"]],
  ["outraged", ["by", "at", "over", "that"]],
  ["disgusted", ["by", "with", "at"]],
  ["suspicious", ["of", "about"]],
  ["hostile", ["to", "toward", "towards"]],
  ["sympathetic", ["to", "toward", "towards"]],
  ["ambivalent", ["about", "toward", "towards"]],
  ["uncomfortable", ["with", "about"]],
  ["comfortable", ["with"]],
  ["determined", ["to", "that"]],
]);

/** Copulas before a stance adjective (auxiliaries are taken by the cue span builder). */
export const COPULAS = set(`is are was were be been being 's 're 'm am become becomes became becoming remain remains
  remained remaining grow grows grew growing seem seems seemed appear appears appeared sound sounds sounded
  feel feels felt get gets got`);
