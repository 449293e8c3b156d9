/** Lower-case and strip accents, so "Zelenskyy", "ZELENSKYY" and "Zelenskýy" meet. */
export function foldForSearch(s: string): string {
  return s.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/** The value of sources.searchText: every name a source goes by, folded. */
export function sourceSearchText(name: string, aliases: readonly string[]): string {
  return [name, ...aliases].map(foldForSearch).join(" | ");
}
