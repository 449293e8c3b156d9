import { z } from "zod";
import { cursorSchema, limitSchema } from "../http/common-schemas";
import { namedActorSchema } from "../history/history-schemas";

export const commentSchema = z
  .object({
    id: z.uuid(),
    claimId: z.uuid(),
    author: namedActorSchema,
    body: z.string().describe("Markdown, rendered with a sanitiser."),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Comment" });

export const commentListSchema = z.object({ data: z.array(commentSchema), nextCursor: z.string().nullable() }).meta({ id: "CommentList" });

export const createCommentBody = z
  .strictObject({ body: z.string().trim().min(1).max(10_000).describe("Markdown, 1–10,000 characters.") })
  .meta({ id: "CreateComment" });

export const listCommentsQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema });
