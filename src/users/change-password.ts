import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { hashPassword, verifyPassword } from "../auth/passwords";
import { appendEvent } from "../events/event-log";
import { AppError, notFound } from "../http/problem";
import type { Actor } from "../http/types";

export interface PreparedPasswordChange {
  organizationId: string;
  userId: string;
  previousHash: string;
  previousUpdatedAt: Date;
  newHash: string;
}

/**
 * Checks the current password and hashes the new one, outside any transaction (argon2 is
 * deliberately slow). applyPasswordChange then writes only if the hash is still the one
 * checked here.
 */
export async function preparePasswordChange(
  prisma: PrismaClient,
  opts: { organizationId: string; userId: string; currentPassword: string; newPassword: string },
): Promise<PreparedPasswordChange> {
  const user = await prisma.user.findUnique({
    where: { organizationId_id: { organizationId: opts.organizationId, id: opts.userId } },
    select: { passwordHash: true, updatedAt: true },
  });
  if (!user) throw notFound("User");
  if (!(await verifyPassword(user.passwordHash, opts.currentPassword))) {
    throw new AppError(422, "invalid_current_password", "The current password is not correct.", {
      errors: [{ field: "currentPassword", message: "Not the current password.", code: "invalid_current_password" }],
    });
  }
  return {
    organizationId: opts.organizationId,
    userId: opts.userId,
    previousHash: user.passwordHash,
    previousUpdatedAt: user.updatedAt,
    newHash: await hashPassword(opts.newPassword),
  };
}

/** Stores the new hash and ends every other session of the user (a thief's included). */
export async function applyPasswordChange(
  tx: Prisma.TransactionClient,
  change: PreparedPasswordChange,
  opts: { keepSessionId: string | null; actor: Actor },
): Promise<void> {
  const now = Date.now();
  // Conditional on the hash we verified against: a concurrent change wins, this one is refused.
  const updated = await tx.user.updateMany({
    where: { organizationId: change.organizationId, id: change.userId, passwordHash: change.previousHash, disabledAt: null },
    data: { passwordHash: change.newHash, updatedAt: new Date(Math.max(now, change.previousUpdatedAt.getTime() + 1)) },
  });
  if (updated.count === 0) {
    throw new AppError(409, "password_changed_concurrently", "The password was changed (or the user disabled) while this request ran. Sign in again.");
  }
  const ended = await tx.session.deleteMany({
    where: { organizationId: change.organizationId, userId: change.userId, ...(opts.keepSessionId ? { id: { not: opts.keepSessionId } } : {}) },
  });
  await appendEvent(tx, change.organizationId, {
    actor: opts.actor,
    action: "user.password_changed",
    entityType: "user",
    entityId: change.userId,
    after: { otherSessionsEnded: ended.count },
  });
}
