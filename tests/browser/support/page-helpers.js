// Runs inside the tested page (added with context.addInitScript), so that the TypeScript
// tests, compiled without the DOM library, ask the page questions by name.
window.__claimtrailTest = {
  /** Viewport points just inside the first and the last character of text[start, end) of `selector`, after scrolling it into view. */
  selectionPoints(selector, start, end) {
    const el = document.querySelector(selector);
    const rectAt = (offset) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const len = n.textContent.length;
        if (offset < seen + len) {
          const r = document.createRange();
          r.setStart(n, offset - seen);
          r.setEnd(n, offset - seen + 1);
          return r.getClientRects()[0];
        }
        seen += len;
      }
      throw new Error("offset outside the text");
    };
    window.scrollBy(0, rectAt(start).top - window.innerHeight / 3);
    const a = rectAt(start);
    const b = rectAt(end - 1);
    return { a: { x: a.left + 1, y: a.top + a.height / 2 }, b: { x: b.right - 1, y: b.top + b.height / 2 } };
  },
  /** Whether the element is entirely inside the viewport. */
  inViewport(selector) {
    const r = document.querySelector(selector).getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
  },
  activeText() {
    return document.activeElement ? document.activeElement.textContent : null;
  },
  /** How far the page is wider than the viewport (≤ 0: no sideways scrolling). */
  overflowX() {
    return document.documentElement.scrollWidth - window.innerWidth;
  },
  /** Set only if an injected script or handler ever ran. */
  pwned() {
    return window.__pwned === undefined ? null : window.__pwned;
  },
};
