import type { ComponentChildren } from "preact";
import { ApiError, describeError } from "../api/api-client";

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

/** A failure said plainly, with what the service answered and a way to try again. */
export function ErrorNotice({ error, retry, title, children }: { error: unknown; retry?: () => void; title?: string; children?: ComponentChildren }) {
  const requestId = error instanceof ApiError ? error.problem.requestId : undefined;
  return (
    <div class="notice notice-error" role="alert">
      <p>
        <strong>{title ?? "Something went wrong."}</strong> {error instanceof ApiError ? error.message : describeError(error)}
      </p>
      <FieldErrors error={error} />
      {children}
      {requestId ? <p class="muted small">Request id: {requestId}</p> : null}
      {retry ? (
        <button type="button" class="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function FieldErrors({ error, prefix }: { error: unknown; prefix?: string }) {
  if (!(error instanceof ApiError)) return null;
  const list = error.fieldErrors.filter((e) => !prefix || e.field.startsWith(prefix));
  if (list.length === 0) return null;
  return (
    <ul class="field-errors">
      {list.map((e) => (
        <li key={e.field + e.message}>
          <code>{e.field}</code>: {e.message}
        </li>
      ))}
    </ul>
  );
}
