import { randomBytes } from "node:crypto";
import type { Database } from "../../src/db/database";
import { appendEvent } from "../../src/events/event-log";
import type { ClaimStatus, Role, VerdictKind } from "../../src/generated/prisma/enums";
import { newId } from "../../src/lib/ids";

/** Test fixtures for verdicts, workflow, comments and history (src/verification & co). */

export const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
export const ifMatch = (version: number | string) => ({ "If-Match": typeof version === "number" ? `"${version}"` : version });

/** A claim of its own (no article needed: verification does not look at anchors). */
export async function createClaim(db: Database, organizationId: string, opts: { status?: ClaimStatus; statement?: string } = {}): Promise<string> {
  const id = newId();
  const statement = opts.statement ?? `Test claim ${randomBytes(4).toString("hex")}`;
  await db.prisma.$transaction(async (tx) => {
    await tx.claim.create({ data: { organizationId, id, statement, kind: "statement", fidelity: "verbatim", status: opts.status ?? "new" } });
    await appendEvent(tx, organizationId, { actor: { type: "system", id: null }, action: "claim.created", entityType: "claim", entityId: id, claimId: id, after: { statement } });
  });
  return id;
}

/** Puts a claim straight into a state (bypassing the workflow) to test what follows from it. */
export async function forceStatus(db: Database, organizationId: string, claimId: string, status: ClaimStatus): Promise<number> {
  const c = await db.prisma.claim.update({ where: { organizationId_id: { organizationId, id: claimId } }, data: { status }, select: { version: true } });
  return c.version;
}

export async function claimVersion(db: Database, organizationId: string, claimId: string): Promise<number> {
  const c = await db.prisma.claim.findUniqueOrThrow({ where: { organizationId_id: { organizationId, id: claimId } }, select: { version: true } });
  return c.version;
}

/** Both verdicts with one evidence item each, written directly, by a reviewer that is no test key. */
export async function giveVerdicts(db: Database, organizationId: string, claimId: string, opts: { evidence?: boolean; kinds?: VerdictKind[] } = {}): Promise<void> {
  const reviewerId = newId();
  for (const kind of opts.kinds ?? (["attribution", "content"] as const)) {
    const label = await db.prisma.ratingLabel.findFirstOrThrow({ where: { organizationId, scale: { kind }, retiredAt: null }, orderBy: { position: "asc" } });
    const verdictId = newId();
    await db.prisma.verdict.create({
      data: { organizationId, id: verdictId, claimId, kind, ratingLabelId: label.id, rationale: "Checked.", reviewerType: "api_key", reviewerId },
    });
    if (opts.evidence !== false) {
      await db.prisma.evidenceItem.create({ data: { organizationId, id: newId(), verdictId, position: 0, url: "https://example.org/transcript", title: "Transcript" } });
    }
  }
}

export async function createUser(db: Database, organizationId: string, opts: { role?: Role; disabled?: boolean } = {}): Promise<string> {
  const id = newId();
  const tag = randomBytes(4).toString("hex");
  await db.prisma.user.create({
    data: {
      organizationId,
      id,
      email: `user-${tag}@example.org`,
      name: `User ${tag}`,
      role: opts.role ?? "fact_checker",
      passwordHash: "$argon2id$not-a-real-hash",
      disabledAt: opts.disabled ? new Date() : null,
    },
  });
  return id;
}

export async function eventsOf(db: Database, organizationId: string, where: { action?: string; claimId?: string; entityId?: string }) {
  return db.prisma.event.findMany({ where: { organizationId, ...where }, orderBy: { seq: "asc" } });
}

export const attributionVerdict = (overrides: Record<string, unknown> = {}) => ({
  rating: "accurate",
  rationale: "The **Kremlin readout** has these words.",
  evidence: [{ url: "https://example.org/readout", title: "Kremlin readout", quote: "a new height", accessedAt: "2024-05-16T10:00:00Z", isPrimarySource: true }],
  ...overrides,
});

export const contentVerdict = (overrides: Record<string, unknown> = {}) => ({
  rating: "mostly_true",
  rationale: "Trade figures support it.",
  evidence: [{ url: "https://example.org/trade", title: "Trade statistics" }],
  ...overrides,
});
