import type { ClaimStatus, Role } from "../generated/prisma/enums";

/**
 * The verification workflow, as one table: every legal (from → to) pair and the lowest
 * role that may make it. Anything not listed is illegal. Tests walk every pair of states
 * against this table, so a change here is a change of the documented workflow.
 *
 *   new → in_review → ready → published → corrected ⟲ → retracted
 *                      ↩ (back to in_review)      ↘ retracted
 *   any state except archived → archived;  archived → new (restore)
 */
export const claimStatuses = ["new", "in_review", "ready", "published", "corrected", "retracted", "archived"] as const satisfies readonly ClaimStatus[];

export interface Transition {
  from: ClaimStatus;
  to: ClaimStatus;
  minRole: Role;
}

const reviewSteps: Transition[] = [
  { from: "new", to: "in_review", minRole: "fact_checker" },
  { from: "in_review", to: "ready", minRole: "fact_checker" },
  { from: "ready", to: "in_review", minRole: "fact_checker" },
];

// Publishing, correcting and retracting speak for the organization in public: editors only.
const publicationSteps: Transition[] = [
  { from: "ready", to: "published", minRole: "editor" },
  { from: "published", to: "corrected", minRole: "editor" },
  { from: "corrected", to: "corrected", minRole: "editor" },
  { from: "published", to: "retracted", minRole: "editor" },
  { from: "corrected", to: "retracted", minRole: "editor" },
];

const archiveSteps: Transition[] = [
  ...claimStatuses.filter((s) => s !== "archived").map((from): Transition => ({ from, to: "archived", minRole: "editor" })),
  { from: "archived", to: "new", minRole: "editor" },
];

export const transitions: readonly Transition[] = [...reviewSteps, ...publicationSteps, ...archiveSteps];

export function findTransition(from: ClaimStatus, to: ClaimStatus): Transition | undefined {
  return transitions.find((t) => t.from === from && t.to === to);
}

/** Targets reachable from a state, in table order (for 409 illegal_transition). */
export function allowedTargets(from: ClaimStatus): ClaimStatus[] {
  return transitions.filter((t) => t.from === from).map((t) => t.to);
}

/** States whose verdicts are public: changing one is a correction, never a silent edit. */
export const publishedStatuses: readonly ClaimStatus[] = ["published", "corrected"];

/** Transitions that must say why (they are shown to readers next to the verdict). */
export const noteRequiredTargets: readonly ClaimStatus[] = ["corrected", "retracted"];
