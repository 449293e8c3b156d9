/** Word lists that steer how a cue's frame is built (see frames.ts). */

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

/** ", while" / ", whereas" end a content clause. */
export const CLAUSE_BREAKERS = set(`while whereas`);

/**
 * Verbs that are cues only before a clause or quotation, not before a plain object:
 * "maintained that …" but not "maintains a large lead"; "continued, “…”" but
 * not "continues to be".
 */
export const CLAUSE_ONLY = set(`maintain post concede credit prove continue read know demonstrate recognize
  recognise notice remember understand seek aim intend refuse decline love hate figure grant text
  address object target discover determine accept resolve choose opt aspire strive endeavor endeavour yearn
  crave desire appreciate communicate interpret`);

/** Infinitival complements are content for intention verbs ("refused to say"). */
export const TAKES_INFINITIVE = set(`seek aim intend refuse decline love hate resolve choose opt aspire strive endeavor
  endeavour yearn crave desire`);

export const WH_WORDS = set(`what how why whether if who whom when where which there`);

/** Verbs that put the speaker after them: `"…," said Putin`. */
export const INVERTIBLE = set(`say add write ask note explain continue insist argue reply respond answer
  recall declare conclude warn state tweet post claim observe quip joke remark comment suggest report announce
  acknowledge admit complain exclaim shout yell predict counter retort concede confirm read wonder muse boast
  promise urge demand lament chant whisper scream cry agree assert maintain stress emphasize emphasise`);

/** Words before a speaker that open a new clause, so an earlier content stops there. */
export const SUBORDINATORS = set(`and but or after before because although though as when since until unless
  if whereas while so yet`);

/** "when asked about X", "if elected": a past participle with no subject of its own. */
export const REDUCED_PASSIVE_AFTER = set(`when if once after unless before until as though although while`);

/**
 * Subordinators that open an adverbial clause after a cue whose content came before it
 * (`"…," Lima said as she left`, `said Reed when asked about it`): not the content.
 */
export const ADJUNCT_SUBORDINATORS = set(`as when while before after because since until once`);
