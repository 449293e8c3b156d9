import { fieldsFromWrite } from "../articles/article-fields";
import { lockArticleByExternalId, lockExternalId } from "../articles/article-queries";
import { createArticle } from "../articles/create-article";
import { changeArticle } from "../articles/revise-article";
import type { CreateClaimInput } from "../claims/create-claim";
import { createClaim } from "../claims/create-claim";
import { updateClaim } from "../claims/update-claim";
import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../http/problem";
import type { Actor } from "../http/types";
import { createSource } from "../sources/create-source";
import type { ImportClaimData, ImportLine, ImportLineStatus } from "./import-schemas";

export type RefType = ImportLine["type"];
/** ref → the record an earlier line of this import created or updated. */
export type RefMap = Map<string, { type: RefType; id: string }>;

export interface ImportContext {
  organizationId: string;
  actor: Actor;
  refs: RefMap;
}

const unknownRef = (field: string, ref: string, type: RefType) =>
  new AppError(422, "unknown_ref", `No ${type} line with ref "${ref}" was imported before this line.`, {
    errors: [{ field, message: `No earlier ${type} line has this ref (or it was rejected).`, code: "unknown_ref" }],
  });

function lookup(ctx: ImportContext, ref: string, type: RefType, field: string): string {
  const found = ctx.refs.get(ref);
  if (!found || found.type !== type) throw unknownRef(field, ref, type);
  return found.id;
}

/** Replaces `articleRef` and `{ ref }` sources by the ids of the records they name. */
export function resolveRefs(ctx: ImportContext, data: ImportClaimData): CreateClaimInput {
  const { anchor, chain, ...rest } = data;
  const resolvedAnchor =
    "articleRef" in anchor
      ? (({ articleRef, ...a }) => ({ ...a, articleId: lookup(ctx, articleRef, "article", "data.anchor.articleRef") }))(anchor)
      : anchor;
  const resolvedChain = chain.map((link, i) => {
    const source = link.source;
    return "ref" in source ? { ...link, source: { id: lookup(ctx, source.ref, "source", `data.chain.${i}.source.ref`) } } : { ...link, source };
  });
  return { ...rest, anchor: resolvedAnchor, chain: resolvedChain };
}

async function importArticle(tx: Prisma.TransactionClient, ctx: ImportContext, data: Extract<ImportLine, { type: "article" }>["data"]) {
  const { organizationId, actor } = ctx;
  const externalId = data.externalId ?? null;
  const fields = fieldsFromWrite(data, externalId);
  if (externalId !== null) {
    // The same lock order as PUT /v1/articles/by-external-id: externalId, then the article.
    await lockExternalId(tx, organizationId, externalId);
    const existing = await lockArticleByExternalId(tx, organizationId, externalId);
    if (existing !== null) {
      const current = await tx.article.findUnique({ where: { organizationId_id: { organizationId, id: existing } }, select: { version: true } });
      const outcome = await changeArticle(tx, {
        organizationId,
        actor,
        articleId: existing,
        next: () => fields,
        text: data.text,
        // The row is locked: the version just read is the current one.
        precondition: { kind: "if-match", expectedVersion: current?.version ?? 0 },
      });
      return { id: existing, status: (outcome.changed ? "updated" : "unchanged") as ImportLineStatus };
    }
  }
  const id = await createArticle(tx, { organizationId, actor, fields, text: data.text });
  return { id, status: "created" as ImportLineStatus };
}

async function importClaim(tx: Prisma.TransactionClient, ctx: ImportContext, data: ImportClaimData) {
  const { organizationId, actor } = ctx;
  const input = resolveRefs(ctx, data);
  if (input.externalId !== undefined) {
    const existing = await tx.claim.findUnique({ where: { organizationId_externalId: { organizationId, externalId: input.externalId } }, select: { id: true, version: true } });
    if (existing) {
      // updateClaim's conditional UPDATE … WHERE version = expected makes a concurrent change a rejected line, not a lost update.
      await updateClaim(tx, {
        organizationId,
        actor,
        id: existing.id,
        expectedVersion: existing.version,
        input: { statement: input.statement, kind: input.kind, fidelity: input.fidelity, chain: input.chain },
      });
      return { id: existing.id, status: "updated" as ImportLineStatus };
    }
  }
  const claim = await createClaim(tx, { organizationId, actor, input });
  return { id: claim.id, status: "created" as ImportLineStatus };
}

/** Writes one valid line with the single-record use cases (each appends its own events). */
export async function importLine(tx: Prisma.TransactionClient, ctx: ImportContext, line: ImportLine): Promise<{ id: string; status: ImportLineStatus }> {
  switch (line.type) {
    case "source": {
      const source = await createSource(tx, { organizationId: ctx.organizationId, actor: ctx.actor, data: line.data });
      return { id: source.id, status: "created" };
    }
    case "article":
      return importArticle(tx, ctx, line.data);
    case "claim":
      return importClaim(tx, ctx, line.data);
  }
}
