import type { Prisma } from "../generated/prisma/client";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { loadSourceRefs } from "./known-sources-loader";
import { presentProposal, referencedSourceIds, type PresentedProposal, type ProposalRow, type StoredAttribution } from "./proposal-presenter";

type Reader = Pick<Prisma.TransactionClient, "extractionProposal" | "articleRevision" | "source">;

/** Presents rows with one query for their revisions' numbers and one for their sources. */
export async function presentProposals(db: Reader, organizationId: string, rows: ProposalRow[]): Promise<PresentedProposal[]> {
  if (rows.length === 0) return [];
  const revisions = await db.articleRevision.findMany({
    where: { organizationId, id: { in: [...new Set(rows.map((r) => r.revisionId))] } },
    select: { id: true, number: true },
  });
  const numbers = new Map(revisions.map((r) => [r.id, r.number]));
  const sources = await loadSourceRefs(db, organizationId, rows.flatMap((r) => referencedSourceIds(r.proposal as StoredAttribution)));
  return rows.map((r) => presentProposal(r, numbers, sources));
}

export async function findProposalRow(db: Reader, organizationId: string, id: string): Promise<ProposalRow | null> {
  return db.extractionProposal.findUnique({ where: { organizationId_id: { organizationId, id } } });
}

export interface ListProposalsOptions {
  organizationId: string;
  status: "pending" | "accepted" | "rejected" | "all";
  articleId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Newest first, keyset-paged on (createdAt, id). */
export async function listProposals(db: Reader, opts: ListProposalsOptions): Promise<{ data: PresentedProposal[]; nextCursor: string | null }> {
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  const rows = await db.extractionProposal.findMany({
    where: {
      organizationId: opts.organizationId,
      ...(opts.status === "all" ? {} : { status: opts.status }),
      ...(opts.articleId ? { articleId: opts.articleId } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
  });
  const page = rows.slice(0, opts.limit);
  const last = page[page.length - 1];
  return {
    data: await presentProposals(db, opts.organizationId, page),
    nextCursor: rows.length > opts.limit && last ? encodeCursor(last) : null,
  };
}
