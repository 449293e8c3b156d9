import { httpUrl, isObject, many, parseDate, text, typesOf, type Loose } from "./import-values";

export interface ImportedParty {
  name: string;
  type: "person" | "organization";
  wikidataId: string | null;
}

export interface NormalisedReview {
  url: string;
  claimReviewed: string;
  rating: Loose;
  claimAuthor: ImportedParty | null;
  reviewer: ImportedParty | null;
  appearances: Array<{ url: string; title: string | null }>;
  claimDate: Date | null;
  reviewDate: Date | null;
  language: string | null;
}

export type NormaliseResult = { ok: true; review: NormalisedReview; warnings: string[] } | { ok: false; code: string; error: string; warnings: string[] };

export const MAX_STATEMENT = 2000;

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

function appearance(v: Loose): { url: string; title: string | null } | null {
  const url = httpUrl(isObject(v) ? (v.url ?? v["@id"]) : v);
  if (!url) return null;
  return { url, title: isObject(v) ? (text(v.headline) ?? text(v.name)) : null };
}

/**
 * Reads one ClaimReview as found on fact-check pages into the fields we record, with a
 * warning for every liberty taken, or a rejection that names what is missing.
 */
export function normaliseReview(node: unknown): NormaliseResult {
  const warnings: string[] = [];
  const reject = (code: string, error: string): NormaliseResult => ({ ok: false, code, error, warnings });
  if (!isObject(node)) return reject("not_an_object", "Each ClaimReview must be a JSON object.");
  const types = typesOf(node);
  if (types.length && !types.includes("ClaimReview")) return reject("not_a_claimreview", `@type is ${types.join(", ")}, not ClaimReview.`);
  if (!types.length) {
    if (!("claimReviewed" in node)) return reject("not_a_claimreview", "No @type and no claimReviewed: this is not a ClaimReview.");
    warnings.push("No @type: read as a ClaimReview because it has claimReviewed.");
  }

  const url = httpUrl(node.url);
  if (!url) return reject("missing_url", node.url === undefined ? "url (the fact-check page) is missing; it identifies the review." : "url is not an http(s) URL.");

  const item = isObject(many(node.itemReviewed)[0]) ? (many(node.itemReviewed)[0] as Record<string, unknown>) : null;
  const itemTypes = item ? typesOf(item) : [];
  if (item && !itemTypes.includes("Claim")) warnings.push(`itemReviewed is a ${itemTypes.join(", ") || "node without @type"}, not a Claim: read as the claim's appearance.`);

  const reviewed = many(node.claimReviewed).map(text).filter((s): s is string => s !== null);
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

  const appearances: Array<{ url: string; title: string | null }> = [];
  const seen = new Set<string>();
  const candidates = item ? [...many(item.firstAppearance), ...many(item.appearance), ...(itemTypes.includes("Claim") ? [] : [item])] : [];
  for (const c of candidates) {
    const a = appearance(c);
    if (a && !seen.has(a.url)) {
      seen.add(a.url);
      appearances.push(a);
    } else if (!a && c !== item) warnings.push("An appearance has no http(s) URL: left out.");
  }

  const claimDateRaw = item?.datePublished;
  const claimDate = claimDateRaw === undefined ? null : parseDate(claimDateRaw);
  if (claimDateRaw !== undefined && !claimDate) warnings.push(`itemReviewed.datePublished "${String(text(claimDateRaw) ?? "")}" is not a date I can read: left out.`);
  const reviewDate = node.datePublished === undefined ? null : parseDate(node.datePublished);
  if (node.datePublished !== undefined && !reviewDate) warnings.push(`datePublished "${String(text(node.datePublished) ?? "")}" is not a date I can read: left out.`);

  return {
    ok: true,
    warnings,
    review: { url, claimReviewed, rating: many(node.reviewRating)[0], claimAuthor, reviewer, appearances, claimDate, reviewDate, language: text(node.inLanguage) },
  };
}
