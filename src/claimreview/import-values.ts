/**
 * Readers for the loose values of ClaimReview markup found in the wild: strings or
 * numbers, single values or lists, names or objects, dates in several formats.
 */
export type Loose = unknown;

export const isObject = (v: Loose): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The values of a property that may be a value or a list. */
export const many = (v: Loose): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** A JSON-LD @type (string or list) as a list of names, "schema:ClaimReview" → "ClaimReview". */
export function typesOf(node: Record<string, unknown>): string[] {
  return many(node["@type"]).flatMap((t) => (typeof t === "string" ? [t.replace(/^(https?:\/\/schema\.org\/|schema:)/, "")] : []));
}

/**
 * How deep `{"name": {"name": …}}` or `{"@value": …}` wrappers are followed. Real markup
 * wraps once or twice; a reader that followed them all would overflow the call stack on
 * hostile input (normaliseReview also refuses objects nested deeper than MAX_NESTING).
 */
const MAX_WRAPPERS = 4;

/** Text from a string, a number, or a {@value} / {name} object; trimmed, blank → null. */
export function text(v: Loose, depth = 0): string | null {
  // Control characters (NUL above all, which PostgreSQL text refuses) never carry meaning here.
  // eslint-disable-next-line no-control-regex
  if (typeof v === "string") return v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").replace(/\s+/g, " ").trim() || null;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (isObject(v) && depth < MAX_WRAPPERS) return text(v["@value"] ?? v.name, depth + 1);
  return null;
}

/** A number from a number or a numeric string ("4", "4,5", " 3 "). */
export function number(v: Loose, depth = 0): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") {
    const s = v.trim().replace(",", ".");
    if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
    return Number(s);
  }
  if (isObject(v) && "@value" in v && depth < MAX_WRAPPERS) return number(v["@value"], depth + 1);
  return null;
}

/** Objects and lists nested deeper than this are refused whole (see normaliseReview). */
export const MAX_NESTING = 32;

/** Whether `v` nests objects or lists more than `limit` levels deep. Iterative: the input may be hostile. */
export function nestedDeeperThan(v: Loose, limit: number): boolean {
  const stack: Array<{ v: unknown; depth: number }> = [{ v, depth: 0 }];
  while (stack.length) {
    const { v: node, depth } = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === "object" && child !== null) stack.push({ v: child, depth: depth + 1 });
    }
  }
  return false;
}

/** An http(s) URL or null. */
export function httpUrl(v: Loose): string | null {
  const s = typeof v === "string" ? v.trim() : isObject(v) ? text(v["@id"] ?? v.url) : null;
  if (!s) return null;
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch {
    return null;
  }
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, janvier: 1, enero: 1, januar: 1, feb: 2, february: 2, fevrier: 2, febrero: 2, februar: 2, mar: 3, march: 3, mars: 3, marzo: 3, marz: 3,
  apr: 4, april: 4, avril: 4, abril: 4, may: 5, mai: 5, mayo: 5, jun: 6, june: 6, juin: 6, junio: 6, juni: 6, jul: 7, july: 7, juillet: 7, julio: 7, juli: 7,
  aug: 8, august: 8, aout: 8, agosto: 8, sep: 9, sept: 9, september: 9, septembre: 9, septiembre: 9, oct: 10, october: 10, octobre: 10, octubre: 10, oktober: 10,
  nov: 11, november: 11, novembre: 11, noviembre: 11, dec: 12, december: 12, decembre: 12, diciembre: 12, dezember: 12,
};

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

function utcDate(y: number, m: number, d: number): Date | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

/**
 * Dates we record: years 1 to 9999. Outside them toISOString changes format (or throws, for
 * an Invalid Date) and PostgreSQL may refuse the value; no fact check is dated there.
 */
const EARLIEST = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

export type DateReading =
  | { ok: true; date: Date; /** Set when the text allowed two readings: which one was taken. */ ambiguity: string | null }
  | { ok: false; reason: "unreadable" | "out_of_range" };

