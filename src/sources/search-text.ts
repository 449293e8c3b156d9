/** Lower-case and strip accents, so "Zelenskyy", "ZELENSKYY" and "Zelenskýy" meet. */
export function foldForSearch(s: string): string {
  return s.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** Separates the names inside sources.searchText; names may not contain "|" (see source-schemas.ts). */
export const SEARCH_TEXT_SEPARATOR = " | ";

/** The value of sources.searchText: every name a source goes by, folded. */
export function sourceSearchText(name: string, aliases: readonly string[]): string {
  return [name, ...aliases].map(foldForSearch).join(SEARCH_TEXT_SEPARATOR);
}

/**
 * Identity of an alias for de-duplication: case-insensitive but accent-sensitive, so
 * "Zelenskyy" and "ZELENSKYY" are one alias while "Zelenskýy" stays a spelling of its own
 * (search folds accents anyway; the aliases list keeps what editors wrote).
 */
const aliasKey = (s: string): string => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

/**
 * Aliases without duplicates (first spelling wins) and without the name itself, in order.
 */
export function normaliseAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([aliasKey(name)]);
  const out: string[] = [];
  for (const alias of aliases) {
    const key = aliasKey(alias);
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
  }
  return out;
}

/** Escapes LIKE's wildcards so user text matches literally (backslash is LIKE's default escape). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
