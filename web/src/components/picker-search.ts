import { useEffect, useRef, useState } from "preact/hooks";
import { describeError } from "../api/api-client";

/**
 * Search-as-you-type for pickers: waits for a pause in typing, asks the service, and keeps
 * only the answer to the latest term (an older, slower answer never replaces it).
 */
export function usePickerSearch<T>(term: string, search: (term: string) => Promise<T[]>): { results: T[] | null; searching: boolean; error: string | null } {
  const [results, setResults] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    if (!term) {
      setResults(null);
      setSearching(false);
      return;
    }
    setSearching(true);
    const timer = setTimeout(() => {
      search(term)
        .then((found) => {
          if (mine !== generation.current) return;
          setResults(found);
          setError(null);
        })
        .catch((e) => mine === generation.current && setError(describeError(e)))
        .finally(() => mine === generation.current && setSearching(false));
    }, 250);
    return () => clearTimeout(timer);
  }, [term]);

  return { results, searching, error };
}

/**
 * Keys in a picker's search box: Enter takes the first result (and must not submit the
 * form around the picker), Arrow Down moves to the result buttons.
 */
export function pickerKeyDown(e: KeyboardEvent, pickFirst: () => void): void {
  if (e.key === "Enter") {
    e.preventDefault();
    pickFirst();
  } else if (e.key === "ArrowDown") {
    const box = (e.currentTarget as HTMLElement).closest(".source-picker, .search-picker");
    const first = box?.querySelector<HTMLButtonElement>(".picker-results button");
    if (first) {
      e.preventDefault();
      first.focus();
    }
  }
}

/** Arrow keys between a picker's result buttons (Arrow Up from the first goes back to the box). */
export function resultsKeyDown(e: KeyboardEvent): void {
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  const box = (e.currentTarget as HTMLElement).closest(".source-picker, .search-picker");
  if (!box) return;
  const buttons = [...box.querySelectorAll<HTMLButtonElement>(".picker-results button")];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at === -1) return;
  e.preventDefault();
  if (e.key === "ArrowDown") buttons[Math.min(at + 1, buttons.length - 1)]?.focus();
  else if (at === 0) box.querySelector<HTMLInputElement>("input[type=search]")?.focus();
  else buttons[at - 1]?.focus();
}
