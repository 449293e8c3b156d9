import type { PrismaClient } from "../generated/prisma/client";
import type { PasswordVerifier } from "../auth/passwords";
import { deriveCsrfToken, generateSessionToken, hashCsrfToken, hashSessionToken } from "../auth/session-tokens";
import { appendEvent } from "../events/event-log";
import { AppError } from "../http/problem";
import { newId } from "../lib/ids";
import { userColumns, type UserRow } from "../users/user-presenter";

// One email is rarely in more than a handful of organizations; the bound keeps the
// number of argon2 verifications per attempt small.
const MAX_CANDIDATES = 10;

export const invalidCredentials = () =>
  new AppError(401, "invalid_credentials", "The email or the password is not correct.");

export interface SignedIn {
  user: UserRow;
  organization: { id: string; slug: string; name: string };
  sessionId: string;
  /** The cookie's value: returned to the caller once, stored only as a hash. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Checks an email and password and opens a session. Every refusal that could tell an
 * attacker something (unknown email, wrong password, disabled user, organization not
 * matching) is the same 401, after the same argon2 work.
 * With several organizations for one email and none named, the password is checked against
 * each; only if it matches one does the caller learn that they must choose (409).
 */
export async function signIn(
  prisma: PrismaClient,
  verifier: PasswordVerifier,
  opts: { email: string; password: string; organization?: string; ttlSeconds: number },
): Promise<SignedIn> {
  const candidates = await prisma.user.findMany({
    where: { email: opts.email, ...(opts.organization ? { organization: { slug: opts.organization } } : {}) },
    select: { ...userColumns, passwordHash: true, organization: { select: { id: true, slug: true, name: true } } },
    orderBy: [{ createdAt: "asc" }],
    take: MAX_CANDIDATES,
  });
  if (candidates.length === 0) {
    await verifier.verify(null, opts.password);
    throw invalidCredentials();
  }
  const matching = [];
  for (const c of candidates) if (await verifier.verify(c.passwordHash, opts.password)) matching.push(c);
  const usable = matching.filter((c) => c.disabledAt === null);
  if (usable.length === 0) throw invalidCredentials();
  if (candidates.length > 1 && !opts.organization) {
    throw new AppError(409, "organization_required", "This email belongs to several organizations: send `organization` (one of `organizations`).", {
      organizations: usable.map((c) => c.organization.slug),
      errors: [{ field: "organization", message: "Required for this email.", code: "organization_required" }],
    });
  }
  const { passwordHash: _hash, organization, ...user } = usable[0]!;

  const token = generateSessionToken();
  const csrfToken = deriveCsrfToken(token);
  const sessionId = newId();
  const expiresAt = new Date(Date.now() + opts.ttlSeconds * 1000);
  await prisma.$transaction(async (tx) => {
    // Housekeeping: the user's own expired sessions go when they sign in again.
    await tx.session.deleteMany({ where: { organizationId: organization.id, userId: user.id, expiresAt: { lte: new Date() } } });
    await tx.session.create({
      data: { organizationId: organization.id, id: sessionId, userId: user.id, tokenHash: hashSessionToken(token), csrfTokenHash: hashCsrfToken(csrfToken), expiresAt },
    });
    await appendEvent(tx, organization.id, {
      actor: { type: "user", id: user.id },
      action: "session.created",
      entityType: "session",
      entityId: sessionId,
      after: { userId: user.id, expiresAt: expiresAt.toISOString() },
    });
  });
  return { user, organization, sessionId, token, csrfToken, expiresAt };
}
