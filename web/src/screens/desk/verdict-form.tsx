import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, etagOf, newIdempotencyKey } from "../../api/api-client";
import type { Claim, RatingScale, VerdictKind } from "../../api/api-types";
import { ErrorNotice } from "../../components/async-state";
import { MarkdownView } from "../../components/markdown-view";
import { clearDraft, loadDraft, markDirty, saveDraft } from "../../lib/drafts";
import { formatDateTime } from "../../lib/format";
import { EvidenceEditor } from "./evidence-editor";
import { draftDiffers, draftFrom, type VerdictDraft, verdictBody } from "./verdict-draft";

const titles: Record<VerdictKind, string> = { attribution: "Attribution verdict", content: "Content verdict" };
const questions: Record<VerdictKind, string> = {
  attribution: "Did this source really say it, as quoted?",
  content: "Is what was said true?",
};

export interface VerdictFormProps {
  kind: VerdictKind;
  claim: Claim;
  scale: RatingScale;
  /** Why the verdict cannot be changed by this user now; editable when absent. */
  lockedReason: string | null;
  isCorrection: boolean;
  active: boolean;
  onActivate: () => void;
  onSaved: (claim: Claim, etag: string | null) => void;
  onConflict: (err: ApiError) => void;
  /** Lets the desk's number keys set this form's rating (1 = first label on the scale). */
  bindRating: (kind: VerdictKind, setter: ((n: number) => void) | null) => void;
}

/**
 * One verdict: rating on the organization's scale, Markdown rationale, evidence items.
 * The draft is kept in the tab's storage until saved, so a reload, a 412 conflict or a
 * trip to another screen never loses what was typed.
 */
