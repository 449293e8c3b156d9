import type { Prisma } from "../generated/prisma/client";
import type { Role, VerdictKind } from "../generated/prisma/enums";
import type { ClaimWithRelations } from "../claims/claim-queries";
import { appendEvent } from "../events/event-log";
import { roleRank } from "../http/api-router";
import { AppError } from "../http/problem";
import type { Actor } from "../http/types";
import { newId } from "../lib/ids";
import { activeLabelKeys, findLabelForVerdict } from "../scales/rating-labels";
import { loadClaim, lockClaimForChange } from "./claim-lock";
import { assertCorrectable, verdictSummaries } from "./publish-checks";
import type { EvidenceInput } from "./verification-schemas";
import { publishedStatuses } from "./workflow-table";

export interface PutVerdictOptions {
  organizationId: string;
  claimId: string;
  kind: VerdictKind;
  expectedVersion: number;
  actor: Actor;
  role: Role;
  rating: string;
  rationale: string;
  evidence: EvidenceInput[];
  correctionNote?: string;
}

const ratingColumn = { attribution: "attributionRatingKey", content: "contentRatingKey" } as const;

type VerdictRow = Prisma.VerdictGetPayload<{ include: { rating: true; evidence: true } }>;

/** What the event log keeps of a verdict. */
function verdictSnapshot(v: VerdictRow) {
  return {
    kind: v.kind,
    rating: v.rating.key,
    rationale: v.rationale,
    evidence: [...v.evidence]
      .sort((a, b) => a.position - b.position)
      .map((e) => ({ url: e.url, title: e.title, quote: e.quote, accessedAt: e.accessedAt?.toISOString() ?? null, isPrimarySource: e.isPrimarySource })),
    reviewer: { type: v.reviewerType, id: v.reviewerId },
    version: v.version,
  };
}

/**
 * Sets a claim's verdict of one kind (creating or replacing it with its evidence), keeps the
 * claim's denormalised rating key in step and bumps the claim's version. On a published
 * claim the change is a correction: it needs a note and an editor, and moves the claim to
 * `corrected` in the same transaction, so a public verdict never changes silently.
 */
export async function putVerdict(tx: Prisma.TransactionClient, opts: PutVerdictOptions): Promise<ClaimWithRelations> {
  const { organizationId, claimId, kind, actor } = opts;
  const claim = await lockClaimForChange(tx, organizationId, claimId, opts.expectedVersion);
  if (claim.status === "archived") throw new AppError(409, "claim_archived", "The claim is archived; restore it (transition to `new`) before changing its verdicts.");
  if (claim.status === "retracted") throw new AppError(409, "claim_retracted", "The claim is retracted; its verdicts can no longer change.");

  const isCorrection = publishedStatuses.includes(claim.status);
  if (isCorrection) {
    if (roleRank[opts.role] < roleRank.editor) {
      throw new AppError(403, "forbidden", `The claim is ${claim.status}: changing its verdict is a correction, which needs the editor role or higher; you have ${opts.role}.`);
    }
    if (!opts.correctionNote) {
      throw new AppError(422, "correction_note_required", `The claim is ${claim.status}: changing a verdict is a public correction. Say what changed in correctionNote.`, {
        errors: [{ field: "correctionNote", message: "Required for a published claim.", code: "correction_note_required" }],
      });
    }
  } else if (opts.correctionNote !== undefined) {
    throw new AppError(422, "correction_not_applicable", `The claim is ${claim.status}, not published: this is not a correction. Leave correctionNote out.`, {
      errors: [{ field: "correctionNote", message: "Only for published or corrected claims.", code: "correction_not_applicable" }],
    });
  }

  const label = await findLabelForVerdict(tx, organizationId, kind, opts.rating);
  if (!label || label.retiredAt) {
    const allowed = await activeLabelKeys(tx, organizationId, kind);
    const [code, message] = label
      ? ["rating_retired", `The ${kind} label "${opts.rating}" is retired; new verdicts cannot use it.`]
      : ["unknown_rating", `"${opts.rating}" is not a label of the organization's ${kind} scale.`];
    throw new AppError(422, code, message, { allowed, errors: [{ field: "rating", message, code }] });
  }
  if (!actor.id) throw new Error("a verdict needs an identified reviewer");
  if (isCorrection) {
    // Checked on the verdicts as they will be, before anything is written.
    const after = (await verdictSummaries(tx, organizationId, claimId)).filter((v) => v.kind !== kind);
    after.push({ kind, evidenceCount: opts.evidence.length, reviewerType: actor.type, reviewerId: actor.id });
    await assertCorrectable(tx, organizationId, after, kind, actor);
  }

  const existing = await tx.verdict.findUnique({
    where: { organizationId_claimId_kind: { organizationId, claimId, kind } },
    include: { rating: true, evidence: true },
  });
  const reviewer = { ratingLabelId: label.id, rationale: opts.rationale, reviewerType: actor.type, reviewerId: actor.id };
  const verdictId = existing?.id ?? newId();
  if (existing) {
    await tx.verdict.update({ where: { organizationId_id: { organizationId, id: verdictId } }, data: { ...reviewer, version: { increment: 1 } } });
    await tx.evidenceItem.deleteMany({ where: { organizationId, verdictId } });
  } else {
    await tx.verdict.create({ data: { organizationId, id: verdictId, claimId, kind, ...reviewer } });
  }
  if (opts.evidence.length > 0) {
    await tx.evidenceItem.createMany({
      data: opts.evidence.map((e, position) => ({
        organizationId,
        id: newId(),
        verdictId,
        position,
        url: e.url,
        title: e.title,
        quote: e.quote ?? null,
        accessedAt: e.accessedAt ? new Date(e.accessedAt) : null,
        isPrimarySource: "isPrimarySource" in e ? e.isPrimarySource : false,
      })),
    });
  }
  await tx.claim.update({
    where: { organizationId_id: { organizationId, id: claimId } },
    data: { [ratingColumn[kind]]: label.key, ...(isCorrection ? { status: "corrected" as const } : {}) },
  });

  const saved = await tx.verdict.findUnique({ where: { organizationId_id: { organizationId, id: verdictId } }, include: { rating: true, evidence: true } });
  if (!saved) throw new Error("verdict vanished inside its transaction");
  await appendEvent(tx, organizationId, {
    actor,
    action: "verdict.updated",
    entityType: "verdict",
    entityId: verdictId,
    claimId,
    before: existing ? verdictSnapshot(existing) : null,
    after: verdictSnapshot(saved),
  });
  if (isCorrection) {
    await appendEvent(tx, organizationId, {
      actor,
      action: "claim.corrected",
      entityType: "claim",
      entityId: claimId,
      claimId,
      before: { status: claim.status },
      after: { status: "corrected", note: opts.correctionNote, verdict: kind },
    });
  }
  return loadClaim(tx, organizationId, claimId);
}
