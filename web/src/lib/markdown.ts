import DOMPurify from "dompurify";
import { Marked } from "marked";

/**
 * Markdown (rationales, comments) → safe HTML, in two layers:
 * 1. marked renders Markdown but NOT raw HTML: HTML people type is shown as text. So the
 *    only tags are the ones marked makes, and no attribute of the user's (onerror=…) ever
 *    reaches a parser — Chromium reports such attributes as CSP violations even while
 *    parsing them in a detached document.
 * 2. DOMPurify with a short allow-list: no images (they would load from anywhere), no
 *    styles (the CSP forbids them), links only to http(s) and mailto, opened safely.
 */
const ALLOWED_TAGS = ["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"];

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => escapes[c]!);

const marked = new Marked({
  async: false,
  gfm: true,
  breaks: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    // Images become plain links to the image: nothing is fetched from elsewhere.
    image: ({ href, text }) => `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`,
    // People's headings sit below the page's own h1/h2.
    heading({ tokens, depth }) {
      const level = Math.min(6, Math.max(3, depth + 2));
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
  },
});

DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A") {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer nofollow");
  }
});

export function renderMarkdown(source: string): string {
  const html = marked.parse(source) as string;
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ["href", "title"],
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  });
}
