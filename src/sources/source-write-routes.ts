import type { Database } from "../db/database";
import type { ApiRoutes, ResponseSpec } from "../http/api-router";
import { etagHeader, idParams } from "../http/common-schemas";
import { etagFor } from "../http/etag";
import { idempotentWrite } from "../http/idempotent-write";
import { requireIfMatch } from "../http/preconditions";
import { problemSchema } from "../http/problem-schema";
import { createSource } from "./create-source";
import { mergeIntoSelf, mergeSources } from "./merge-sources";
import { retryOnWriteConflict } from "./retry-write-conflict";
import { presentSource } from "./source-presenter";
import { createSourceBody, idempotencyHeaders, ifMatchHeaders, mergeSourceBody, sourceSchema, updateSourceBody } from "./source-schemas";
import { updateSource } from "./update-source";

const problem = (description: string): ResponseSpec => ({ description, schema: problemSchema, contentType: "application/problem+json" });
const sourceLocation = (id: string) => `/v1/sources/${id}`;

const preconditionResponses = {
  412: problem("If-Match does not match the current version (`currentVersion` and the ETag header give it)."),
  428: problem("If-Match is missing."),
  422: problem("The Idempotency-Key was already used with a different request."),
};

export function registerSourceWriteRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "post",
      path: "/sources",
      operationId: "createSource",
      summary: "Create a source",
      tags: ["Sources"],
      access: "fact_checker",
      body: createSourceBody,
      headers: idempotencyHeaders,
      responses: {
        201: { description: "Created.", schema: sourceSchema, headers: { ...etagHeader, Location: "The new source's URL." } },
        422: problem("The Idempotency-Key was already used with a different request."),
      },
    },
    async ({ req, res, body, auth }) => {
      await retryOnWriteConflict(() =>
        idempotentWrite(db, req, res, auth, async (tx) => {
          const source = await createSource(tx, { organizationId: auth.organizationId, actor: auth.actor, data: body });
          return { status: 201, body: presentSource(source), headers: { Location: sourceLocation(source.id), ETag: etagFor(source.version) } };
        }),
      );
    },
  );

  api.operation(
    {
      method: "patch",
      path: "/sources/:id",
      operationId: "updateSource",
      summary: "Change some fields of a source",
      description:
        "Requires If-Match with the source's ETag. A request that changes nothing answers the source as it is, without a new version. " +
        "A merged source cannot be edited (409 `source_merged`, naming `mergedIntoId`).",
      tags: ["Sources"],
      access: "fact_checker",
      params: idParams,
      body: updateSourceBody,
      headers: ifMatchHeaders,
      resource: "Source",
      responses: {
        200: { description: "The updated source.", schema: sourceSchema, headers: etagHeader },
        409: problem("The source was merged into another (`source_merged`, with `mergedIntoId`)."),
        ...preconditionResponses,
      },
    },
    async ({ req, res, params, body, auth }) => {
      const expectedVersion = requireIfMatch(req);
      await retryOnWriteConflict(() =>
        idempotentWrite(db, req, res, auth, async (tx) => {
          const { source } = await updateSource(tx, { organizationId: auth.organizationId, id: params.id, expectedVersion, actor: auth.actor, changes: body });
          return { status: 200, body: presentSource(source), headers: { ETag: etagFor(source.version) } };
        }),
      );
    },
  );

  api.operation(
    {
      method: "post",
      path: "/sources/:id/merge",
      operationId: "mergeSource",
      summary: "Merge a duplicate source into another",
      description:
        "Moves every attribution link, claim speaker and article publisher from the source in the path (the duplicate) to `into`, " +
        "adds the duplicate's name and aliases to the target's aliases, and marks the duplicate `mergedIntoId` = `into` (it is kept, " +
        "so its id still resolves). Affected claims and articles get a new version. One transaction, recorded as a `source.merged` " +
        "event listing what moved. Requires If-Match with the duplicate's ETag. Answers the target.",
      tags: ["Sources"],
      access: "editor",
      params: idParams,
      body: mergeSourceBody,
      headers: ifMatchHeaders,
      resource: "Source",
      responses: {
        200: { description: "The target source after the merge.", schema: sourceSchema, headers: etagHeader },
        409: problem("The duplicate was already merged (`source_merged`), or the target was (`merge_target_merged`); both name `mergedIntoId`."),
        ...preconditionResponses,
        422: problem(
          "`into` names the duplicate itself (`merge_into_self`) or no source of this organization (`merge_target_not_found`), or the Idempotency-Key was already used with a different request.",
        ),
      },
    },
    async ({ req, res, params, body, auth }) => {
      if (body.into === params.id) throw mergeIntoSelf();
      const expectedVersion = requireIfMatch(req);
      await retryOnWriteConflict(() =>
        idempotentWrite(db, req, res, auth, async (tx) => {
          const merged = await mergeSources(tx, { organizationId: auth.organizationId, duplicateId: params.id, targetId: body.into, expectedVersion, actor: auth.actor });
          return { status: 200, body: presentSource(merged.target), headers: { ETag: etagFor(merged.target.version) } };
        }),
      );
    },
  );
}
