import { useMemo } from "preact/hooks";
import { renderMarkdown } from "../lib/markdown";

/** Markdown from people, rendered through the sanitiser (the only HTML the UI inserts). */
export function MarkdownView({ source, class: cls }: { source: string; class?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div class={`markdown ${cls ?? ""}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
