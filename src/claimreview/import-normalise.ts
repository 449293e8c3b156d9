import { httpUrl, isObject, many, MAX_NESTING, monthFirstLanguage, nestedDeeperThan, readDate, text, typesOf, type Loose } from "./import-values";

export interface ImportedParty {
  name: string;
  type: "person" | "organization";
  wikidataId: string | null;
}

/** Where the claim was seen, known by URL only (claim_external_appearances). */
export interface ImportedAppearance {
  url: string;
  title: string | null;
  datePublished: Date | null;
  inLanguage: string | null;
}

export interface NormalisedReview {
  url: string;
  claimReviewed: string;
  rating: Loose;
  claimAuthor: ImportedParty | null;
  reviewer: ImportedParty | null;
  appearances: ImportedAppearance[];
  claimDate: Date | null;
  reviewDate: Date | null;
  language: string | null;
}

export type NormaliseResult = { ok: true; review: NormalisedReview; warnings: string[] } | { ok: false; code: string; error: string; warnings: string[] };

export const MAX_STATEMENT = 2000;
/** URLs are keys (claims.externalId, claim_external_appearances.url): longer ones would not fit the indexes. */
export const MAX_URL = 2048;
const MAX_TITLE = 500;
const MAX_LANGUAGE = 64;

/** Splits the posted JSON into candidate objects: one object, a list, or a @graph (also nested in a list). */
export function flattenInput(body: unknown): unknown[] {
  const out: unknown[] = [];
  for (const item of many(body)) {
    if (isObject(item) && Array.isArray(item["@graph"])) out.push(...(item["@graph"] as unknown[]).filter((n) => !isObject(n) || typesOf(n).includes("ClaimReview") || "claimReviewed" in n));
    else out.push(item);
  }
  return out;
}

function party(v: Loose, warnings: string[], what: string): ImportedParty | null {
  const first = many(v)[0];
  if (first === undefined) return null;
  if (typeof first === "string") {
    const name = text(first);
    if (!name) return null;
    warnings.push(`${what} is a plain name ("${name}"): recorded as a person.`);
    return { name: name.slice(0, 300), type: "person", wikidataId: null };
  }
  if (!isObject(first)) return null;
  const name = text(first.name) ?? text(first.alternateName) ?? text(first.legalName);
  if (!name) {
    warnings.push(`${what} has no name: left out.`);
    return null;
  }
  const types = typesOf(first);
  const type = types.includes("Person") ? "person" : types.length ? "organization" : "person";
  if (!types.length) warnings.push(`${what} "${name}" has no @type: recorded as a person.`);
  const wikidata = many(first.sameAs)
    .map((s) => (typeof s === "string" ? /wikidata\.org\/(?:wiki|entity)\/(Q\d+)/.exec(s)?.[1] : undefined))
    .find((q): q is string => q !== undefined);
  return { name: name.slice(0, 300), type, wikidataId: wikidata ?? null };
}

/** A language tag or name ("en-US", {"name": "English"}), or null. */
function language(v: Loose): string | null {
  const t = text(many(v)[0]);
  return t && t.length <= MAX_LANGUAGE ? t : null;
}

/**
 * A date property, with a warning for every liberty: an ambiguous day/month (which reading
 * was taken), an unreadable text, a date outside the years 1–9999.
 */
function dateOf(v: Loose, what: string, lang: string | null, warnings: string[]): Date | null {
  if (v === undefined || v === null) return null;
  const shown = String(text(many(v)[0]) ?? (typeof v === "number" ? v : "")).slice(0, 100);
  const r = readDate(many(v)[0], { monthFirst: monthFirstLanguage(lang) });
  if (r.ok) {
    if (r.ambiguity) warnings.push(`${what} "${shown}" is ambiguous: ${r.ambiguity}.`);
    return r.date;
  }
  warnings.push(r.reason === "out_of_range" ? `${what} "${shown}" is outside the years 1 to 9999: left out.` : `${what} "${shown}" is not a date I can read: left out.`);
  return null;
}

/**
 * Reads one ClaimReview as found on fact-check pages into the fields we record, with a
 * warning for every liberty taken, or a rejection that names what is missing.
 */
