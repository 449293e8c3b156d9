import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { idParams } from "../http/common-schemas";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { idempotentWrite } from "../http/idempotent-write";
import { assertClaimExists } from "../verification/claim-lock";
import { createWriteHeaders } from "../verification/write-docs";
import { actorNamer } from "../history/actor-names";
import { authorOf, createComment, listComments, presentComment } from "./comment-queries";
import { commentListSchema, commentSchema, createCommentBody, listCommentsQuery } from "./comment-schemas";

export function registerCommentRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "post",
      path: "/claims/:id/comments",
      operationId: "createComment",
      summary: "Comment on a claim",
      description: "Comments are the reviewers' working notes; they do not change the claim (no If-Match, the claim's ETag stays).",
      tags: ["Comments"],
      access: "fact_checker",
      params: idParams,
      resource: "Claim",
      headers: createWriteHeaders,
      body: createCommentBody,
      responses: { 201: { description: "The comment.", schema: commentSchema } },
    },
    async ({ req, res, params, body, auth }) => {
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const comment = await createComment(tx, { organizationId: auth.organizationId, claimId: params.id, body: body.body, actor: auth.actor });
        const named = await actorNamer(tx, auth.organizationId, [authorOf(comment)]);
        return { status: 201, body: presentComment(comment, named(authorOf(comment))) };
      });
    },
  );

  api.operation(
    {
      method: "get",
      path: "/claims/:id/comments",
      operationId: "listComments",
      summary: "A claim's comments, oldest first",
      tags: ["Comments"],
      access: "viewer",
      params: idParams,
      resource: "Claim",
      query: listCommentsQuery,
      responses: { 200: { description: "A page of comments; pass nextCursor as cursor for the next one.", schema: commentListSchema } },
    },
    async ({ res, params, query, auth }) => {
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      await assertClaimExists(db.prisma, auth.organizationId, params.id);
      const rows = await listComments(db.prisma, { organizationId: auth.organizationId, claimId: params.id, limit: query.limit + 1, after });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const named = await actorNamer(db.prisma, auth.organizationId, page.map(authorOf));
      res.json({ data: page.map((c) => presentComment(c, named(authorOf(c)))), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null });
    },
  );
}
