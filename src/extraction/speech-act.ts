/**
 * Speech act of a link. The cue verb decides by default (lexicon groups); a few
 * particles and content signals refine it: "called for" demands (asserts) while
 * "called X a liar" characterises; "said the report was false" denies.
 */
import type { Cue } from "./cue-finder";
import type { SpeechAct } from "./types";

const DENIAL_CONTENT = /\b(not true|untrue|false|baseless|groundless|unfounded|fake news|never happened|no evidence|nonsense)\b/i;
const NEUTRAL = new Set(["say", "state", "insist", "tell", "add", "respond", "reply", "answer", "write", "tweet", "post"]);

export function classifySpeechAct(cue: Cue, contentText: string): SpeechAct {
  if (cue.kind === "according") return "reports";
  if (cue.kind === "colon") return "asserts";
  if (cue.lemma === "call" && (cue.particle === "for" || cue.particle === "on")) return "asserts";
  if (cue.lemma === "call" && cue.particle === "out") return "accuses";
  if (NEUTRAL.has(cue.lemma) && DENIAL_CONTENT.test(contentText)) return "denies";
  return cue.act;
}
