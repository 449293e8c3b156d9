/**
 * Bad input never crashes or hangs. Time limits are generous (CI machines are slow
 * and shared) but far below what a quadratic algorithm would need on these sizes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_MAX_LENGTH, ExtractionInputError, extractAttributions, tryExtractAttributions } from "../../src/extraction";

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

/** Deterministic pseudo-random UTF-16 code units, including lone surrogates and NULs. */
function garbage(n: number): string {
  let x = 12345;
  const units: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    units.push(x % 65536);
  }
  let s = "";
  for (let i = 0; i < units.length; i += 8192) s += String.fromCharCode(...units.slice(i, i + 8192));
  return s;
}

describe("bad input", () => {
  it("empty and blank text give no proposals", () => {
    expect(extractAttributions("").proposals).toEqual([]);
    expect(extractAttributions(" \n\t\n ").proposals).toEqual([]);
  });

  it("5 MB of text is refused with a typed error, without reading it", () => {
    const big = "The spokesman said the plan works. ".repeat(150_000);
    expect(big.length).toBeGreaterThan(5_000_000);
    const { value, ms } = timed(() => tryExtractAttributions(big));
    expect(ms).toBeLessThan(1000);
    expect(value.ok).toBe(false);
    if (!value.ok) {
      expect(value.error).toBeInstanceOf(ExtractionInputError);
      expect(value.error.code).toBe("text_too_long");
      expect(value.error.limit).toBe(DEFAULT_MAX_LENGTH);
    }
    expect(() => extractAttributions(big)).toThrow(ExtractionInputError);
  });

  it("text at the default limit (1,000,000 chars of news prose) is processed", () => {
    const seed = readFileSync(join(__dirname, "..", "..", "seeds", "article.txt"), "utf8");
    const big = seed.repeat(Math.ceil(DEFAULT_MAX_LENGTH / seed.length)).slice(0, DEFAULT_MAX_LENGTH);
    const { value, ms } = timed(() => extractAttributions(big));
    expect(value.proposals.length).toBeGreaterThan(1000);
    // ≥ 500k chars/s is the target on an idle core; allow a busy CI machine 5× slack.
    expect(ms).toBeLessThan(10_000);
  }, 30_000);

  it("binary garbage, NUL bytes and lone surrogates give a sane result", () => {
    const { value, ms } = timed(() => extractAttributions(garbage(300_000)));
    expect(ms).toBeLessThan(10_000);
    for (const p of value.proposals) expect(p.confidence).toBeGreaterThanOrEqual(0);
    const nul = "\u0000\u0000The mayor\u0000 said the road is \ud800closed.\udc00";
    const r = extractAttributions(nul);
    for (const p of r.proposals) for (const c of p.content) expect(nul.slice(c.start, c.end)).toBe(c.text);
  });

  it("unbalanced and pathological quotes finish quickly", () => {
    const cases = [
      "He said “this never ends ".repeat(10_000),
      '"'.repeat(200_000),
      "‘".repeat(50_000) + "’".repeat(50_000),
      "«»".repeat(50_000),
      ("She said: “a " + "b ".repeat(5000)).repeat(10),
    ];
    for (const text of cases) {
      const { value, ms } = timed(() => extractAttributions(text));
      expect(ms).toBeLessThan(10_000);
      expect(Array.isArray(value.proposals)).toBe(true);
    }
  });

  it("one endless sentence full of cues stays linear", () => {
    const small = timed(() => extractAttributions("Ann said that Bob said that ".repeat(5_000)));
    const large = timed(() => extractAttributions("Ann said that Bob said that ".repeat(20_000)));
    expect(large.ms).toBeLessThan(10_000);
    // 4× the input may not take 16× the time (allowing for noise and warm-up).
    expect(large.ms).toBeLessThan(Math.max(small.ms * 12, 500));
  });

  it("rejects non-strings and bad options with codes", () => {
    const call = (text: unknown, opts?: unknown) => () => extractAttributions(text as string, opts as undefined);
    expect(call(undefined)).toThrow(expect.objectContaining({ code: "not_a_string" }));
    expect(call(42)).toThrow(expect.objectContaining({ code: "not_a_string" }));
    expect(call("x", { maxLength: -1 })).toThrow(expect.objectContaining({ code: "invalid_option" }));
    expect(call("x", { knownSources: [{ id: 1 }] })).toThrow(expect.objectContaining({ code: "invalid_option" }));
    expect(call("abc", { maxLength: 2 })).toThrow(expect.objectContaining({ code: "text_too_long" }));
  });
});
