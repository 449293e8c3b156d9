import { factCheckUrl, type JsonLdNode } from "./claimreview-builder";
import type { ReviewedClaim } from "./claimreview-queries";

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}

/**
 * JSON for a <script> element. `<` becomes \u003c so "</script>" or "<!--" inside user
 * text cannot end the element; U+2028/2029 are escaped for old JavaScript parsers. The
 * result is still the same JSON value.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function badge(kind: string, v: ReviewedClaim["verdicts"][number] | undefined): string {
  const label = v ? v.rating.label : "Not rated";
  const colour = v && /^#[0-9a-fA-F]{6}$/.test(v.rating.colour) ? v.rating.colour : "#6e7781";
  return (
    `<li class="ct-verdict ct-verdict-${kind}"><span class="ct-verdict-kind">${kind === "attribution" ? "Who said it" : "Is it true"}:</span> ` +
    `<strong class="ct-badge" style="border-left:4px solid ${colour};padding-left:4px">${escapeHtml(label)}</strong></li>`
  );
}

/**
 * A small, self-contained card for CMS templates: a <figure> labelled by the statement,
 * the speaker, both verdicts as labelled badges (text, not colour alone), a link to the
 * fact check and the ClaimReview JSON-LD. Every piece of user text is HTML-escaped.
 */
export function renderEmbedCard(claim: ReviewedClaim, review: JsonLdNode, urlTemplate: string): string {
  const id = `ct-claim-${claim.id}`;
  const speaker = claim.chain[0]?.source.name;
  const url = factCheckUrl(urlTemplate, claim.id);
  const verdict = (k: string) => claim.verdicts.find((v) => v.kind === k);
  return [
    `<figure class="claimtrail-card" id="${id}" role="group" aria-labelledby="${id}-statement">`,
    `<blockquote id="${id}-statement" class="ct-statement">${escapeHtml(claim.statement)}</blockquote>`,
    speaker ? `<figcaption class="ct-speaker">Attributed to <span>${escapeHtml(speaker)}</span></figcaption>` : "",
    `<ul class="ct-verdicts" aria-label="Verdicts">${badge("attribution", verdict("attribution"))}${badge("content", verdict("content"))}</ul>`,
    `<p class="ct-link"><a href="${escapeHtml(url)}">Read the fact check<span class="ct-visually-hidden"> of this claim</span></a></p>`,
    `<script type="application/ld+json">${scriptSafeJson(review)}</script>`,
    `</figure>`,
  ]
    .filter((s) => s !== "")
    .join("\n");
}
