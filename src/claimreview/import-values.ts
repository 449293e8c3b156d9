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

/** Text from a string, a number, or a {@value} / {name} object; trimmed, blank → null. */
export function text(v: Loose): string | null {
  // Control characters (NUL above all, which PostgreSQL text refuses) never carry meaning here.
  // eslint-disable-next-line no-control-regex
  if (typeof v === "string") return v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").replace(/\s+/g, " ").trim() || null;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (isObject(v)) return text(v["@value"] ?? v.name);
  return null;
}

/** A number from a number or a numeric string ("4", "4,5", " 3 "). */
export function number(v: Loose): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") {
    const s = v.trim().replace(",", ".");
    if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
    return Number(s);
  }
  if (isObject(v) && "@value" in v) return number(v["@value"]);
  return null;
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
 * A date from ISO 8601 (with or without time/zone), "2024-05-16", "16/05/2024" and
 * "16.05.2024" (day first, as most of the world writes it), "May 16, 2024",
 * "16 May 2024", "16 mai 2024", "16 de mayo de 2024", or a Unix time in seconds.
 */
export function parseDate(v: Loose): Date | null {
  if (typeof v === "number" && Number.isFinite(v) && v > 0) return new Date(v < 1e11 ? v * 1000 : v);
  const s = text(v);
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s)) {
    const d = new Date(s.length === 10 ? `${s}T00:00:00Z` : s.replace(" ", "T"));
    return Number.isNaN(d.getTime()) ? null : d;
  }
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return utcDate(Number(m[3]), Number(m[2]), Number(m[1]));
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
  if (day !== null && month !== null && year !== null) return utcDate(year, month, day);
  const fallback = Date.parse(s);
  return Number.isNaN(fallback) ? null : new Date(fallback);
}
