import type { ComponentChildren, RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { pickerKeyDown, resultsKeyDown } from "./picker-search";

/**
 * The search box of a picker (ArticlePicker, SourcePicker): the input, its hint, and the
 * live region with "Searching…", the error and the list of results (`list`: its items,
 * or null for no list). Enter takes the first result (`pickFirst`), Arrow Down moves to them.
 */
export function PickerSearchBox({ id, inputRef, q, onInput, placeholder, pickFirst, searching, error, list }: {
  id: string;
  inputRef: RefObject<HTMLInputElement | null>;
  q: string;
  onInput: (q: string) => void;
  placeholder: string;
  pickFirst: () => void;
  searching: boolean;
  error: string | null;
  list: ComponentChildren | null;
}) {
  return (
    <>
      <input
        id={id}
        ref={inputRef}
        type="search"
        autocomplete="off"
        value={q}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(e) => pickerKeyDown(e, pickFirst)}
        placeholder={placeholder}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} class="visually-hidden">
        Results appear below as you type; Enter takes the first, Arrow Down moves to them.
      </p>
      <div class="picker-results" aria-live="polite" onKeyDown={resultsKeyDown}>
        {searching ? <p class="muted small">Searching…</p> : null}
        {error ? <p class="notice notice-error">{error}</p> : null}
        {list !== null ? <ul class="plain-list">{list}</ul> : null}
      </div>
    </>
  );
}

/**
 * After "Change …" the picked value gives way to the search box: keep the focus there.
 * `willClear()` is called just before the value is cleared.
 */
export function useRefocusOnClear(value: unknown): { inputRef: RefObject<HTMLInputElement | null>; willClear: () => void } {
  const inputRef = useRef<HTMLInputElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!value && refocus.current) inputRef.current?.focus();
    refocus.current = false;
  }, [value]);
  return { inputRef, willClear: () => (refocus.current = true) };
}
