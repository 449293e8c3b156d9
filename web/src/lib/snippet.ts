/**
 * A search snippet from GET /v1/claims?q= is escaped text with <mark>…</mark> around the
 * matches. Rather than inserting it as HTML, it is split into plain and marked parts and
 * rendered as text, so nothing the service sends is ever parsed as markup.
 */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'", "&apos;": "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|apos|#39|#x27);/g, (m) => entities[m] ?? m);
}

export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: decodeEntities(snippet.slice(last, m.index)), marked: false });
    parts.push({ text: decodeEntities(m[1] ?? ""), marked: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: decodeEntities(snippet.slice(last)), marked: false });
  return parts;
}
