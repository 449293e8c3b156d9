import { parseSnippet } from "../lib/snippet";

export function SnippetView({ snippet }: { snippet: string }) {
  return (
    <span class="snippet">
      {parseSnippet(snippet).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
