import { problemResponse } from "../auth/problem-response";
import { refuseIdempotencyKey } from "../auth/secret-bearing-writes";
import type { Config } from "../config/config";
import type { Database } from "../db/database";
import type { ApiRoutes } from "../http/api-router";
import { idempotentWrite } from "../http/idempotent-write";
import { AppError, notFound } from "../http/problem";
import { buckets, RateLimiter } from "../rate-limit/rate-limiter";
import { applyPasswordChange, preparePasswordChange } from "../users/change-password";
import { changePasswordBody, meSchema } from "./me-schemas";

export function registerMeRoutes(api: ApiRoutes, db: Database, settings: Pick<Config, "RATE_LIMIT_SIGNIN_EMAIL_PER_MINUTE">): void {
  // Created on first use: building the OpenAPI document must not touch the database.
  let limiter: RateLimiter | undefined;

  api.operation(
    {
      method: "get",
      path: "/me",
      operationId: "getMe",
      summary: "Who the caller is: user or API key, role, scopes, organization",
      tags: ["Me"],
      access: "viewer",
      responses: { 200: { description: "The caller.", schema: meSchema } },
    },
    async ({ res, auth }) => {
      const organizationId = auth.organizationId;
      const id = auth.actor.id;
      if (!id) throw notFound("Caller");
      const organization = await db.prisma.organization.findUnique({ where: { id: organizationId }, select: { id: true, slug: true, name: true } });
      if (!organization) throw notFound("Organization");
      if (auth.actor.type === "user") {
        const user = await db.prisma.user.findUnique({ where: { organizationId_id: { organizationId, id } }, select: { name: true, email: true } });
        if (!user) throw notFound("User");
        res.json({ type: "user", id, name: user.name, email: user.email, role: auth.role, scopes: auth.scopes, organization });
        return;
      }
      const key = await db.prisma.apiKey.findUnique({ where: { organizationId_id: { organizationId, id } }, select: { name: true } });
      if (!key) throw notFound("API key");
      res.json({ type: "api_key", id, name: key.name, role: auth.role, scopes: auth.scopes, organization });
    },
  );

  api.operation(
    {
      method: "put",
      path: "/me/password",
      operationId: "changeMyPassword",
      summary: "Change the signed-in user's password; ends their other sessions",
      description: "Users only (an API key has no password: 400 `user_required`). Attempts count against the email's sign-in limit. Does not accept Idempotency-Key.",
      tags: ["Me"],
      access: "viewer",
      body: changePasswordBody,
      responses: {
        204: { description: "Changed. Other sessions of the user are ended; this one stays." },
        409: problemResponse("`password_changed_concurrently`."),
        422: problemResponse("`invalid_current_password`."),
        429: problemResponse("`rate_limited`: too many attempts; retry after Retry-After seconds."),
      },
    },
    async ({ req, res, body, auth }) => {
      refuseIdempotencyKey(req);
      const userId = auth.actor.type === "user" ? auth.actor.id : null;
      if (!userId) throw new AppError(400, "user_required", "Only a signed-in user has a password; API keys cannot change one.");
      const user = await db.prisma.user.findUnique({ where: { organizationId_id: { organizationId: auth.organizationId, id: userId } }, select: { email: true } });
      if (!user) throw notFound("User");
      limiter ??= new RateLimiter(db);
      // Someone holding a stolen session must not be able to guess the current password fast.
      await limiter.enforce(buckets.signInEmail(user.email), settings.RATE_LIMIT_SIGNIN_EMAIL_PER_MINUTE, "password attempts for this user");
      const change = await preparePasswordChange(db.prisma, { organizationId: auth.organizationId, userId, currentPassword: body.currentPassword, newPassword: body.newPassword });
      await idempotentWrite(db, req, res, auth, async (tx) => {
        await applyPasswordChange(tx, change, { keepSessionId: req.authSession?.id ?? null, actor: auth.actor });
        return { status: 204, body: undefined };
      });
    },
  );
}
