import { type TextSelection, trimmed } from "./text-offsets";

export type { TextSelection };

/**
 * The user's selection inside an element as offsets into the element's text, in UTF-16
 * code units (JavaScript string indexes) — what the API's anchors use. The element must
 * render the text exactly (text nodes and inline marks only, white-space: pre-wrap).
 */
export function selectionIn(container: HTMLElement, text: string): TextSelection | null {
  const sel = window.getSelection();
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
  const start = offsetOf(container, range.startContainer, range.startOffset);
  const end = offsetOf(container, range.endContainer, range.endOffset);
  return trimmed(text, Math.min(start, end), Math.max(start, end));
}

function offsetOf(container: HTMLElement, node: Node, offset: number): number {
  const r = document.createRange();
  r.setStart(container, 0);
  r.setEnd(node, offset);
  return r.toString().length;
}

