import { textArrayLiteral } from "../../src/db/bulk-insert";
// node-postgres's own conversion of an array parameter: the literal it would have sent.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require("pg/lib/utils") as { prepareValue(v: unknown): string };

describe("textArrayLiteral", () => {
  const cases: Array<Array<string | null>> = [
    [],
    [""],
    [null],
    ["NULL", "null", null],
    ['say "no"', "back\\slash", '\\"', "\\\\"],
    ["{braces}", "a,b", " spaced ", "new\nline\ttab"],
    ["Üniçødé — “quotes” 🙂", "\u0000".slice(1)],
    ["01a22808-f17d-7ed2-a9e1-352bb46ca184", "2026-11-29T17:00:00.000Z", "42"],
  ];
  it.each(cases.map((c) => [c]))("writes %j as node-postgres does", (values) => {
    expect(textArrayLiteral(values)).toBe(prepareValue(values));
  });
});
