import { PasswordVerifier } from "../auth/passwords";
import { problemResponse } from "../auth/problem-response";
import { NO_STORE, refuseIdempotencyKey } from "../auth/secret-bearing-writes";
import type { Config } from "../config/config";
import type { Database } from "../db/database";
import { appendEvent } from "../events/event-log";
import type { ApiRoutes } from "../http/api-router";
import { idempotentWrite } from "../http/idempotent-write";
import { AppError, notFound } from "../http/problem";
import { buckets, RateLimiter } from "../rate-limit/rate-limiter";
import { presentUser, userColumns } from "../users/user-presenter";
import { clearSessionCookie, setSessionCookie } from "./session-cookie";
import { sessionSchema, signInBody } from "./session-schemas";
import { signIn } from "./sign-in";

export type SessionSettings = Pick<Config, "SESSION_TTL_SECONDS" | "RATE_LIMIT_SIGNIN_PER_MINUTE" | "RATE_LIMIT_SIGNIN_EMAIL_PER_MINUTE">;

export function registerSessionRoutes(api: ApiRoutes, db: Database, settings: SessionSettings): void {
  const verifier = new PasswordVerifier();
  // Created on first use: building the OpenAPI document must not touch the database.
  let limiter: RateLimiter | undefined;

  api.operation(
    {
      method: "post",
      path: "/session",
      operationId: "signIn",
      summary: "Sign in with email and password",
      description:
        "Sets the `ct_session` cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) and returns the CSRF token to send as X-CSRF-Token on writes. " +
        "Attempts are limited per client address and per email (429 with Retry-After, even for the right password). Does not accept Idempotency-Key.",
      tags: ["Session"],
      access: "public",
      body: signInBody,
      responses: {
        201: { description: "Signed in.", schema: sessionSchema, headers: { "Set-Cookie": "ct_session=…; HttpOnly; SameSite=Lax; Path=/; Max-Age=…", "Cache-Control": "no-store" } },
        401: problemResponse("`invalid_credentials`: unknown email, wrong password or disabled user (one answer for all)."),
        409: problemResponse("`organization_required`: the email belongs to several organizations; `organizations` lists the slugs."),
        429: problemResponse("`rate_limited`: too many attempts; retry after Retry-After seconds."),
      },
    },
    async ({ req, res, body }) => {
      refuseIdempotencyKey(req);
      limiter ??= new RateLimiter(db);
      // Counted before the password is checked, so that the right password is refused too
      // once the limit is reached: guessing gains nothing from continuing.
      await limiter.enforce(buckets.signInIp(req.ip ?? "unknown"), settings.RATE_LIMIT_SIGNIN_PER_MINUTE, "sign-in attempts from this address");
      await limiter.enforce(buckets.signInEmail(body.email), settings.RATE_LIMIT_SIGNIN_EMAIL_PER_MINUTE, "sign-in attempts for this email");
      const s = await signIn(db.prisma, verifier, { email: body.email, password: body.password, organization: body.organization, ttlSeconds: settings.SESSION_TTL_SECONDS });
      setSessionCookie(req, res, s.token, settings.SESSION_TTL_SECONDS);
      res.set(NO_STORE);
      res.status(201).json({ user: presentUser(s.user), organization: s.organization, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() });
    },
  );

  api.operation(
    {
      method: "get",
      path: "/session",
      operationId: "getSession",
      summary: "The current sign-in session, with its CSRF token (e.g. after a page reload)",
      description: "Only for callers signed in with the session cookie; an API key has no session (404 `no_session`).",
      tags: ["Session"],
      access: "viewer",
      responses: {
        200: { description: "The session.", schema: sessionSchema, headers: { "Cache-Control": "no-store" } },
        404: problemResponse("`no_session`: the caller is not using a session cookie."),
      },
    },
    async ({ req, res, auth }) => {
      const session = req.authSession;
      if (!session || auth.actor.type !== "user") throw new AppError(404, "no_session", "This request was not made with a session cookie (API keys have no session).");
      const user = await db.prisma.user.findUnique({
        where: { organizationId_id: { organizationId: session.organizationId, id: session.userId } },
        select: { ...userColumns, organization: { select: { id: true, slug: true, name: true } } },
      });
      if (!user) throw notFound("User");
      const { organization, ...row } = user;
      res.set(NO_STORE);
      res.json({ user: presentUser(row), organization, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() });
    },
  );

  api.operation(
    {
      method: "delete",
      path: "/session",
      operationId: "signOut",
      summary: "Sign out: end the session and clear its cookie",
      description: "Needs X-CSRF-Token when the session is live. Without a live session it only clears the cookie (204), so signing out twice is harmless.",
      tags: ["Session"],
      access: "public",
      responses: {
        204: { description: "Signed out; the cookie is cleared." },
        403: problemResponse("`csrf_failed`: X-CSRF-Token is missing or wrong."),
      },
    },
    async ({ req, res }) => {
      // A live session without the CSRF token: refuse rather than let another site sign us out.
      if (req.authProblem?.code === "csrf_failed") throw req.authProblem;
      clearSessionCookie(req, res);
      const session = req.authSession;
      const auth = req.auth;
      if (!session || !auth) {
        res.status(204).end();
        return;
      }
      await idempotentWrite(db, req, res, auth, async (tx) => {
        const deleted = await tx.session.deleteMany({ where: { organizationId: session.organizationId, id: session.id } });
        if (deleted.count > 0) {
          await appendEvent(tx, session.organizationId, {
            actor: auth.actor,
            action: "session.deleted",
            entityType: "session",
            entityId: session.id,
            before: { userId: session.userId, expiresAt: session.expiresAt.toISOString() },
          });
        }
        return { status: 204, body: undefined };
      });
    },
  );
}
