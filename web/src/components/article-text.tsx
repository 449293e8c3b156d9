import type { Ref } from "preact";
import type { ArticleClaim } from "../api/api-types";
import { segmentText } from "../lib/text-segments";
import { href } from "../router";

/**
 * An article's text with every anchored claim's span marked; the current claim's span
 * (if any) is highlighted differently and the first run of it has the id "current-span".
 * With `linkOthers`, other claims' spans link to their desks; without it (the article
 * view, where people select text to add claims) they are plain marks, so a drag that
 * starts inside one selects text instead of dragging a link. The text is rendered exactly
 * (pre-wrap), so selections map to the API's UTF-16 offsets.
 */
export function ArticleText({ text, claims, currentClaimId, pending, containerRef, label, linkOthers }: {
  text: string;
  claims: readonly ArticleClaim[];
  currentClaimId?: string;
  /** A passage chosen for a new claim, shown while its form is open. */
  pending?: { start: number; end: number } | null;
  containerRef?: Ref<HTMLDivElement>;
  label: string;
  linkOthers: boolean;
}) {
  const PENDING = "pending-selection";
  const spans = claims.filter((c) => c.span).map((c) => ({ id: c.claimId, start: c.span!.start, end: c.span!.end }));
  if (pending) spans.push({ id: PENDING, start: pending.start, end: pending.end });
  const byId = new Map(claims.map((c) => [c.claimId, c]));
  const segments = segmentText(text, spans);
  let currentSeen = false;
  return (
    <div class="article-text" ref={containerRef} aria-label={label} role="region" tabIndex={-1}>
      {segments.map((seg) => {
        if (seg.spans.length === 0) return seg.text;
        if (seg.spans.some((s) => s.id === PENDING)) {
          return (
            <mark key={seg.start} class="span span-pending" title="The passage of the new claim">
              {seg.text}
            </mark>
          );
        }
        const isCurrent = seg.spans.some((s) => s.id === currentClaimId);
        const target = isCurrent ? currentClaimId! : seg.spans[0]!.id;
        const title = `Claim: ${byId.get(target)?.statement ?? ""}`;
        if (isCurrent) {
          const first = !currentSeen;
          currentSeen = true;
          return (
            <mark key={seg.start} id={first ? "current-span" : undefined} class="span span-current" data-claim-id={target} title={title}>
              {seg.text}
            </mark>
          );
        }
        if (!linkOthers) {
          return (
            <mark key={seg.start} class="span span-other" data-claim-id={target} title={title}>
              {seg.text}
            </mark>
          );
        }
        return (
          // Out of the tab order: a long article would put dozens of stops before the verdict
          // forms; keyboard users move between claims with j/k and the article's claim list.
          <a key={seg.start} class="span span-other" href={href(`claims/${target}`)} data-claim-id={target} title={title} tabIndex={-1}>
            {seg.text}
          </a>
        );
      })}
    </div>
  );
}
