/**
 * JSON with object keys sorted at every level, so that a value hashes the same after a
 * round trip through jsonb (which reorders keys). Dates become ISO strings, undefined
 * properties are dropped, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : normalise(v)));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined && typeof v !== "function") out[key] = normalise(v);
  }
  return out;
}

/** A plain JSON copy (dates as ISO strings) suitable for a jsonb column. */
export function toJsonValue<T>(value: T): unknown {
  return value === undefined ? null : JSON.parse(canonicalJson(value));
}
