import type { Comment, Prisma } from "../generated/prisma/client";
import { appendEvent } from "../events/event-log";
import type { ActorRef, NamedActor } from "../history/actor-names";
import type { Actor } from "../http/types";
import { newId } from "../lib/ids";
import { assertClaimExists } from "../verification/claim-lock";

export const authorOf = (c: Comment): ActorRef => ({ type: c.authorType, id: c.authorId });

/** `author` comes from actorNamer, so that readers see who wrote it by name. */
export function presentComment(c: Comment, author: NamedActor) {
  return { id: c.id, claimId: c.claimId, author, body: c.body, createdAt: c.createdAt.toISOString() };
}

/** Adds a comment to a claim. A comment does not change the claim, so no If-Match. */
export async function createComment(tx: Prisma.TransactionClient, opts: { organizationId: string; claimId: string; body: string; actor: Actor }): Promise<Comment> {
  const { organizationId, claimId, actor } = opts;
  await assertClaimExists(tx, organizationId, claimId);
  if (!actor.id) throw new Error("a comment needs an identified author");
  // Set createdAt here so the cursor order (createdAt, id) matches the id's time order.
  const comment = await tx.comment.create({
    data: { organizationId, id: newId(), claimId, authorType: actor.type, authorId: actor.id, body: opts.body, createdAt: new Date() },
  });
  await appendEvent(tx, organizationId, {
    actor,
    action: "comment.created",
    entityType: "comment",
    entityId: comment.id,
    claimId,
    after: { body: comment.body },
  });
  return comment;
}

/** Oldest first; keyset on (createdAt, id) so new comments never shift a page. */
export async function listComments(
  db: Prisma.TransactionClient,
  opts: { organizationId: string; claimId: string; limit: number; after?: { createdAt: Date; id: string } },
): Promise<Comment[]> {
  const where: Prisma.CommentWhereInput = { organizationId: opts.organizationId, claimId: opts.claimId };
  if (opts.after) {
    where.OR = [{ createdAt: { gt: opts.after.createdAt } }, { createdAt: opts.after.createdAt, id: { gt: opts.after.id } }];
  }
  return db.comment.findMany({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: opts.limit });
}
