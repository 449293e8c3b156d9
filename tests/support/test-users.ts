import { randomBytes } from "node:crypto";
import type { Express } from "express";
import request from "supertest";
import { hashPassword } from "../../src/auth/passwords";
import { deriveCsrfToken, generateSessionToken, hashCsrfToken, hashSessionToken, SESSION_COOKIE } from "../../src/auth/session-tokens";
import type { Database } from "../../src/db/database";
import type { Role } from "../../src/generated/prisma/enums";
import { newId } from "../../src/lib/ids";
import { createUser } from "../../src/users/create-user";
import { recordTestSecret } from "./test-secrets";

export interface TestUser {
  id: string;
  organizationId: string;
  email: string;
  name: string;
  role: Role;
  password: string;
}

/** A user with a unique email and a random password (recorded for the log-leak check). */
export async function createTestUser(db: Database, organizationId: string, opts: { role?: Role; email?: string; password?: string; name?: string } = {}): Promise<TestUser> {
  const role = opts.role ?? "editor";
  const email = (opts.email ?? `u-${randomBytes(5).toString("hex")}@example.org`).toLowerCase();
  const password = opts.password ?? `pw-${randomBytes(12).toString("base64url")}`;
  recordTestSecret(password);
  const name = opts.name ?? `Test ${role}`;
  const passwordHash = await hashPassword(password);
  const user = await db.prisma.$transaction((tx) => createUser(tx, { organizationId, email, name, role, passwordHash, actor: { type: "system", id: null } }));
  return { id: user.id, organizationId, email, name, role, password };
}

export interface TestSession {
  /** Value for a Cookie header. */
  cookie: string;
  csrfToken: string;
  sessionId: string;
}

/**
 * A session written straight to the database, as POST /v1/session would, without going
 * through the sign-in rate limits (for tests that are about something else).
 */
export async function createTestSession(db: Database, user: Pick<TestUser, "id" | "organizationId">, ttlMs = 3600_000): Promise<TestSession> {
  const token = generateSessionToken();
  const csrfToken = deriveCsrfToken(token);
  recordTestSecret(token);
  recordTestSecret(csrfToken);
  const sessionId = newId();
  await db.prisma.session.create({
    data: {
      organizationId: user.organizationId,
      id: sessionId,
      userId: user.id,
      tokenHash: hashSessionToken(token),
      csrfTokenHash: hashCsrfToken(csrfToken),
      expiresAt: new Date(Date.now() + ttlMs),
    },
  });
  return { cookie: `${SESSION_COOKIE}=${token}`, csrfToken, sessionId };
}

/** Signs in through the API; returns the cookie to send back and the CSRF token. */
export async function signIn(app: Express, email: string, password: string, organization?: string): Promise<{ cookie: string; csrfToken: string; body: Record<string, unknown> }> {
  const res = await request(app).post("/v1/session").send({ email, password, ...(organization ? { organization } : {}) });
  if (res.status !== 201) throw new Error(`sign-in failed with ${res.status}: ${JSON.stringify(res.body)}`);
  const setCookie = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  const cookie = setCookie.map((c) => c.split(";")[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error("sign-in did not set the session cookie");
  recordTestSecret(cookie.slice(SESSION_COOKIE.length + 1));
  const csrfToken = String(res.body.csrfToken);
  recordTestSecret(csrfToken);
  return { cookie, csrfToken, body: res.body as Record<string, unknown> };
}
