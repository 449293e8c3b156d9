/**
 * The adjacent lexeme pairs a full-text query requires ('carbon' <-> 'tax' requires the
 * pair "carbon tax"), matched by their keys (hashtext) against claims.search_pairs
 * (migration 20261129141809_search_phrase_pairs), whose GIN index finds a rare phrase's
 * few candidates where the search_vector index would yield every claim holding both words.
 *
 * The pairs are only a pre-filter: the full tsquery is still checked on every candidate.
 * So a pair is taken only where the query cannot match without it. That holds for a
 * `'a' <-> 'b'` written directly between two plain lexemes in a query with no OR. A pair
 * next to a negation or inside a negated group, next to a parenthesis (the operand of <->
 * is then a sub-query), at a distance other than 1 (<2>: a stop word between) or with a
 * lexeme that has weights or a prefix (:*) is left out. A query without such a pair gets
 * none, and the search runs as before.
 *
 * The input is PostgreSQL's text form of the tsquery (websearch_to_tsquery(...)::text):
 * lexemes in single quotes with '' for a quote, operators & | ! <-> <N> and parentheses.
 */
type Token = { kind: "lexeme"; text: string; plain: boolean } | { kind: "op"; text: string };

function tokenize(tsquery: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < tsquery.length) {
    const ch = tsquery[i]!;
    if (ch === " ") {
      i++;
    } else if (ch === "'") {
      let text = "";
      i++;
      for (;;) {
        if (i >= tsquery.length) return null; // unterminated: not a tsquery text
        if (tsquery[i] === "'") {
          if (tsquery[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += tsquery[i];
        i++;
      }
      // ':*' (prefix) or ':AB' (weights) after the lexeme.
      let plain = true;
      if (tsquery[i] === ":") {
        plain = false;
        i++;
        while (i < tsquery.length && /[*A-Da-d]/.test(tsquery[i]!)) i++;
      }
      tokens.push({ kind: "lexeme", text, plain });
    } else if (ch === "<") {
      const end = tsquery.indexOf(">", i);
      if (end < 0) return null;
      tokens.push({ kind: "op", text: tsquery.slice(i, end + 1) });
      i = end + 1;
    } else if ("&|!()".includes(ch)) {
      tokens.push({ kind: "op", text: ch });
      i++;
    } else {
      return null; // not a form we know: no pairs, the plain search still works
    }
  }
  return tokens;
}

export function requiredPhrasePairs(tsquery: string): string[] {
  const tokens = tokenize(tsquery);
  if (!tokens || tokens.some((t) => t.kind === "op" && t.text === "|")) return [];
  // A negated group, !( … ): the pairs inside it are what must not match.
  if (tokens.some((t, i) => t.kind === "op" && t.text === "!" && tokens[i + 1]?.kind === "op" && tokens[i + 1]?.text === "(")) return [];
  const pairs = new Set<string>();
  for (let i = 1; i + 1 < tokens.length; i++) {
    const [left, op, right, before] = [tokens[i - 1]!, tokens[i]!, tokens[i + 1]!, tokens[i - 2]];
    if (op.kind !== "op" || op.text !== "<->") continue;
    if (left.kind !== "lexeme" || right.kind !== "lexeme" || !left.plain || !right.plain) continue;
    if (before?.kind === "op" && before.text === "!") continue;
    pairs.add(`${left.text} ${right.text}`);
  }
  return [...pairs];
}

/** Whether a websearch query can hold a phrase at all (a quoted span, or a hyphenated word). */
export function mayHoldPhrase(q: string): boolean {
  return q.includes('"') || /\S-\S/.test(q);
}
