/**
 * Matches mentions to known sources by name or alias, case- and accent-insensitively,
 * ignoring possessives and a leading "the": "the Kremlin's press service" finds
 * "Kremlin press service"; "Beijing" finds the source with that alias; the longest
 * matching word sequence inside the mention wins ("Chinese President Xi Jinping" →
 * "Xi Jinping"). A bare name word ("Putin", "Xi") matches a person when only one known
 * person has it.
 */
import { foldKey } from "./chars";
import type { KnownSource } from "./types";

const MAX_ALIAS_WORDS = 8;

export function normaliseName(s: string): string[] {
  return foldKey(s)
    .replace(/'s\b/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((w) => w.length > 0);
}

export class SourceMatcher {
  private readonly exact = new Map<string, Set<string>>();
  private readonly surnames = new Map<string, Set<string>>();
  /** Every word of person names: "Xi" for "Xi Jinping" (family name first). */
  private readonly nameWords = new Map<string, Set<string>>();

  constructor(sources: readonly KnownSource[]) {
    for (const src of sources) {
      const names = [src.name, ...src.aliases];
      for (const name of names) {
        const words = normaliseName(name);
        if (words[0] === "the") words.shift();
        if (words.length === 0 || words.length > MAX_ALIAS_WORDS) continue;
        add(this.exact, words.join(" "), src.id);
        const last = words[words.length - 1];
        if (src.type === "person" && words.length > 1 && last) {
          add(this.surnames, last, src.id);
          for (const w of words) if (w.length > 1) add(this.nameWords, w, src.id);
        }
      }
    }
  }

  get empty(): boolean {
    return this.exact.size === 0;
  }

  /** Id of the single known source the text names, or undefined (no match or ambiguous). */
  match(text: string): string | undefined {
    if (this.exact.size === 0) return undefined;
    const words = normaliseName(text);
    for (let len = Math.min(words.length, MAX_ALIAS_WORDS); len >= 1; len--) {
      for (let i = 0; i + len <= words.length; i++) {
        const ids = this.exact.get(words.slice(i, i + len).join(" "));
        if (ids && ids.size === 1) return ids.values().next().value;
      }
    }
    // Surname fallback only for short mentions ("Xi", "Mr. Putin"), never inside long phrases.
    const last = words[words.length - 1];
    if (words.length <= 2 && last) {
      for (const map of [this.surnames, this.nameWords]) {
        const ids = map.get(last);
        if (ids && ids.size === 1) return ids.values().next().value;
      }
    }
    return undefined;
  }
}

function add(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(id);
  map.set(key, set);
}
