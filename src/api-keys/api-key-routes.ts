import { z } from "zod";
import { insertApiKey } from "../auth/create-api-key";
import { problemResponse } from "../auth/problem-response";
import { NO_STORE, refuseIdempotencyKey } from "../auth/secret-bearing-writes";
import type { Database } from "../db/database";
import { roleRank, type ApiRoutes } from "../http/api-router";
import { cursorSchema, idParams, limitSchema } from "../http/common-schemas";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { idempotentWrite } from "../http/idempotent-write";
import { AppError, notFound } from "../http/problem";
import { presentApiKey } from "./api-key-presenter";
import { findApiKey, listApiKeys } from "./api-key-queries";
import { apiKeyListSchema, apiKeySchema, createApiKeyBody, createdApiKeySchema } from "./api-key-schemas";
import { revokeApiKey } from "./revoke-api-key";

const listQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema });

/** onRevoked: drops the key from this process's key cache (other instances hear a NOTIFY). */
export function registerApiKeyRoutes(api: ApiRoutes, db: Database, onRevoked: (keyId: string) => void = () => undefined): void {
  api.operation(
    {
      method: "post",
      path: "/api-keys",
      operationId: "createApiKey",
      summary: "Create an API key (the secret is shown only in this response)",
      description: "The key's role cannot be above the caller's. Only its SHA-256 is stored. Does not accept Idempotency-Key (the response carries the secret).",
      tags: ["API keys"],
      access: "admin",
      body: createApiKeyBody,
      responses: {
        201: { description: "The key, with its secret.", schema: createdApiKeySchema, headers: { Location: "The key's URL.", "Cache-Control": "no-store" } },
        403: problemResponse("`forbidden`: the caller's role is not admin, or the key's role would be above the caller's."),
      },
    },
    async ({ req, res, body, auth }) => {
      refuseIdempotencyKey(req);
      if (roleRank[body.role] > roleRank[auth.role]) {
        throw new AppError(403, "forbidden", `You cannot create a key with a role above your own (${auth.role}).`);
      }
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const key = await insertApiKey(tx, { organizationId: auth.organizationId, name: body.name, role: body.role, scopes: body.scopes ?? [], actor: auth.actor });
        const presented = presentApiKey({ ...key, lastUsedAt: null, revokedAt: null });
        return { status: 201, body: { ...presented, secret: key.secret }, headers: { ...NO_STORE, Location: `/v1/api-keys/${key.id}` } };
      });
    },
  );

  api.operation(
    {
      method: "get",
      path: "/api-keys",
      operationId: "listApiKeys",
      summary: "List the organization's API keys, newest first (revoked ones included)",
      tags: ["API keys"],
      access: "admin",
      query: listQuery,
      responses: { 200: { description: "A page of keys (never their secrets).", schema: apiKeyListSchema } },
    },
    async ({ res, query, auth }) => {
      const rows = await listApiKeys(db.prisma, auth.organizationId, { limit: query.limit + 1, after: query.cursor ? decodeCursor(query.cursor) : undefined });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      res.json({ data: page.map(presentApiKey), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null });
    },
  );

  api.operation(
    {
      method: "get",
      path: "/api-keys/:id",
      operationId: "getApiKey",
      summary: "Get an API key (never its secret)",
      tags: ["API keys"],
      access: "admin",
      params: idParams,
      resource: "API key",
      responses: { 200: { description: "The key.", schema: apiKeySchema } },
    },
    async ({ res, params, auth }) => {
      const key = await findApiKey(db.prisma, auth.organizationId, params.id);
      if (!key) throw notFound("API key");
      res.json(presentApiKey(key));
    },
  );

  api.operation(
    {
      method: "delete",
      path: "/api-keys/:id",
      operationId: "revokeApiKey",
      summary: "Revoke an API key",
      description: "From the next request on, the key answers 401. Revoking a revoked key is a no-op (204). The key stays listed, with revokedAt.",
      tags: ["API keys"],
      access: "admin",
      params: idParams,
      resource: "API key",
      responses: { 204: { description: "Revoked." } },
    },
    async ({ req, res, params, auth }) => {
      await idempotentWrite(db, req, res, auth, async (tx) => {
        await revokeApiKey(tx, { organizationId: auth.organizationId, id: params.id, actor: auth.actor });
        // This process forgets the key now; a lookup that reads it as valid before the commit
        // lands is evicted again by the NOTIFY the commit sends (the embedded database runs
        // one transaction at a time, so there no such lookup can happen).
        onRevoked(params.id);
        return { status: 204, body: undefined };
      });
    },
  );
}
