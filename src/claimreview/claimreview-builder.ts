import type { ReviewContext, ReviewedClaim, ScaleBounds } from "./claimreview-queries";

/** A JSON-LD node: only schema.org properties (tests check every key against schema.org 30.0). */
export type JsonLdNode = { [key: string]: JsonLdValue };
export type JsonLdValue = string | number | boolean | null | JsonLdNode | JsonLdValue[];

type Verdict = ReviewedClaim["verdicts"][number];
type Link = ReviewedClaim["chain"][number];
type Appearance = ReviewedClaim["appearances"][number];

/** The fact-check page of a claim: the organization's template with {claimId} substituted. */
export function factCheckUrl(template: string, claimId: string): string {
  return template.split("{claimId}").join(encodeURIComponent(claimId));
}

/** The organization's site, for `author.url`: the origin of its fact-check pages. */
function siteUrl(template: string): string | null {
  try {
    return new URL(template.split("{claimId}").join("x")).origin;
  } catch {
    return null;
  }
}

/**
 * Google wants worstRating ≥ 1. A custom scale may start lower (0 or negative values are
 * allowed there), so such a scale is shifted onto 1..N: same steps, same order, same count.
 */
function rating(v: Verdict, bounds: ScaleBounds | null): JsonLdNode {
  const node: JsonLdNode = { "@type": "Rating", alternateName: v.rating.label };
  // Labels off the numeric scale (unproven, misleading…) carry only the text: a number
  // would claim a position on the true–false ladder that the label does not have.
  if (v.rating.value !== null && bounds && bounds.best > bounds.worst) {
    const shift = bounds.worst < 1 ? 1 - bounds.worst : 0;
    node.ratingValue = v.rating.value + shift;
    node.bestRating = bounds.best + shift;
    node.worstRating = bounds.worst + shift;
  }
  return node;
}

function speakerNode(link: Link | undefined): JsonLdNode | null {
  if (!link) return null;
  const s = link.source;
  const node: JsonLdNode = { "@type": s.type === "person" ? "Person" : "Organization", name: s.name };
  if (s.wikidataId) node.sameAs = `https://www.wikidata.org/wiki/${s.wikidataId}`;
  return node;
}

/** An appearance as ClaimReview shows it: an article of ours, or a page known by URL only. */
interface Seen {
  url: string;
  headline: string | null;
  datePublished: Date | null;
  publisher: string | null;
  inLanguage: string | null;
}

function appearanceNode(a: Seen): JsonLdNode {
  const node: JsonLdNode = { "@type": "CreativeWork", url: a.url };
  if (a.headline) node.headline = a.headline;
  if (a.datePublished) node.datePublished = a.datePublished.toISOString();
  if (a.inLanguage) node.inLanguage = a.inLanguage;
  if (a.publisher) node.publisher = { "@type": "Organization", name: a.publisher };
  return node;
}

/** The articles the claim is anchored in, then the pages it was seen on (by URL, not repeating an article). */
function appearancesOf(claim: ReviewedClaim): Seen[] {
  const articles = claim.appearances.map(
    (a: Appearance): Seen => ({ url: a.article.url, headline: a.article.title, datePublished: a.article.publishedAt, publisher: a.article.publisher?.name ?? null, inLanguage: null }),
  );
  const known = new Set(articles.map((a) => a.url));
  const external = claim.externalAppearances
    .filter((x) => !known.has(x.url))
    .map((x): Seen => ({ url: x.url, headline: x.title, datePublished: x.datePublished, publisher: null, inLanguage: x.inLanguage }));
  return [...articles, ...external];
}

/** "Xi Jinping (declared) → Kremlin press service (reported) → Kyiv Independent". */
export function chainText(chain: readonly Link[]): string {
  return chain.map((l) => (l.cue ? `${l.source.name} (${l.cue})` : l.source.name)).join(" → ");
}

/** Earliest-published first; undated ones keep their order at the end (articles before external pages). */
function byPublication(appearances: readonly Seen[]): Seen[] {
  const time = (a: Seen) => a.datePublished?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...appearances].sort((a, b) => time(a) - time(b));
}

function claimNode(claim: ReviewedClaim): JsonLdNode {
  const node: JsonLdNode = { "@type": "Claim" };
  const author = speakerNode(claim.chain[0]);
  if (author) node.author = author;
  // The earliest dated appearance, ours or external, is where the claim first appeared.
  const ordered = byPublication(appearancesOf(claim));
  const first = ordered[0];
  if (ordered.length) node.appearance = ordered.map(appearanceNode);
  if (first) node.firstAppearance = appearanceNode(first);
  if (first?.datePublished) node.datePublished = first.datePublished.toISOString();
  return node;
}

/**
 * schema.org ClaimReview for a published claim. One top-level ClaimReview rates the
 * CONTENT (what Google and Fact Check Explorer read); the ATTRIBUTION verdict is a second,
 * complete ClaimReview nested under `associatedClaimReview` (a Review property), whose
 * claimReviewed is "<speaker> said: <statement>". The chain of who passed the words on is
 * spelled out in `reviewBody` of both. See README "ClaimReview".
 */
export function buildClaimReview(claim: ReviewedClaim, ctx: ReviewContext): JsonLdNode {
  const url = factCheckUrl(ctx.organization.factCheckUrlTemplate, claim.id);
  const author: JsonLdNode = { "@type": "Organization", name: ctx.organization.name };
  const site = siteUrl(ctx.organization.factCheckUrlTemplate);
  if (site) author.url = site;
  const content = claim.verdicts.find((v) => v.kind === "content");
  const attribution = claim.verdicts.find((v) => v.kind === "attribution");
  const speaker = claim.chain[0]?.source.name;
  const chain = chainText(claim.chain);
  const datePublished = (claim.publishedAt ?? claim.updatedAt).toISOString();
  const itemReviewed = claimNode(claim);

  const body = [
    attribution ? `Attribution: ${attribution.rating.label}.` : null,
    content ? `Content: ${content.rating.label}.` : null,
    chain ? `Chain: ${chain}.` : null,
    claim.status === "corrected" ? "This fact check was corrected." : null,
  ].filter((x): x is string => x !== null);

  const review: JsonLdNode = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    // The statement as the editors normalised it, never cut: a truncated claim is another claim.
    claimReviewed: claim.statement,
    url,
    author,
    datePublished,
    itemReviewed,
    reviewBody: body.join(" "),
  };
  if (content) review.reviewRating = rating(content, ctx.bounds.content);
  if (attribution) {
    review.associatedClaimReview = {
      "@type": "ClaimReview",
      claimReviewed: speaker ? `${speaker} said: ${claim.statement}` : claim.statement,
      url: `${url}#attribution`,
      author,
      datePublished,
      itemReviewed,
      reviewRating: rating(attribution, ctx.bounds.attribution),
      reviewBody: [`Who said it: ${attribution.rating.label}.`, chain ? `Chain: ${chain}.` : null].filter((x): x is string => x !== null).join(" "),
    };
  }
  return review;
}

/** The same review without its @context, for embedding in a feed that declares it once. */
export function withoutContext(node: JsonLdNode): JsonLdNode {
  const { "@context": _ignored, ...rest } = node;
  return rest;
}
