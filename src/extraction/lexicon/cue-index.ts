/**
 * Builds the inflected-form → cue entry map from the lemma groups, plus the small
 * closed lists the cue-span builder needs (auxiliaries, adverbs, particles).
 */
import { CUE_GROUPS, type LexEntry } from "./cues";
import { inflect } from "./inflect";

function build(): Map<string, LexEntry> {
  const map = new Map<string, LexEntry>();
  for (const g of CUE_GROUPS) {
    for (const raw of g.verbs.split(/\s+/)) {
      if (!raw) continue;
      const [head, irregular] = raw.split("/");
      if (!head) continue;
      const double = head.endsWith("+");
      const lemma = double ? head.slice(0, -1) : head;
      const add = (form: string, kind: LexEntry["form"]): void => {
        if (!map.has(form)) map.set(form, { lemma, act: g.act, strength: g.strength, form: kind });
      };
      const f = inflect(lemma, double);
      if (irregular) {
        // "say/said,says,saying": listed forms replace the regular past tense. When the past
        // equals the base ("cast", "read", "hit") the past reading wins: "Lima cast her rival as".
        const forms = irregular.split(",");
        add(lemma, forms.includes(lemma) ? "past" : "base");
        for (const form of forms) {
          if (form.endsWith("ing")) add(form, "ing");
          else if (form === f.third) add(form, "third");
          else add(form, "past");
        }
        add(f.third, "third");
        add(f.ing, "ing");
        continue;
      }
      add(f.base, "base");
      add(f.third, "third");
      for (const p of f.past) add(p, "past");
      add(f.ing, "ing");
    }
  }
  return map;
}

export const CUE_FORMS: ReadonlyMap<string, LexEntry> = build();

/**
 * Lemmas that are cues only with a particle ("pointed out", "spoke about"), and
 * optional particles that belong to the cue when present ("called for").
 */
export const REQUIRED_PARTICLES: ReadonlyMap<string, readonly string[]> = new Map([
  ["point", ["out", "to"]],
  ["speak", ["about", "of", "out"]], // "spoke to reporters": an addressee, not a topic
  ["talk", ["about", "of"]],
  ["lash", ["out"]],
  ["rail", ["against"]],
  ["refer", ["to"]],
  ["hit", ["back", "out"]],
  ["sing", ["about"]],
  ["knock", ["down"]],
  ["push", ["back", "for"]],
  ["press", ["for"]],
  ["side", ["with", "against"]],
  ["rally", ["behind", "around"]],
  ["backtrack", ["on", "from"]],
  ["count", ["on"]],
  ["bank", ["on"]],
  ["approve", ["of"]], // "approved the bill" is an act, "approve of" a stance
  ["disapprove", ["of"]],
  ["flip-flop", ["on"]],
  ["come", ["out"]], // only with a target: "came out against", see cue-finder.ts
  ["rule", ["out"]],
  ["weigh", ["in"]],
  ["chime", ["in"]],
  ["shoot", ["back"]],
  ["fire", ["back"]],
  ["spell", ["out"]],
  ["lay", ["out"]],
  ["sound", ["off"]],
  ["touch", ["on", "upon"]],
  ["dwell", ["on", "upon"]],
  ["harp", ["on"]],
  ["shrug", ["off"]],
  ["brush", ["off", "aside"]],
  ["wave", ["off", "away"]],
  ["laugh", ["off"]],
  ["play", ["down"]],
  ["walk", ["back"]],
  ["snipe", ["at"]],
  ["swipe", ["at"]],
  ["balk", ["at"]],
  ["object", ["to"]],
  ["vouch", ["for"]],
  ["focus", ["on"]],
]);

