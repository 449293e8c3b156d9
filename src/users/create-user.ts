import type { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { appendEvent } from "../events/event-log";
import { AppError } from "../http/problem";
import type { Actor } from "../http/types";
import { newId } from "../lib/ids";
import { presentUser, userColumns, type UserRow } from "./user-presenter";

export const emailTaken = () =>
  new AppError(409, "email_taken", "A user with this email already exists in the organization.", {
    errors: [{ field: "email", message: "Already used by another user of this organization.", code: "email_taken" }],
  });

/**
 * Creates a user and its `user.created` event in the caller's transaction. The password
 * arrives already hashed: hashing is slow and must not hold a transaction open.
 */
export async function createUser(
  tx: Prisma.TransactionClient,
  opts: { organizationId: string; email: string; name: string; role: Role; passwordHash: string; actor: Actor },
): Promise<UserRow> {
  const id = newId();
  const email = opts.email.trim().toLowerCase();
  // ON CONFLICT DO NOTHING: a duplicate (even one committed a moment ago by a concurrent
  // request) is reported as 409 without aborting the transaction with an error.
  const inserted = await tx.user.createMany({
    data: [{ organizationId: opts.organizationId, id, email, name: opts.name, role: opts.role, passwordHash: opts.passwordHash }],
    skipDuplicates: true,
  });
  if (inserted.count === 0) throw emailTaken();
  const user = await tx.user.findUniqueOrThrow({ where: { organizationId_id: { organizationId: opts.organizationId, id } }, select: userColumns });
  await appendEvent(tx, opts.organizationId, { actor: opts.actor, action: "user.created", entityType: "user", entityId: id, after: presentUser(user) });
  return user;
}
