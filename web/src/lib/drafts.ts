/**
 * Unsaved input survives navigation, reloads and 412 conflicts: forms keep their draft in
 * sessionStorage (this tab only) until it is saved or discarded on purpose.
 */
const PREFIX = "claimtrail.draft.";

export function loadDraft<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the draft still lives in the form itself.
  }
}

export function clearDraft(key: string): void {
  sessionStorage.removeItem(PREFIX + key);
}

/** The browser's own "leave this page?" prompt while some form has unsaved changes. */
const dirty = new Set<string>();
window.addEventListener("beforeunload", (e) => {
  if (dirty.size > 0) e.preventDefault();
});

export function markDirty(key: string, isDirty: boolean): void {
  if (isDirty) dirty.add(key);
  else dirty.delete(key);
}
