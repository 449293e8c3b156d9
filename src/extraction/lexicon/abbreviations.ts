/**
 * Abbreviations that end in a period without ending the sentence. Kept as
 * lower-case keys without the period.
 */

/** Titles and initials-like abbreviations: never end a sentence ("Mr. Putin", "Sen. Lima"). */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "mr", "mrs", "ms", "messrs", "mme", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "govs",
  "gen", "lt", "col", "capt", "cpt", "sgt", "cmdr", "adm", "maj", "brig", "pres", "rev", "fr",
  "hon", "st", "mt", "ft", "supt", "atty", "amb", "sec", "secy", "insp", "det", "pvt", "cpl",
  "no", "nos", "vs", "v", "approx", "dept", "univ", "assn", "bros", "ave", "blvd", "rd", "op", "ed",
]);

/** Month abbreviations: no break before a day number ("Jan. 21"). */
export const MONTH_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
]);

/** Can end a sentence; break only when a typical sentence opener follows. */
export const SOFT_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "inc", "corp", "co", "ltd", "llc", "plc", "jr", "sr", "etc", "al", "esq", "cf", "ca", "pp", "p",
]);

/**
 * Words that typically open a sentence. After "U.S." or "Inc." we split only when
 * one of these follows: "the U.S. President" continues, "the U.S. The call" splits.
 */
export const SENTENCE_OPENERS: ReadonlySet<string> = new Set([
  "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those",
  "there", "but", "and", "or", "so", "yet", "in", "on", "at", "for", "as", "if", "when", "while",
  "after", "before", "his", "her", "their", "its", "our", "my", "your", "what", "why", "how", "who",
  "where", "however", "meanwhile", "still", "also", "since", "although", "though", "some", "many",
  "most", "one", "both", "each", "no", "not", "now", "then", "today", "yesterday", "according",
  "despite", "during", "instead", "because", "with", "without", "by", "from", "earlier", "later",
  "last", "next", "asked", "other", "all", "more", "such", "even", "only", "here",
]);
