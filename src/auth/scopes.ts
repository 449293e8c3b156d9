import type { Role } from "../generated/prisma/enums";

/**
 * API key scopes narrow a key below its role; they never widen it. A scope is
 * `<area>:read` or `<area>:write`; `write` includes `read` of the same area. A key with no
 * scopes is limited by its role only (as are users' sessions).
 *
 * Each operation's area comes from its OpenAPI tag (below), and its access from its
 * minimum role: viewer-level operations read (the viewer role is "read"), the others
 * write. The operation's `x-scope` in the OpenAPI document says which scope it needs.
 */
const areaOfTag = {
  Claims: "claims",
  Verification: "claims",
  Comments: "claims",
  History: "claims",
  Check: "claims",
  ClaimReview: "claimreview",
  Sources: "sources",
  Articles: "articles",
  Extraction: "articles",
  Import: "import",
  "Rating scales": "scales",
  Audit: "audit",
  Users: "users",
  "API keys": "api_keys",
  Webhooks: "webhooks",
  Notifications: "webhooks",
  Organization: "organization",
  // The caller's own identity and session: every credential may ask who it is.
  Me: null,
  Session: null,
  Health: null,
} as const satisfies Record<string, string | null>;

type Tag = keyof typeof areaOfTag;
export type ScopeArea = NonNullable<(typeof areaOfTag)[Tag]>;

const areas = [...new Set(Object.values(areaOfTag).filter((a): a is ScopeArea => a !== null))].sort();

/** Every scope a key may be given (validated at key creation). */
export const knownScopes: readonly string[] = areas.flatMap((a) => [`${a}:read`, `${a}:write`]);

/** The scope an operation needs, or null when scopes do not apply (the caller's own identity). */
export function scopeForOperation(tags: readonly string[], access: Role | "public"): string | null {
  if (access === "public") return null;
  const tag = tags[0];
  if (tag === undefined || !(tag in areaOfTag)) {
    // A new tag must be given an area here, or keys with scopes could not reach it.
    throw new Error(`operation tag ${String(tag)} has no scope area in src/auth/scopes.ts`);
  }
  const area = areaOfTag[tag as Tag];
  if (area === null) return null;
  return `${area}:${access === "viewer" ? "read" : "write"}`;
}

/** Whether a key with these scopes may call an operation that needs `needed`. */
export function scopesAllow(scopes: readonly string[], needed: string | null): boolean {
  if (needed === null || scopes.length === 0) return true;
  if (scopes.includes(needed)) return true;
  const [area, access] = needed.split(":");
  return access === "read" && scopes.includes(`${area}:write`);
}