export const OPTIONAL_PARTICLES: ReadonlyMap<string, readonly string[]> = new Map([
  ["call", ["for", "on", "out"]],
  ["ask", ["about", "for"]],
  ["agree", ["with"]],
  ["disagree", ["with"]],
  ["complain", ["about"]],
  ["warn", ["against", "of", "about"]],
  ["write", ["in"]],
  ["joke", ["about"]],
  ["comment", ["on"]],
  ["insist", ["on"]],
  ["hint", ["at"]],
  ["worry", ["about"]],
  ["vote", ["for", "against"]],
  ["plead", ["for", "with"]],
  ["apologize", ["for", "to"]],
  ["apologise", ["for", "to"]],
  ["protest", ["against"]],
  ["advocate", ["for"]],
  ["address", ["to"]],
  // "argued for lower taxes", "argued against the bill": the target joins the cue.
  ["argue", ["for", "against"]],
]);

/**
 * Self-characterisation: "has positioned itself as", "cast himself as". The reflexive
 * pronoun and "as" join the cue; the lemma need not be a cue on its own.
 */
export const REFLEXIVE_CUES: ReadonlySet<string> = new Set([
  "position", "present", "cast", "bill", "style", "describe", "portray", "paint", "fashion", "brand",
  "tout", "market", "pitch", "frame", "see", "view", "consider", "define", "declare", "proclaim",
]);
export const REFLEXIVES: ReadonlySet<string> = new Set(["itself", "himself", "herself", "themselves", "myself", "ourselves", "yourself"]);

/** Auxiliaries and modals that join the cue span ("has named", "will discuss", "did not mention"). */
export const AUXILIARIES: ReadonlySet<string> = new Set([
  "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "am", "will", "would",
  "can", "could", "may", "might", "should", "must", "shall", "do", "does", "did", "'s", "'ve", "'d",
  "'ll", "'re", "'m", "won't", "can't", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't",
  "weren't", "hasn't", "haven't", "hadn't", "wouldn't", "couldn't", "shouldn't", "cannot",
]);

/** Adverbs allowed between auxiliary and verb, or right before the verb ("also said"). */
export const CUE_ADVERBS: ReadonlySet<string> = new Set([
  "also", "not", "never", "previously", "repeatedly", "reportedly", "later", "then", "again",
  "already", "recently", "publicly", "privately", "once", "often", "even", "just", "still",
  "further", "first", "quickly", "flatly", "strongly", "immediately", "nevertheless", "however",
  "long", "since", "now", "frequently", "openly", "explicitly", "specifically", "simply", "clearly",
  "firmly", "sharply", "loudly", "angrily", "famously", "falsely", "correctly", "rightly",
  "wrongly", "reportedly", "allegedly", "apparently", "initially", "finally", "ultimately",
  "essentially", "effectively", "largely", "mostly", "happily", "proudly", "bluntly", "emphatically",
  "vehemently", "consistently", "continually", "constantly", "routinely", "regularly", "always",
  "seemingly", "subsequently", "originally", "separately", "quietly", "personally", "formally",
  "officially", "jokingly", "sarcastically", "forcefully", "tersely", "briefly", "reluctantly",
  "ever", "actually", "really", "certainly", "surely", "indeed", "nonetheless", "more", "less",
  "much", "far", "very", "having", "being", "in", "turn", "yet",
]);

/** Verbs that take an infinitive cue and join its span ("continues to insist", "refused to say"). */
export const CATENATIVES: ReadonlySet<string> = new Set([
  "continue", "continues", "continued", "continuing", "begin", "begins", "began", "beginning",
  "start", "starts", "started", "starting", "try", "tries", "tried", "trying", "seem", "seems",
  "seemed", "appear", "appears", "appeared", "going", "used", "went", "go", "goes", "struggling",
  "struggled", "struggles", "want", "wants", "wanted", "need", "needs", "needed", "have", "has",
  "had", "expected", "likely", "able", "ready", "willing", "quick", "eager", "sought", "seeks",
  "refused", "refuses", "refusing", "declined", "declines", "declining", "hesitated", "rushed", "moved", "wanting",
  "needing", "seeking", "seeming", "appearing", "having", "planning", "planned", "plans", "hoping", "hoped", "hopes",
  "tend", "tends", "tended", "tending", "yet",
]);
