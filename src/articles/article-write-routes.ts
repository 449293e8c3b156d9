import type { Request, Response } from "express";
import { z } from "zod";
import type { Database } from "../db/database";
import { Prisma } from "../generated/prisma/client";
import type { ApiRoutes } from "../http/api-router";
import { idParams } from "../http/common-schemas";
import { etagFor } from "../http/etag";
import { idempotentWrite, type WriteResult } from "../http/idempotent-write";
import { requireIfMatch, staleVersion } from "../http/preconditions";
import { AppError, notFound } from "../http/problem";
import type { AuthContext } from "../http/types";
import { validationError } from "../http/validate";
import { retryOnWriteConflict } from "../sources/retry-write-conflict";
import { conditionalWriteHeaders, conditionalWriteProblems, createWriteHeaders, problemResponse } from "../verification/write-docs";
import { fieldsFromPatch, fieldsFromWrite, type ArticleFields } from "./article-fields";
import { presentArticleWriteResult } from "./article-presenter";
import { findArticle, findArticleClaims, findRevisionRef, lockArticle, lockArticleByExternalId, lockExternalId, type Db } from "./article-queries";
import { articlePatchSchema, articleUpsertSchema, articleWriteResultSchema, articleWriteSchema, externalIdField, externalIdParams } from "./article-schemas";
import { createArticle } from "./create-article";
import { changeArticle, type ArticlePrecondition } from "./revise-article";

const written = { schema: articleWriteResultSchema, headers: { ETag: "The article's version." } };
const created = { description: "Created.", schema: articleWriteResultSchema, headers: { ETag: "The article's version.", Location: "The new article's address." } };
const writeProblems = {
  409: problemResponse("`externalId` is already used by another article of the organization (`articleId` names it)."),
  413: problemResponse("The request body is larger than 8 MB."),
  422: problemResponse("`publisherId` does not name a source of the organization."),
};
const revisionNote =
  "A different text (compared by SHA-256) becomes a new immutable revision, and every claim of the article is re-anchored to it by its quote " +
  "(TextQuoteSelector: exact text, prefix and suffix): a quote still found verbatim gets its new offsets; one that is gone becomes `anchor_lost` and keeps " +
  "the offsets of the last revision it was found in. The same text adds no revision.";

async function writeResult(tx: Db, organizationId: string, id: string, status: number): Promise<WriteResult> {
  const article = await findArticle(tx, organizationId, id);
  if (!article) throw notFound("Article");
  const latest = await findRevisionRef(tx, organizationId, id, article.latestRevision);
  const claims = await findArticleClaims(tx, organizationId, id);
  return {
    status,
    body: presentArticleWriteResult(article, latest, claims),
    headers: { ETag: etagFor(article.version), ...(status === 201 ? { Location: `/v1/articles/${id}` } : {}) },
  };
}

/**
 * Runs a change of an existing article. Two revisions of one article cannot both be
 * number N+1: the article row is locked first, and the unique (organizationId, articleId,
 * number) is the backstop; should it ever fire, the loser is told what it is — a stale
 * precondition — not a 409 or 500. A deadlock with a source merge (which locks sources,
 * then articles) is retried: nothing was sent before the transaction committed.
 */
async function changeWrite(find: () => Promise<{ version: number } | null>, write: () => Promise<void>): Promise<void> {
  try {
    await retryOnWriteConflict(write);
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const current = await find();
      if (current) throw staleVersion("The article", current.version);
    }
    throw err;
  }
}

const optionalIfMatch = (req: Request): number | undefined =>
  req.headers["if-match"] === undefined ? undefined : requireIfMatch(req);

const upsertHeaders = z.object({
  "If-Match": z.string().optional().describe("Needed only when the article exists and the request would change it (428 without it, 412 when stale)."),
  "Idempotency-Key": z.string().optional().describe("Optional. Retrying with the same key returns the first response instead of writing again (kept 24 hours)."),
});

