import type { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { appendEvent } from "../events/event-log";
import { AppError, notFound } from "../http/problem";
import type { Actor } from "../http/types";
import { staleUser } from "./user-etag";
import { presentUser, userColumns, type UserRow } from "./user-presenter";

export interface UserChanges {
  name?: string;
  role?: Role;
  disabled?: boolean;
}

/**
 * Applies an admin's change to a user, conditional on the ETag the admin read. The row is
 * locked first (SELECT … FOR UPDATE), so of two concurrent changes made from the same
 * ETag the second waits, then sees the new updatedAt and gets 412.
 * Disabling ends the user's sessions in the same transaction.
 */
export async function updateUser(
  tx: Prisma.TransactionClient,
  opts: { organizationId: string; id: string; expectedUpdatedAtMs: number; changes: UserChanges; actor: Actor },
): Promise<UserRow> {
  const { organizationId, id, changes } = opts;
  await tx.$queryRaw`SELECT 1 FROM users WHERE "organizationId" = ${organizationId}::uuid AND id = ${id}::uuid FOR UPDATE`;
  const before = await tx.user.findUnique({ where: { organizationId_id: { organizationId, id } }, select: userColumns });
  if (!before) throw notFound("User");
  if (before.updatedAt.getTime() !== opts.expectedUpdatedAtMs) throw staleUser(before.updatedAt);

  const wasDisabled = before.disabledAt !== null;
  const roleChanges = changes.role !== undefined && changes.role !== before.role;
  const disabledChanges = changes.disabled !== undefined && changes.disabled !== wasDisabled;
  const nameChanges = changes.name !== undefined && changes.name !== before.name;
  if (!roleChanges && !disabledChanges && !nameChanges) return before;

  // An admin locking themselves out is almost always a mistake; another admin can do it.
  if (opts.actor.type === "user" && opts.actor.id === id && (roleChanges || (disabledChanges && changes.disabled))) {
    throw new AppError(409, "cannot_change_own_access", "You cannot change your own role or disable yourself; ask another admin.");
  }

  const now = Date.now();
  const after = await tx.user.update({
    where: { organizationId_id: { organizationId, id } },
    data: {
      ...(nameChanges ? { name: changes.name } : {}),
      ...(roleChanges ? { role: changes.role } : {}),
      ...(disabledChanges ? { disabledAt: changes.disabled ? new Date(now) : null } : {}),
      // Strictly later than before, even within the same millisecond: the ETag must change.
      updatedAt: new Date(Math.max(now, before.updatedAt.getTime() + 1)),
    },
    select: userColumns,
  });
  if (disabledChanges && changes.disabled) await tx.session.deleteMany({ where: { organizationId, userId: id } });

  const action = disabledChanges ? (changes.disabled ? "user.disabled" : "user.enabled") : "user.updated";
  await appendEvent(tx, organizationId, { actor: opts.actor, action, entityType: "user", entityId: id, before: presentUser(before), after: presentUser(after) });
  return after;
}