export interface DateOptions {
  /** Read an ambiguous 05/06/2024 month first (US usage); day first otherwise. */
  monthFirst?: boolean;
}

const unreadable: DateReading = { ok: false, reason: "unreadable" };
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function inRange(date: Date | null, ambiguity: string | null = null): DateReading {
  if (!date) return unreadable;
  const t = date.getTime();
  if (Number.isNaN(t)) return unreadable;
  if (t < EARLIEST || t > LATEST) return { ok: false, reason: "out_of_range" };
  return { ok: true, date, ambiguity };
}

/** "05/06/2024": day first (most of the world) unless told month first (US); both readings named when both exist. */
function numericDate(a: number, b: number, year: number, opts: DateOptions): DateReading {
  if (a > 12 && b > 12) return unreadable;
  if (a > 12) return inRange(utcDate(year, b, a)); // 16/05/2024: only day first reads
  if (b > 12) return inRange(utcDate(year, a, b)); // 05/16/2024: only month first reads
  const dayFirst = utcDate(year, b, a);
  if (a === b || !dayFirst) return inRange(dayFirst);
  const monthFirst = utcDate(year, a, b)!;
  const [used, other] = opts.monthFirst ? [monthFirst, dayFirst] : [dayFirst, monthFirst];
  const how = opts.monthFirst ? "month/day" : "day/month";
  const otherHow = opts.monthFirst ? "day/month" : "month/day";
  return inRange(used, `read as ${how} (${isoDay(used)}); as ${otherHow} it would be ${isoDay(other)}`);
}

/**
 * A date from ISO 8601 (with or without time/zone), "2024-05-16", "16/05/2024", "05/16/2024"
 * and "16.05.2024" (an ambiguous "05/06/2024" is read day first, as most of the world writes
 * it, or month first with `monthFirst`, and says so), "May 16, 2024", "16 May 2024",
 * "16 mai 2024", "16 de mayo de 2024", or a Unix time in seconds (or milliseconds).
 */
export function readDate(v: Loose, opts: DateOptions = {}): DateReading {
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v <= 0) return unreadable;
    const ms = v < 1e11 ? v * 1000 : v;
    // Checked before new Date: past ±8.64e15 ms it is an Invalid Date, whose toISOString throws.
    return ms > LATEST ? { ok: false, reason: "out_of_range" } : inRange(new Date(ms));
  }
  const s = text(v);
  if (!s) return unreadable;
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) {
    return inRange(new Date(s.length === 10 ? `${s}T00:00:00Z` : s.replace(" ", "T")));
  }
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return numericDate(Number(m[1]), Number(m[2]), Number(m[3]), opts);
  const words = fold(s).replace(/[,.]/g, " ").replace(/\b(de|del|the|of)\b/g, " ").split(/\s+/).filter(Boolean);
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  for (const w of words) {
    m = /^(\d{1,2})(st|nd|rd|th|er)?$/.exec(w);
    if (m && day === null) day = Number(m[1]);
    else if (/^\d{4}$/.test(w)) year = Number(w);
    else if (MONTHS[w] !== undefined) month = MONTHS[w] ?? null;
  }
  if (day !== null && month !== null && year !== null) return inRange(utcDate(year, month, day));
  // The engine's own parser, last: it reads more forms, but also dates without a year
  // ("May 16" as 2001), so only text that names a year is given to it.
  if (!/\d{4}/.test(s)) return unreadable;
  const fallback = Date.parse(s);
  return Number.isNaN(fallback) ? unreadable : inRange(new Date(fallback));
}

/** readDate without the explanation: the date, or null when it cannot be read or recorded. */
export function parseDate(v: Loose, opts: DateOptions = {}): Date | null {
  const r = readDate(v, opts);
  return r.ok ? r.date : null;
}

/** US usage (month first) for a language tag such as en-US or es-US. */
export const monthFirstLanguage = (tag: string | null): boolean => tag !== null && /[-_]US$/i.test(tag.trim());
