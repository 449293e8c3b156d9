/** The event types a subscription can ask for. */
export const webhookEventTypes = [
  "claim.created",
  "claim.updated",
  "verdict.changed",
  "claim.published",
  "claim.corrected",
  "claim.retracted",
  "article.revised",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** The event-log fields the mapping reads. */
export interface MappableEvent {
  action: string;
  after: unknown;
}

function transitionTarget(after: unknown): string | null {
  if (after && typeof after === "object" && "to" in after) {
    const to = (after as { to: unknown }).to;
    return typeof to === "string" ? to : null;
  }
  return null;
}

/**
 * Which webhook type an event-log action is, or null for actions no subscriber can ask
 * for (users, keys, sessions, sources…). Every claim-shaped change that is not one of the
 * named lifecycle moments is "claim.updated", so receivers never miss a change to a claim.
 */
export function webhookTypeFor(e: MappableEvent): WebhookEventType | null {
  switch (e.action) {
    case "claim.created":
      return "claim.created";
    case "claim.updated":
    case "claim.appearance_added":
    case "claim.assigned":
    case "claim.archived":
    case "claim.reanchored":
    case "claim.anchor_lost":
      return "claim.updated";
    case "verdict.updated":
      return "verdict.changed";
    case "claim.corrected":
      return "claim.corrected";
    case "claim.transitioned": {
      const to = transitionTarget(e.after);
      if (to === "published") return "claim.published";
      if (to === "corrected") return "claim.corrected";
      if (to === "retracted") return "claim.retracted";
      return "claim.updated";
    }
    case "article.revised":
      return "article.revised";
    default:
      return null;
  }
}