export function registerArticleWriteRoutes(api: ApiRoutes, db: Database): void {
  const findVersion = (organizationId: string, id: string) =>
    db.prisma.article.findUnique({ where: { organizationId_id: { organizationId, id } }, select: { version: true } });

  api.operation(
    {
      method: "post",
      path: "/articles",
      operationId: "createArticle",
      summary: "Create an article with its first revision",
      description: "Stores the text as revision 1 (with its SHA-256). Request bodies of article writes may be up to 8 MB; the text up to 2,000,000 UTF-16 code units.",
      tags: ["Articles"],
      access: "fact_checker",
      headers: createWriteHeaders,
      body: articleWriteSchema,
      responses: { 201: created, ...writeProblems },
    },
    async ({ req, res, body, auth }) => {
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const id = await createArticle(tx, { organizationId: auth.organizationId, actor: auth.actor, fields: fieldsFromWrite(body, body.externalId ?? null), text: body.text });
        return writeResult(tx, auth.organizationId, id, 201);
      });
    },
  );

  /** PATCH and PUT by id: lock, check If-Match, change, answer with the new state. */
  const changeById = async (ctx: { req: Request; res: Response; auth: AuthContext; id: string }, next: (current: ArticleFields) => ArticleFields, text: string | undefined, externalId: string | null | undefined) => {
    const { req, res, auth, id } = ctx;
    const expectedVersion = requireIfMatch(req);
    const organizationId = auth.organizationId;
    await changeWrite(
      () => findVersion(organizationId, id),
      () =>
        idempotentWrite(db, req, res, auth, async (tx) => {
          // The externalId's lock before the article's: every writer takes them in this order.
          if (typeof externalId === "string") await lockExternalId(tx, organizationId, externalId);
          if (!(await lockArticle(tx, organizationId, id))) throw notFound("Article");
          await changeArticle(tx, { organizationId, actor: auth.actor, articleId: id, next, text, precondition: { kind: "if-match", expectedVersion } });
          return writeResult(tx, organizationId, id, 200);
        }),
    );
  };
  const byIdDescription = `${revisionNote} A request that changes nothing answers 200 and keeps the version. Requires If-Match.`;

  api.operation(
    {
      method: "patch",
      path: "/articles/:id",
      operationId: "patchArticle",
      summary: "Change some of an article's fields and/or its text",
      description: `Fields left out keep their value; \`null\` clears an optional one. ${byIdDescription}`,
      tags: ["Articles"],
      access: "fact_checker",
      params: idParams,
      resource: "Article",
      headers: conditionalWriteHeaders,
      body: articlePatchSchema,
      responses: { 200: { description: "The article as it is now.", ...written }, ...writeProblems, ...conditionalWriteProblems },
    },
    async ({ req, res, params, body, auth }) =>
      changeById({ req, res, auth, id: params.id }, (current) => fieldsFromPatch(current, body), body.text, body.externalId),
  );

  api.operation(
    {
      method: "put",
      path: "/articles/:id",
      operationId: "replaceArticle",
      summary: "Replace an article's editable fields and text",
      description: `A full replacement: optional fields left out (publisherId, publishedAt, externalId) become null. ${byIdDescription}`,
      tags: ["Articles"],
      access: "fact_checker",
      params: idParams,
      resource: "Article",
      headers: conditionalWriteHeaders,
      body: articleWriteSchema,
      responses: { 200: { description: "The article as it is now.", ...written }, ...writeProblems, ...conditionalWriteProblems },
    },
    async ({ req, res, params, body, auth }) => {
      const fields = fieldsFromWrite(body, body.externalId ?? null);
      await changeById({ req, res, auth, id: params.id }, () => fields, body.text, fields.externalId);
    },
  );

  api.operation(
    {
      method: "put",
      path: "/articles/by-external-id/:externalId",
      operationId: "upsertArticleByExternalId",
      summary: "Create or replace an article by its CMS id (externalId)",
      description:
        "For CMS integrations that know their own id. No article with this externalId: it is created (201, no If-Match needed; " +
        "an If-Match on a missing article is 412). An article exists: the request replaces it like PUT /v1/articles/{id} (200) and needs If-Match " +
        "(428 without it, 412 when stale) — unless the request is identical to the article's current state (same fields, same text), which is a " +
        `no-op: 200, no new version, no If-Match needed. So a CMS can re-send an unchanged article safely. ${revisionNote}`,
      tags: ["Articles"],
      access: "fact_checker",
      params: externalIdParams,
      resource: "Article",
      headers: upsertHeaders,
      body: articleUpsertSchema,
      responses: {
        200: { description: "The article existed; it is replaced, or unchanged if the request was identical.", ...written },
        201: created,
        ...writeProblems,
        400: problemResponse("The request is not valid (also an externalId longer than 200 characters); `errors` lists the fields."),
        412: problemResponse("If-Match is stale (`currentEtag` names the current ETag), or was sent for an article that does not exist."),
        428: problemResponse("The article exists and the request would change it, but If-Match is missing."),
      },
    },
    async ({ req, res, params, body, auth }) => {
      const parsed = z.object({ externalId: externalIdField }).safeParse(params);
      if (!parsed.success) throw validationError("path", parsed.error);
      const externalId = parsed.data.externalId;
      const expectedVersion = optionalIfMatch(req);
      const organizationId = auth.organizationId;
      await changeWrite(
        () => db.prisma.article.findUnique({ where: { organizationId_externalId: { organizationId, externalId } }, select: { version: true } }),
        () =>
          idempotentWrite(db, req, res, auth, async (tx) => {
            await lockExternalId(tx, organizationId, externalId);
            const id = await lockArticleByExternalId(tx, organizationId, externalId);
            const fields = fieldsFromWrite(body, externalId);
            if (id === null) {
              if (expectedVersion !== undefined) {
                throw new AppError(412, "precondition_failed", `No article has externalId "${externalId}", so If-Match cannot match. Send the request without If-Match to create it.`);
              }
              const createdId = await createArticle(tx, { organizationId, actor: auth.actor, fields, text: body.text });
              return writeResult(tx, organizationId, createdId, 201);
            }
            const precondition: ArticlePrecondition = { kind: "unless-identical", expectedVersion };
            await changeArticle(tx, { organizationId, actor: auth.actor, articleId: id, next: () => fields, text: body.text, precondition });
            return writeResult(tx, organizationId, id, 200);
          }),
      );
    },
  );
}
