import type { ActorType, VerdictKind } from "../generated/prisma/enums";
import type { Actor } from "../http/types";

export interface VerdictSummary {
  kind: VerdictKind;
  evidenceCount: number;
  reviewerType: ActorType;
  reviewerId: string;
}

export interface Requirement {
  requirement: string;
  message: string;
}

const kinds: VerdictKind[] = ["attribution", "content"];

/** What a claim lacks to be marked ready: both verdicts. */
export function readyRequirements(verdicts: VerdictSummary[]): Requirement[] {
  return kinds
    .filter((k) => !verdicts.some((v) => v.kind === k))
    .map((k) => ({ requirement: `${k}_verdict`, message: `The ${k} verdict is missing.` }));
}

/** What a claim lacks to be published: both verdicts, each with at least one evidence item. */
export function publishRequirements(verdicts: VerdictSummary[]): Requirement[] {
  const missing = readyRequirements(verdicts);
  for (const k of kinds) {
    const v = verdicts.find((x) => x.kind === k);
    if (v && v.evidenceCount === 0) missing.push({ requirement: `${k}_evidence`, message: `The ${k} verdict has no evidence item.` });
  }
  return missing;
}

/** The verdicts whose reviewer is the would-be publisher (none allowed with a second-reviewer rule). */
export function verdictsReviewedBy(verdicts: VerdictSummary[], publisher: Actor): VerdictKind[] {
  return verdicts.filter((v) => v.reviewerType === publisher.type && v.reviewerId === publisher.id).map((v) => v.kind);
}
