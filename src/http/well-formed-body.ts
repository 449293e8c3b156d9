import type { RequestHandler } from "express";
import { AppError, type FieldError } from "./problem";

/**
 * A lone UTF-16 surrogate. With the `u` flag a well-formed pair is one code point, so only
 * unpaired halves match. (String.prototype.isWellFormed is ES2024, beyond our `lib`.)
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export const isWellFormedText = (s: string): boolean => !LONE_SURROGATE.test(s);

/** The text with every lone surrogate replaced by U+FFFD, safe to echo back. */
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDFFF]/gu, "\uFFFD");

type Step = { value: unknown; parent: Step | null; key: string | number | null };

function pathOf(step: Step, last?: string): Array<string | number> {
  const path: Array<string | number> = last === undefined ? [] : [last];
  for (let s: Step | null = step; s && s.key !== null; s = s.parent) path.push(s.key);
  return path.reverse();
}

/**
 * Where the first string (value or member name) holding a lone UTF-16 surrogate is, or null.
 * JSON may carry one ("\ud800") and JavaScript keeps it, but it is not Unicode text:
 * PostgreSQL refuses it (22P02) and UTF-8 cannot encode it. Walks with its own stack and
 * parent links, not recursion, so a body nested 100,000 levels deep neither overflows the
 * call stack nor costs a path copy per level.
 */
export function findIllFormedString(value: unknown): Array<string | number> | null {
  const stack: Step[] = [{ value, parent: null, key: null }];
  while (stack.length) {
    const step = stack.pop()!;
    const v = step.value;
    if (typeof v === "string") {
      if (!isWellFormedText(v)) return pathOf(step);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], parent: step, key: i });
    } else if (typeof v === "object" && v !== null) {
      const keys = Object.keys(v);
      for (const key of keys) if (!isWellFormedText(key)) return pathOf(step, key);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (v as Record<string, unknown>)[keys[i]!], parent: step, key: keys[i]! });
    }
  }
  return null;
}

/** RFC 6901 JSON pointer of a path ("" is the whole document); lone surrogates shown as U+FFFD. */
export function jsonPointer(path: ReadonlyArray<string | number>): string {
  return path.map((p) => `/${wellFormed(String(p)).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** The field error for a lone surrogate at `path`, in the dotted style of validation errors. */
export function illFormedFieldError(path: ReadonlyArray<string | number>): FieldError {
  return {
    field: path.length ? path.map((p) => wellFormed(String(p))).join(".") : "(root)",
    message: "The text holds a lone UTF-16 surrogate (an escape such as \\ud800 without its pair): it is not valid Unicode.",
    code: "invalid_unicode",
  };
}

/** 400 `invalid_unicode` naming the field (dotted, like validation errors, and as a JSON pointer). */
export function illFormedBodyError(path: ReadonlyArray<string | number>): AppError {
  return new AppError(400, "invalid_unicode", "The request body holds text that is not valid Unicode (a lone UTF-16 surrogate).", {
    pointer: jsonPointer(path),
    errors: [illFormedFieldError(path)],
  });
}

/**
 * Refuses a parsed JSON body with a lone surrogate anywhere, before any handler sees it:
 * otherwise the database refuses the text and the client gets a 500. Mount after the JSON
 * parsers: it checks req.body, whichever parser filled it.
 */
export function requireWellFormedBody(): RequestHandler {
  return (req, _res, next) => {
    const body: unknown = req.body;
    if (body === null || typeof body !== "object") return next();
    const path = findIllFormedString(body);
    next(path ? illFormedBodyError(path) : undefined);
  };
}
