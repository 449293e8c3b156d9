/**
 * Regular English verb inflection, so the lexicon lists lemmas only. Irregular
 * verbs give their forms explicitly. Produces: 3rd person -s, past/participle -ed,
 * gerund -ing.
 */

export interface VerbForms {
  base: string;
  third: string;
  past: string[];
  ing: string;
}

const VOWELS = "aeiou";

function isConsonant(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "a" && ch <= "z" && !VOWELS.includes(ch);
}

/** `double` forces consonant doubling (plan → planned, commit → committed). */
export function inflect(base: string, double = false): VerbForms {
  const last = base.slice(-1);
  const prev = base.slice(-2, -1);
  let third: string;
  if (/(s|x|z|ch|sh|o)$/.test(base)) third = `${base}es`;
  else if (last === "y" && isConsonant(prev)) third = `${base.slice(0, -1)}ies`;
  else third = `${base}s`;
  let stem = base;
  if (double) stem = base + last;
  let past: string;
  let ing: string;
  if (last === "e") {
    past = `${base}d`;
    ing = base.endsWith("ee") ? `${base}ing` : `${base.slice(0, -1)}ing`;
  } else if (last === "y" && isConsonant(prev)) {
    past = `${base.slice(0, -1)}ied`;
    ing = `${base}ing`;
  } else {
    past = `${stem}ed`;
    ing = `${stem}ing`;
  }
  return { base, third, past: [past], ing };
}