export function normaliseReview(node: unknown): NormaliseResult {
  const warnings: string[] = [];
  const reject = (code: string, error: string): NormaliseResult => ({ ok: false, code, error, warnings });
  if (!isObject(node)) return reject("not_an_object", "Each ClaimReview must be a JSON object.");
  // Real markup nests a handful of levels; thousands are an attack on the readers' recursion.
  if (nestedDeeperThan(node, MAX_NESTING)) return reject("too_deeply_nested", `The object nests objects or lists more than ${MAX_NESTING} levels deep.`);
  const types = typesOf(node);
  if (types.length && !types.includes("ClaimReview")) return reject("not_a_claimreview", `@type is ${types.join(", ")}, not ClaimReview.`);
  if (!types.length) {
    if (!("claimReviewed" in node)) return reject("not_a_claimreview", "No @type and no claimReviewed: this is not a ClaimReview.");
    warnings.push("No @type: read as a ClaimReview because it has claimReviewed.");
  }

  const url = httpUrl(node.url);
  if (!url) return reject("missing_url", node.url === undefined ? "url (the fact-check page) is missing; it identifies the review." : "url is not an http(s) URL.");
  if (url.length > MAX_URL) return reject("url_too_long", `url has ${url.length} characters; at most ${MAX_URL}.`);

  const item = isObject(many(node.itemReviewed)[0]) ? (many(node.itemReviewed)[0] as Record<string, unknown>) : null;
  const itemTypes = item ? typesOf(item) : [];
  if (item && !itemTypes.includes("Claim")) warnings.push(`itemReviewed is a ${itemTypes.join(", ") || "node without @type"}, not a Claim: read as the claim's appearance.`);

  const reviewed = many(node.claimReviewed).map((v) => text(v)).filter((s): s is string => s !== null);
  let claimReviewed = reviewed[0] ?? null;
  if (reviewed.length > 1) warnings.push(`claimReviewed has ${reviewed.length} values: the first is recorded.`);
  if (!claimReviewed && item) {
    claimReviewed = text(item.text) ?? text(item.name) ?? text(item.headline);
    if (claimReviewed) warnings.push("claimReviewed is missing: the statement is taken from itemReviewed.");
  }
  if (!claimReviewed) return reject("missing_claim_reviewed", "claimReviewed (the statement that was checked) is missing or empty.");
  if (claimReviewed.length > MAX_STATEMENT) return reject("claim_reviewed_too_long", `claimReviewed has ${claimReviewed.length} characters; at most ${MAX_STATEMENT}.`);

  const claimAuthor = item ? party(item.author, warnings, "The claim's author") : null;
  if (!claimAuthor) warnings.push("The claim has no author: recorded without a speaker.");
  const reviewer = party(node.author, warnings, "The review's author") ?? party(node.publisher, warnings, "The review's publisher");
  if (!reviewer) warnings.push("The review has no author: the fact-checker is recorded as unknown.");

  const reviewLanguage = language(node.inLanguage);
  const itemLanguage = (item ? language(item.inLanguage) : null) ?? reviewLanguage;
  // itemReviewed.datePublished is when the claim was made: the date of its first appearance.
  const claimDate = item ? dateOf(item.datePublished, "itemReviewed.datePublished", itemLanguage, warnings) : null;
  const reviewDate = dateOf(node.datePublished, "datePublished", reviewLanguage, warnings);

  const appearances: ImportedAppearance[] = [];
  const seen = new Set<string>();
  const firsts = item ? many(item.firstAppearance) : [];
  const others = item ? [...many(item.appearance), ...(itemTypes.includes("Claim") ? [] : [item])] : [];
  const candidates = [...firsts, ...others];
  for (const [i, c] of candidates.entries()) {
    // The claim's date belongs to its first appearance: the one marked so, or the only one.
    const first = i === 0 && (firsts.length > 0 || candidates.length === 1);
    const url = httpUrl(isObject(c) ? (c.url ?? c["@id"]) : c);
    if (!url) {
      if (c !== item) warnings.push("An appearance has no http(s) URL: left out.");
      continue;
    }
    if (url.length > MAX_URL) {
      warnings.push(`An appearance URL has ${url.length} characters (at most ${MAX_URL}): left out.`);
      continue;
    }
    if (seen.has(url)) continue;
    seen.add(url);
    const own = isObject(c) ? c : null;
    const title = own ? (text(own.headline) ?? text(own.name)) : null;
    // An itemReviewed that is itself the appearance has its date and language read above.
    const ownLanguage = own && own !== item ? language(own.inLanguage) : null;
    const ownDate = own && own !== item ? dateOf(own.datePublished, `The appearance's datePublished`, ownLanguage ?? itemLanguage, warnings) : null;
    appearances.push({ url, title: title ? title.slice(0, MAX_TITLE) : null, datePublished: ownDate ?? (first ? claimDate : null), inLanguage: ownLanguage ?? itemLanguage });
  }

  return {
    ok: true,
    warnings,
    review: { url, claimReviewed, rating: many(node.reviewRating)[0], claimAuthor, reviewer, appearances, claimDate, reviewDate, language: reviewLanguage },
  };
}
