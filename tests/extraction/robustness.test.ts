/**
 * Bad input never crashes or hangs. No wall-clock limit stands for speed here (the bench and
 * `npm run eval:extract` measure that): a hang meets the test's timeout, and a size-dependent
 * slowdown shows as the time for the whole input against the time for a tenth of it, measured
 * side by side, so a slow or busy machine slows both alike. Linear work takes ~10× as long;
 * the limit is 30× (noise, warm-up), a quadratic algorithm would take ~100×.
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

/** f on the whole input against f on a tenth of it: near-linear, or a floor for inputs too small to time. */
function expectNearLinear(make: (n: number) => string, n: number, f: (text: string) => unknown = (t) => extractAttributions(t)): void {
  f(make(Math.floor(n / 10))); // warm-up
  const small = timed(() => f(make(Math.floor(n / 10))));
  const large = timed(() => f(make(n)));
  expect(large.ms).toBeLessThan(Math.max(small.ms * 30, 2000));
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
    const prose = (n: number) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
    expect(extractAttributions(prose(DEFAULT_MAX_LENGTH)).proposals.length).toBeGreaterThan(1000);
    expectNearLinear(prose, DEFAULT_MAX_LENGTH);
  }, 60_000);

  it("binary garbage, NUL bytes and lone surrogates give a sane result", () => {
    const value = extractAttributions(garbage(300_000));
    for (const p of value.proposals) expect(p.confidence).toBeGreaterThanOrEqual(0);
    expectNearLinear(garbage, 300_000);
    const nul = "\u0000\u0000The mayor\u0000 said the road is \ud800closed.\udc00";
    const r = extractAttributions(nul);
    for (const p of r.proposals) for (const c of p.content) expect(nul.slice(c.start, c.end)).toBe(c.text);
  });

  it("unbalanced and pathological quotes finish, in time linear in their length", () => {
    // Each case as a function of its repeat count n.
    const cases: Array<[(n: number) => string, number]> = [
      [(n) => "He said “this never ends ".repeat(n), 10_000],
      [(n) => '"'.repeat(n), 200_000],
      [(n) => "‘".repeat(n) + "’".repeat(n), 50_000],
      [(n) => "«»".repeat(n), 50_000],
      [(n) => ("She said: “a " + "b ".repeat(5000)).repeat(n), 10],
      [(n) => ("She said: “a " + "b ".repeat(n)).repeat(10), 5000],
    ];
    for (const [make, n] of cases) {
      expect(Array.isArray(extractAttributions(make(n)).proposals)).toBe(true);
      expectNearLinear(make, n);
    }
  }, 60_000);

  it("one endless sentence full of cues stays linear", () => {
    expectNearLinear((n) => "Ann said that Bob said that ".repeat(n), 20_000);
  }, 60_000);

  it("rejects non-strings and bad options with codes", () => {
    const call = (text: unknown, opts?: unknown) => () => extractAttributions(text as string, opts as undefined);
    expect(call(undefined)).toThrow(expect.objectContaining({ code: "not_a_string" }));
    expect(call(42)).toThrow(expect.objectContaining({ code: "not_a_string" }));
    expect(call("x", { maxLength: -1 })).toThrow(expect.objectContaining({ code: "invalid_option" }));
    expect(call("x", { knownSources: [{ id: 1 }] })).toThrow(expect.objectContaining({ code: "invalid_option" }));
    expect(call("abc", { maxLength: 2 })).toThrow(expect.objectContaining({ code: "text_too_long" }));
  });
});
