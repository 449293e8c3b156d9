import type { ActorType, ClaimStatus, LinkRole, Role, SourceType, SpeechAct } from "../api/api-types";

export const statusLabels: Record<ClaimStatus, string> = {
  new: "New",
  in_review: "In review",
  ready: "Ready",
  published: "Published",
  corrected: "Corrected",
  retracted: "Retracted",
  archived: "Archived",
};

export const roleLabels: Record<Role, string> = { viewer: "Viewer", fact_checker: "Fact-checker", editor: "Editor", admin: "Admin" };

export const linkRoleLabels: Record<LinkRole, string> = { speaker: "Speaker", intermediary: "Intermediary", publisher: "Publisher" };

export const speechActLabels: Record<SpeechAct, string> = {
  asserts: "asserts",
  denies: "denies",
  accuses: "accuses",
  characterises: "characterises",
  reports: "reports",
  promises: "promises",
  predicts: "predicts",
};

export const sourceTypeLabels: Record<SourceType, string> = {
  person: "Person",
  organization: "Organization",
  government: "Government",
  agency: "Agency",
  press_office: "Press office",
  publication: "Publication",
  document: "Document",
};

export const actorTypeLabels: Record<ActorType, string> = { user: "User", api_key: "API key", system: "System" };

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateOnly.format(d);
}

/** "verdict.updated" → "Verdict updated". */
export function humanAction(action: string): string {
  const text = action.replace(/[._]/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const shortId = (id: string | null | undefined): string => (id ? id.slice(-6) : "—");