export function VerdictForm(props: VerdictFormProps) {
  const { kind, claim, scale, lockedReason, isCorrection } = props;
  const saved = claim.verdicts[kind];
  const draftKey = `verdict.${claim.id}.${kind}`;
  const [draft, setDraft] = useState<VerdictDraft>(() => {
    const stored = loadDraft<VerdictDraft>(draftKey);
    return stored && draftDiffers(stored, saved) ? stored : draftFrom(saved);
  });
  const [restored, setRestored] = useState(() => Boolean(loadDraft<VerdictDraft>(draftKey)) && draftDiffers(draft, saved));
  const [preview, setPreview] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [savedMessage, setSavedMessage] = useState<string | null>(null);
  const idem = useRef<{ body: string; key: string } | null>(null);
  const dirty = draftDiffers(draft, saved);
  const usable = scale.labels.filter((l) => !l.retiredAt);

  // The saved verdict changed (saved here, or reloaded after a conflict): an untouched
  // form follows it; a form with unsaved input keeps the input and says what changed.
  useEffect(() => {
    if (!dirty) setDraft(draftFrom(saved));
  }, [saved?.version, saved?.id]);

  useEffect(() => {
    if (dirty) saveDraft(draftKey, draft);
    else clearDraft(draftKey);
    markDirty(draftKey, dirty);
  }, [draft, dirty]);
  useEffect(() => () => markDirty(draftKey, false), []);

  const setRating = (key: string) => {
    setSavedMessage(null);
    setDraft((d) => ({ ...d, rating: key }));
  };
  useEffect(() => {
    if (lockedReason) return props.bindRating(kind, null);
    props.bindRating(kind, (n) => {
      const label = usable[n - 1];
      if (label) setRating(label.key);
    });
    return () => props.bindRating(kind, null);
  }, [lockedReason, scale.etag]);

  const update = (patch: Partial<VerdictDraft>) => {
    setSavedMessage(null);
    setDraft((d) => ({ ...d, ...patch }));
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSavedMessage(null);
    const body = verdictBody(kind, draft, isCorrection);
    const text = JSON.stringify(body);
    // The same body retried (e.g. after a network error) reuses its key: never saved twice.
    if (idem.current?.body !== text) idem.current = { body: text, key: newIdempotencyKey() };
    setBusy(true);
    try {
      const { data, etag } = await api.put<Claim>(`/v1/claims/${claim.id}/verdicts/${kind}`, { body, ifMatch: etagOf(claim.version), idempotencyKey: idem.current.key });
      const fresh = data.verdicts[kind];
      setDraft(draftFrom(fresh));
      clearDraft(draftKey);
      setRestored(false);
      idem.current = null;
      setSavedMessage(`${titles[kind]} saved${fresh ? `: ${fresh.rating.label}` : ""}.`);
      props.onSaved(data, etag);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) props.onConflict(err);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const changedMeanwhile = dirty && saved && draft.baseVersion !== null && saved.version !== draft.baseVersion;
  const headingId = `${kind}-verdict-title`;

  return (
    <section class={`verdict-form${props.active && !lockedReason ? " is-active" : ""}`} aria-labelledby={headingId} onFocusCapture={props.onActivate}>
      <h2 id={headingId}>{titles[kind]}</h2>
      <p class="muted">{questions[kind]}</p>
      {saved ? (
        <p class="small">
          Saved: <strong>{saved.rating.label}</strong>, {formatDateTime(saved.updatedAt)}, {saved.evidence.length} evidence item{saved.evidence.length === 1 ? "" : "s"}.
        </p>
      ) : (
        <p class="small">Not rated yet.</p>
      )}
      {lockedReason ? (
        <>
          <p class="notice">{lockedReason}</p>
          {saved ? <SavedVerdict claim={claim} kind={kind} /> : null}
        </>
      ) : (
        <form class="stack" onSubmit={save} noValidate={false}>
          {restored ? (
            <p class="notice" role="status">
              Your unsaved draft was restored.{" "}
              <button
                type="button"
                class="button button-quiet button-small"
                onClick={() => {
                  setDraft(draftFrom(saved));
                  setRestored(false);
                }}
              >
                Discard draft
              </button>
            </p>
          ) : null}
          {changedMeanwhile ? (
            <p class="notice notice-warn" role="status">
              Someone saved this verdict while you were editing (now <strong>{saved.rating.label}</strong>). Your input below is kept; saving it replaces theirs.
            </p>
          ) : null}
          <fieldset class="rating-group">
            <legend>
              Rating {props.active ? <span class="muted small">(number keys 1–{Math.min(9, usable.length)} choose)</span> : null}
            </legend>
            {usable.map((l, i) => {
              const id = `${kind}-rating-${l.key}`;
              return (
                <div key={l.key} class={`rating-option${draft.rating === l.key ? " is-checked" : ""}`}>
                  <input id={id} type="radio" name={`rating-${kind}`} value={l.key} checked={draft.rating === l.key} required onChange={() => setRating(l.key)} aria-describedby={`${id}-description`} />
                  <label for={id}>
                    {i < 9 ? <kbd aria-hidden="true">{i + 1}</kbd> : null}
                    <span class="swatch" aria-hidden="true" style={{ backgroundColor: l.colour }} />
                    <span class="rating-label">{l.label}</span>
                  </label>
                  <span id={`${id}-description`} class="rating-description">
                    {l.description}
                  </span>
                </div>
              );
            })}
          </fieldset>
          <div class="field">
            <div class="label-row">
              <label for={`${kind}-rationale`}>Rationale (Markdown)</label>
              <button type="button" class="button button-quiet button-small" aria-pressed={preview} onClick={() => setPreview(!preview)}>
                {preview ? "Hide preview" : "Preview"}
              </button>
            </div>
            <textarea id={`${kind}-rationale`} rows={5} maxLength={20000} value={draft.rationale} onInput={(e) => update({ rationale: e.currentTarget.value })} />
            {preview ? (
              <div class="preview" aria-label="Rationale preview">
                {draft.rationale.trim() ? <MarkdownView source={draft.rationale} /> : <p class="muted">Nothing to preview.</p>}
              </div>
            ) : null}
          </div>
          <h3 class="h-small">Evidence</h3>
          <EvidenceEditor kind={kind} items={draft.evidence} onChange={(evidence) => update({ evidence })} disabled={false} />
          {isCorrection ? (
            <div class="field">
              <label for={`${kind}-correction`}>Correction note (published claim: readers see what changed)</label>
              <textarea id={`${kind}-correction`} rows={2} required maxLength={2000} value={draft.correctionNote} onInput={(e) => update({ correctionNote: e.currentTarget.value })} />
            </div>
          ) : null}
          {error ? (
            <ErrorNotice error={error} title={`The ${kind} verdict was not saved.`}>
            </ErrorNotice>
          ) : null}
          <div class="actions">
            <button class="button button-primary" type="submit" disabled={busy || !dirty}>
              {busy ? "Saving…" : isCorrection ? `Save and publish correction` : `Save ${kind} verdict`}
            </button>
            {dirty ? <span class="muted small">Unsaved changes</span> : null}
          </div>
          <p class="live" role="status" aria-live="polite">
            {savedMessage ? <span class="notice-ok">{savedMessage}</span> : null}
          </p>
        </form>
      )}
    </section>
  );
}

function SavedVerdict({ claim, kind }: { claim: Claim; kind: VerdictKind }) {
  const v = claim.verdicts[kind];
  if (!v) return null;
  return (
    <div class="saved-verdict">
      {v.rationale ? <MarkdownView source={v.rationale} /> : <p class="muted">No rationale.</p>}
      {v.evidence.length ? (
        <ul class="evidence-list">
          {v.evidence.map((e, i) => (
            <li key={i}>
              <a href={e.url} target="_blank" rel="noopener noreferrer nofollow">
                {e.title}
              </a>
              {e.isPrimarySource ? <span class="tag">primary record</span> : null}
              {e.quote ? <blockquote>{e.quote}</blockquote> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

