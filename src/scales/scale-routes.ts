import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { idempotentWrite } from "../http/idempotent-write";
import { conditionalWriteHeaders, conditionalWriteProblems } from "../verification/write-docs";
import { presentRatingScale } from "./scale-presenter";
import { requireScaleIfMatch } from "./scale-etag";
import { ratingScaleListSchema, scaleKindParams, updateScaleBody, updatedRatingScaleSchema } from "./scale-schemas";
import { updateRatingScale } from "./update-scale";

export function registerRatingScaleRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "get",
      path: "/rating-scales",
      operationId: "listRatingScales",
      summary: "The organization's attribution and content rating scales with their labels",
      tags: ["Rating scales"],
      access: "viewer",
      responses: { 200: { description: "Both scales; each carries its own `etag` for If-Match.", schema: ratingScaleListSchema } },
    },
    async ({ res, auth }) => {
      const scales = await db.prisma.ratingScale.findMany({
        where: { organizationId: auth.organizationId },
        include: { labels: true },
        orderBy: { kind: "asc" },
      });
      res.json({ data: scales.map(presentRatingScale) });
    },
  );

  api.operation(
    {
      method: "put",
      path: "/rating-scales/:kind",
      operationId: "updateRatingScale",
      summary: "Replace a rating scale's labels",
      description:
        "The body lists every label of the scale, in order. A label left out is deleted, or — when a verdict uses it — retired: " +
        "it stays on existing verdicts but new verdicts cannot use it; the response names the retired keys. Listing a retired key " +
        "again brings it back. If-Match is the scale's ETag (from GET /v1/rating-scales or the previous PUT).",
      tags: ["Rating scales"],
      access: "admin",
      params: scaleKindParams,
      resource: "The rating scale",
      headers: conditionalWriteHeaders,
      body: updateScaleBody,
      responses: {
        200: { description: "The scale as it is now.", schema: updatedRatingScaleSchema, headers: { ETag: "The scale's new ETag." } },
        ...conditionalWriteProblems,
      },
    },
    async ({ req, res, params, body, auth }) => {
      const expectedUpdatedAt = requireScaleIfMatch(req);
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const scale = await updateRatingScale(tx, { organizationId: auth.organizationId, kind: params.kind, expectedUpdatedAt, body, actor: auth.actor });
        return { status: 200, body: scale, headers: { ETag: scale.etag } };
      });
    },
  );
}
