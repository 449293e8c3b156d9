import { useState } from "preact/hooks";
import { api, ApiError, etagOf, newIdempotencyKey } from "../../api/api-client";
import type { Claim, ClaimStatus, Role } from "../../api/api-types";
import { roleAtLeast } from "../../api/session-store";
import { ErrorNotice } from "../../components/async-state";
import { roleLabels, statusLabels } from "../../lib/format";
import { actionLabel, noteRequired, type Transition, transitions } from "../../lib/workflow";

/**
 * The workflow moves from the claim's status that the user's role allows — and only those.
 * Moves readers will see (correct, retract) ask for a note; archiving asks to confirm.
 */
export function WorkflowActions({ claim, role, onDone, onConflict }: { claim: Claim; role: Role; onDone: (c: Claim, etag: string | null) => void; onConflict: (e: ApiError) => void }) {
  const possible = transitions.filter((t) => t.from === claim.status);
  const mine = possible.filter((t) => roleAtLeast(role, t.minRole));
  const others = possible.filter((t) => !roleAtLeast(role, t.minRole));
  const [pending, setPending] = useState<Transition | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (t: Transition) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const body: { to: ClaimStatus; note?: string } = { to: t.to, ...(note.trim() ? { note: note.trim() } : {}) };
      const { data, etag } = await api.post<Claim>(`/v1/claims/${claim.id}/transitions`, { body, ifMatch: etagOf(claim.version), idempotencyKey: newIdempotencyKey() });
      setPending(null);
      setNote("");
      setDone(`Moved to ${statusLabels[data.status]}.`);
      onDone(data, etag);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) onConflict(e);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const start = (t: Transition) => {
    setError(null);
    if (noteRequired.includes(t.to) || t.to === "archived" || t.to === "published") setPending(t);
    else void run(t);
  };

  return (
    <section class="workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Workflow</h2>
      <p>
        Status: <strong>{statusLabels[claim.status]}</strong>
      </p>
      {mine.length ? (
        <div class="actions wrap">
          {mine.map((t) => (
            <button key={t.to} type="button" class={`button${t.to === "published" || t.to === "ready" ? " button-primary" : ""}${t.to === "archived" || t.to === "retracted" ? " button-danger" : ""}`} disabled={busy} onClick={() => start(t)}>
              {actionLabel(t)}
            </button>
          ))}
        </div>
      ) : (
        <p class="muted">No move from {statusLabels[claim.status]} is open to you.</p>
      )}
      {others.length ? (
        <p class="muted small">
          {others.map((t) => `${actionLabel(t)}: ${roleLabels[t.minRole].toLowerCase()}s only`).join(" · ")}. Your role: {roleLabels[role].toLowerCase()}.
        </p>
      ) : null}
      {pending ? (
        <form
          class="stack confirm"
          onSubmit={(e) => {
            e.preventDefault();
            void run(pending);
          }}
        >
          {noteRequired.includes(pending.to) ? (
            <div class="field">
              <label for="transition-note">Note for readers: why {pending.to === "retracted" ? "it is retracted" : "it is corrected"}</label>
              <textarea id="transition-note" rows={2} required maxLength={2000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            </div>
          ) : (
            <p>
              {pending.to === "published" ? "Publish both verdicts? Readers will see them." : "Archive this claim? It leaves the queue until restored."}
            </p>
          )}
          <div class="actions">
            <button type="submit" class={`button ${pending.to === "published" ? "button-primary" : "button-danger"}`} disabled={busy}>
              {busy ? "Working…" : `Yes, ${actionLabel(pending).toLowerCase()}`}
            </button>
            <button type="button" class="button button-quiet" onClick={() => setPending(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {error ? (
        <ErrorNotice error={error} title="The claim was not moved.">
          {error instanceof ApiError && Array.isArray(error.problem.requirements) ? (
            <ul>
              {(error.problem.requirements as Array<{ message?: unknown }>).map((r, i) => (
                <li key={i}>{String(r.message ?? "")}</li>
              ))}
            </ul>
          ) : null}
        </ErrorNotice>
      ) : null}
      <p class="live" role="status" aria-live="polite">
        {done ? <span class="notice-ok">{done}</span> : null}
      </p>
    </section>
  );
}
