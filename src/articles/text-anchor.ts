/**
 * W3C Web Annotation selectors for a span of an article revision. Offsets are UTF-16
 * code units (JavaScript string indices). The prefix and suffix give a quote enough
 * context to be found again after the surrounding text is edited.
 */
export const SELECTOR_CONTEXT = 32;

export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  start: number;
  end: number;
}

export function quoteSelectorAt(text: string, start: number, end: number, context = SELECTOR_CONTEXT): TextQuoteSelector {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - context), start),
    suffix: text.slice(end, end + context),
  };
}

export type AnchorCheck = { ok: true } | { ok: false; reason: string; found: string };

/** Checks that `exact` is the text at [start, end) — the server never trusts a client's offsets. */
export function checkAnchor(text: string, anchor: { exact: string; start: number; end: number }): AnchorCheck {
  if (!(anchor.start >= 0 && anchor.end > anchor.start && anchor.end <= text.length)) {
    return { ok: false, reason: `offsets ${anchor.start}–${anchor.end} are outside the text (length ${text.length})`, found: "" };
  }
  const found = text.slice(anchor.start, anchor.end);
  if (found !== anchor.exact) {
    return { ok: false, reason: `the text at ${anchor.start}–${anchor.end} does not match "exact"`, found };
  }
  return { ok: true };
}
