import type { Verdict, VerdictKind } from "../../api/api-types";

/** A verdict as the form edits it (strings for inputs), and its conversion to the API body. */
export interface EvidenceDraft {
  url: string;
  title: string;
  quote: string;
  /** datetime-local value ("2025-01-21T14:30"), in the user's time zone; "" when unknown. */
  accessedAt: string;
  isPrimarySource: boolean;
}

export interface VerdictDraft {
  rating: string;
  rationale: string;
  evidence: EvidenceDraft[];
  correctionNote: string;
  /** Version of the saved verdict the draft was started from (null: there was none). */
  baseVersion: number | null;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export const emptyEvidence = (): EvidenceDraft => ({ url: "", title: "", quote: "", accessedAt: "", isPrimarySource: false });

export function draftFrom(verdict: Verdict | null): VerdictDraft {
  return {
    rating: verdict?.rating.key ?? "",
    rationale: verdict?.rationale ?? "",
    evidence: (verdict?.evidence ?? []).map((e) => ({
      url: e.url,
      title: e.title,
      quote: e.quote ?? "",
      accessedAt: toLocalInput(e.accessedAt),
      isPrimarySource: e.isPrimarySource,
    })),
    correctionNote: "",
    baseVersion: verdict?.version ?? null,
  };
}

/** Whether the draft says something other than the saved verdict. */
export function draftDiffers(draft: VerdictDraft, verdict: Verdict | null): boolean {
  const saved = draftFrom(verdict);
  const strip = (d: VerdictDraft) => JSON.stringify({ r: d.rating, t: d.rationale, e: d.evidence, c: d.correctionNote });
  return strip(draft) !== strip(saved);
}

export function verdictBody(kind: VerdictKind, draft: VerdictDraft, isCorrection: boolean): Record<string, unknown> {
  return {
    rating: draft.rating,
    rationale: draft.rationale,
    evidence: draft.evidence.map((e) => ({
      url: e.url.trim(),
      title: e.title.trim(),
      ...(e.quote.trim() ? { quote: e.quote.trim() } : {}),
      ...(fromLocalInput(e.accessedAt) ? { accessedAt: fromLocalInput(e.accessedAt) } : {}),
      ...(kind === "attribution" ? { isPrimarySource: e.isPrimarySource } : {}),
    })),
    ...(isCorrection ? { correctionNote: draft.correctionNote.trim() } : {}),
  };
}
