import { z } from "zod";
import { hashPassword } from "../auth/passwords";
import { problemResponse } from "../auth/problem-response";
import { refuseIdempotencyKey } from "../auth/secret-bearing-writes";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { cursorSchema, idParams, limitSchema } from "../http/common-schemas";
import { decodeCursor, encodeCursor } from "../http/cursor";
import { idempotentWrite } from "../http/idempotent-write";
import { notFound } from "../http/problem";
import { createUser } from "./create-user";
import { requireUserIfMatch, setUserEtag, userEtag } from "./user-etag";
import { presentUser } from "./user-presenter";
import { findUser, listUsers } from "./user-queries";
import { createUserBody, updateUserBody, userListSchema, userSchema } from "./user-schemas";
import { updateUser } from "./update-user";

const listQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema });
const userEtagHeader = { ETag: 'The user\'s version (W/"<updatedAt ms>"); send it back in If-Match to change the user.' };
const ifMatchHeaders = z.object({ "If-Match": z.string().describe("The ETag of the user as last read.") });

export function registerUserRoutes(api: ApiRoutes, db: Database): void {
  api.operation(
    {
      method: "post",
      path: "/users",
      operationId: "createUser",
      summary: "Create a user (a person who signs in with email and password)",
      description: "The password is stored only as an argon2id hash. Does not accept Idempotency-Key (the body carries a password); a retry answers 409 `email_taken`.",
      tags: ["Users"],
      access: "admin",
      body: createUserBody,
      responses: {
        201: { description: "The user.", schema: userSchema, headers: { ...userEtagHeader, Location: "The user's URL." } },
        409: problemResponse("`email_taken`: the email is already used in this organization."),
      },
    },
    async ({ req, res, body, auth }) => {
      refuseIdempotencyKey(req);
      const passwordHash = await hashPassword(body.password);
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const user = await createUser(tx, { organizationId: auth.organizationId, email: body.email, name: body.name, role: body.role, passwordHash, actor: auth.actor });
        return { status: 201, body: presentUser(user), headers: { ETag: userEtag(user.updatedAt), Location: `/v1/users/${user.id}` } };
      });
    },
  );

  api.operation(
    {
      method: "get",
      path: "/users",
      operationId: "listUsers",
      summary: "List the organization's users, newest first",
      tags: ["Users"],
      access: "admin",
      query: listQuery,
      responses: { 200: { description: "A page of users.", schema: userListSchema } },
    },
    async ({ res, query, auth }) => {
      const rows = await listUsers(db.prisma, auth.organizationId, { limit: query.limit + 1, after: query.cursor ? decodeCursor(query.cursor) : undefined });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      res.json({ data: page.map(presentUser), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null });
    },
  );

  api.operation(
    {
      method: "get",
      path: "/users/:id",
      operationId: "getUser",
      summary: "Get a user",
      tags: ["Users"],
      access: "admin",
      params: idParams,
      resource: "User",
      responses: { 200: { description: "The user.", schema: userSchema, headers: userEtagHeader } },
    },
    async ({ res, params, auth }) => {
      const user = await findUser(db.prisma, auth.organizationId, params.id);
      if (!user) throw notFound("User");
      setUserEtag(res, user.updatedAt);
      res.json(presentUser(user));
    },
  );

  api.operation(
    {
      method: "patch",
      path: "/users/:id",
      operationId: "updateUser",
      summary: "Change a user's name or role, or disable / enable them",
      description: "Needs If-Match. Disabling ends the user's sessions at once. Admins cannot change their own role or disable themselves.",
      tags: ["Users"],
      access: "admin",
      params: idParams,
      resource: "User",
      headers: ifMatchHeaders,
      body: updateUserBody,
      responses: {
        200: { description: "The user as changed.", schema: userSchema, headers: userEtagHeader },
        409: problemResponse("`cannot_change_own_access`: admins cannot change their own role or disable themselves."),
        412: problemResponse("`version_conflict`: the user changed since the ETag was read (`currentEtag` names the current one)."),
        428: problemResponse("`precondition_required`: If-Match is missing."),
      },
    },
    async ({ req, res, params, body, auth }) => {
      const expectedUpdatedAtMs = requireUserIfMatch(req);
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const user = await updateUser(tx, { organizationId: auth.organizationId, id: params.id, expectedUpdatedAtMs, changes: body, actor: auth.actor });
        return { status: 200, body: presentUser(user), headers: { ETag: userEtag(user.updatedAt) } };
      });
    },
  );
}
