import { useEffect, useRef } from "preact/hooks";
import { Store } from "./store";

/**
 * Single-key shortcuts for the queue and the desk. They are ignored while the user types
 * in a field (so "j" in a rationale is a "j") and with Ctrl/Alt/Meta held, so browser
 * and screen-reader commands keep working. The help overlay (?) lists the active ones.
 */
export interface Shortcut {
  keys: string;
  description: string;
  /** Matches KeyboardEvent.key; several keys (e.g. "1".."9") may share one entry. */
  match: (key: string, e: KeyboardEvent) => boolean;
  run: (key: string, e: KeyboardEvent) => void;
}

export const activeShortcuts = new Store<Shortcut[]>([]);
export const helpOpen = new Store<boolean>(false);

export const globalShortcuts: Shortcut[] = [
  { keys: "?", description: "Show this list of shortcuts", match: (k) => k === "?", run: () => helpOpen.set(true) },
];

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") {
    const type = (target as HTMLInputElement).type;
    return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
  }
  return false;
}

export function useShortcuts(shortcuts: Shortcut[]): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    activeShortcuts.set(ref.current);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || isTyping(e.target)) return;
      // A modal dialog (the help list) handles its own keys. Its open attribute, not the
      // store, is the truth: after Escape the dialog is closed at once but its close event
      // (which updates the store) only fires a task later, and a key pressed in between
      // must reach the screen.
      if (document.querySelector("dialog[open]")) return;
      const hit = [...ref.current, ...globalShortcuts].find((s) => s.match(e.key, e));
      if (!hit) return;
      e.preventDefault();
      hit.run(e.key, e);
    };
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("keydown", onKey);
      activeShortcuts.set([]);
    };
  }, []);
  // Keep the overlay's list current when a screen's shortcuts change.
  useEffect(() => activeShortcuts.set(shortcuts));
}
