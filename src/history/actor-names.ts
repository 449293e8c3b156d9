import type { Prisma } from "../generated/prisma/client";

export interface ActorRef {
  type: "user" | "api_key" | "system";
  id: string | null;
}

/** What reads show of an actor: who it is by id and, for people reading, by name. */
export interface NamedActor extends ActorRef {
  name: string | null;
}

/** The name ClaimTrail itself goes by in timelines (seed loads, imports, start-up). */
export const SYSTEM_ACTOR_NAME = "System";

/**
 * Looks up the display names of the actors of a page (user names, API key names) in two
 * queries, both scoped by the caller's organization: an actor id from elsewhere, which
 * cannot occur in this organization's rows anyway, would simply get no name. A user or
 * key that no longer exists keeps its id and gets name null.
 */
export async function actorNamer(db: Prisma.TransactionClient, organizationId: string, actors: readonly ActorRef[]): Promise<(a: ActorRef) => NamedActor> {
  const ids = (type: ActorRef["type"]) => [...new Set(actors.filter((a) => a.type === type && a.id).map((a) => a.id!))];
  const userIds = ids("user");
  const keyIds = ids("api_key");
  const [users, keys] = await Promise.all([
    userIds.length ? db.user.findMany({ where: { organizationId, id: { in: userIds } }, select: { id: true, name: true } }) : [],
    keyIds.length ? db.apiKey.findMany({ where: { organizationId, id: { in: keyIds } }, select: { id: true, name: true } }) : [],
  ]);
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  const keyNames = new Map(keys.map((k) => [k.id, k.name]));
  return (a) => {
    const name = a.type === "system" ? SYSTEM_ACTOR_NAME : a.id ? ((a.type === "user" ? userNames : keyNames).get(a.id) ?? null) : null;
    return { type: a.type, id: a.id, name };
  };
}
