import type { Actor } from "../api/api-types";

/**
 * Names for actors in comments and history. History and comments name their actors; other
 * places (assignees in an old history entry, verdict reviewers) use names learned from
 * what the UI has seen (those actors, the signed-in user, assignees, the user list an
 * admin loads), and anything else is shown by type and the end of its id.
 */
const names = new Map<string, string>();

export function learnName(id: string | null | undefined, name: string | null | undefined): void {
  if (id && name) names.set(id, name);
}

export function actorName(actor: Actor, myId: string): string {
  if (actor.type === "system") return "ClaimTrail";
  if (!actor.id) return actor.type === "api_key" ? "An API key" : "Someone";
  if (actor.id === myId) return "You";
  const known = actor.name ?? names.get(actor.id);
  if (known) return known;
  return actor.type === "api_key" ? `API key …${actor.id.slice(-6)}` : `User …${actor.id.slice(-6)}`;
}
