import type { ClaimStatus, Verdict, VerdictKind } from "../api/api-types";
import { statusLabels } from "../lib/format";

/**
 * Badges are dark text on a light background (AA contrast whatever the scale's colours);
 * the rating's own colour is a swatch beside the text, never the text's background.
 */
export function StatusBadge({ status }: { status: ClaimStatus }) {
  return (
    <span class={`badge status status-${status}`}>
      <span class="badge-name">Status</span> {statusLabels[status]}
    </span>
  );
}

const kindNames: Record<VerdictKind, string> = { attribution: "Attribution", content: "Content" };

export function VerdictBadge({ kind, verdict }: { kind: VerdictKind; verdict: Verdict | null }) {
  return (
    <span class={`badge verdict verdict-${kind}${verdict ? "" : " verdict-none"}`}>
      <span class="badge-name">{kindNames[kind]}</span>{" "}
      {verdict ? (
        <>
          <span class="swatch" aria-hidden="true" style={{ backgroundColor: verdict.rating.colour }} />
          {verdict.rating.label}
        </>
      ) : (
        <span>not rated</span>
      )}
    </span>
  );
}
