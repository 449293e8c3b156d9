import type { ClaimStatus, Role } from "../api/api-types";

/**
 * The workflow as the service defines it in src/verification/workflow-table.ts, mirrored
 * so the desk offers only the moves the user's role may make (the service still checks
 * every one). tests/browser/workflow-mirror.test.ts fails when the two drift apart.
 */
export interface Transition {
  from: ClaimStatus;
  to: ClaimStatus;
  minRole: Role;
}

export const claimStatuses: readonly ClaimStatus[] = ["new", "in_review", "ready", "published", "corrected", "retracted", "archived"];

export const transitions: readonly Transition[] = [
  { from: "new", to: "in_review", minRole: "fact_checker" },
  { from: "in_review", to: "ready", minRole: "fact_checker" },
  { from: "ready", to: "in_review", minRole: "fact_checker" },
  { from: "ready", to: "published", minRole: "editor" },
  { from: "published", to: "corrected", minRole: "editor" },
  { from: "corrected", to: "corrected", minRole: "editor" },
  { from: "published", to: "retracted", minRole: "editor" },
  { from: "corrected", to: "retracted", minRole: "editor" },
  ...claimStatuses.filter((s) => s !== "archived").map((from): Transition => ({ from, to: "archived", minRole: "editor" })),
  { from: "archived", to: "new", minRole: "editor" },
];

/** Moves that must say why (readers see the note next to the verdict). */
export const noteRequired: readonly ClaimStatus[] = ["corrected", "retracted"];

/** Statuses whose verdicts are public: changing a verdict then is a correction. */
export const publishedStatuses: readonly ClaimStatus[] = ["published", "corrected"];

/** What the button says for a move, by target (and source where it matters). */
export function actionLabel(t: Pick<Transition, "from" | "to">): string {
  if (t.to === "in_review") return t.from === "ready" ? "Send back to review" : "Start review";
  if (t.to === "ready") return "Mark ready to publish";
  if (t.to === "published") return "Publish";
  if (t.to === "corrected") return "Publish a correction";
  if (t.to === "retracted") return "Retract";
  if (t.to === "archived") return "Archive";
  return "Restore";
}
