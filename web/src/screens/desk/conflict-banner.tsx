import type { ApiError } from "../../api/api-client";

/**
 * A 412 means someone changed the claim after this page loaded it: nothing was saved.
 * Reloading brings their change in and keeps everything the user typed (drafts stay in
 * the forms and in the tab's storage), so the user can look and save again.
 */
export function ConflictBanner({ error, myVersion, onReload, reloading }: { error: ApiError; myVersion: number; onReload: () => void; reloading: boolean }) {
  const current = typeof error.problem.currentVersion === "number" ? error.problem.currentVersion : null;
  return (
    <div class="notice notice-warn conflict" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title" class="h-small">Someone else changed this claim</h2>
      <p>
        Your last change was <strong>not saved</strong>: the claim was changed by someone else after you opened it
        {current !== null ? ` (you have version ${myVersion}; it is now version ${current})` : ""}. Your unsaved input is still in the forms below and will not be lost.
      </p>
      <p>Reload the claim to see what changed, check your input against it, then save again.</p>
      <button type="button" class="button button-primary" onClick={onReload} disabled={reloading}>
        {reloading ? "Reloading…" : "Reload the claim (keeps your input)"}
      </button>
    </div>
  );
}
