import type { RatingLabel, RatingScale } from "../generated/prisma/client";
import { scaleEtag } from "./scale-etag";

export function presentRatingLabel(l: RatingLabel) {
  return {
    key: l.key,
    label: l.label,
    description: l.description,
    colour: l.colour,
    value: l.value,
    position: l.position,
    retiredAt: l.retiredAt?.toISOString() ?? null,
  };
}

/** Active labels in scale order, then retired ones. */
export function presentRatingScale(s: RatingScale & { labels: RatingLabel[] }) {
  const labels = [...s.labels].sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null) || a.position - b.position);
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    etag: scaleEtag(s.updatedAt),
    updatedAt: s.updatedAt.toISOString(),
    labels: labels.map(presentRatingLabel),
  };
}
