import type { ClaimStatus, HistoryEntry } from "../api/api-types";
import { humanAction, statusLabels } from "./format";

/**
 * One line per event of a claim's history, in words. The event's before/after are the
 * service's own snapshots; only the fields that matter to a reader are picked out.
 */
type Obj = Record<string, unknown>;
const obj = (x: unknown): Obj => (typeof x === "object" && x !== null ? (x as Obj) : {});
const str = (x: unknown): string | null => (typeof x === "string" ? x : null);
const status = (x: unknown): string => {
  const s = str(x);
  return s && s in statusLabels ? statusLabels[s as ClaimStatus] : (s ?? "?");
};

export interface Summary {
  text: string;
  note?: string;
}

export function summarise(e: HistoryEntry, ratingLabel: (kind: string, key: string) => string, userName: (id: string | null) => string): Summary {
  const before = obj(e.before);
  const after = obj(e.after);
  switch (e.action) {
    case "claim.created":
      return { text: "created the claim" };
    case "claim.updated": {
      const changed = Object.keys(after).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]) && !["version", "updatedAt"].includes(k));
      return { text: changed.length ? `edited the claim (${changed.join(", ")})` : "edited the claim" };
    }
    case "claim.transitioned":
      return { text: `moved it from ${status(after.from ?? before.status)} to ${status(after.to)}`, note: str(after.note) ?? undefined };
    case "claim.corrected":
      return { text: `published a correction of the ${str(after.verdict) ?? ""} verdict`, note: str(after.note) ?? undefined };
    case "claim.archived":
      return { text: "archived the claim" };
    case "claim.assigned": {
      const to = str(after.assigneeId);
      return { text: to ? `assigned it to ${userName(to)}` : "unassigned it" };
    }
    case "verdict.updated": {
      const kind = str(after.kind) ?? "?";
      const from = str(before.rating);
      const to = str(after.rating);
      const evidence = Array.isArray(after.evidence) ? after.evidence.length : 0;
      const rated = to ? ratingLabel(kind, to) : "?";
      return {
        text: from && from !== to ? `changed the ${kind} verdict from ${ratingLabel(kind, from)} to ${rated}` : from ? `updated the ${kind} verdict (${rated})` : `rated ${kind}: ${rated}`,
        note: `${evidence} evidence item${evidence === 1 ? "" : "s"}`,
      };
    }
    case "comment.created":
      return { text: "commented" };
    default:
      return { text: humanAction(e.action).toLowerCase() };
  }
}
