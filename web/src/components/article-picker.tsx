import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api/api-client";
import type { ArticleSummary, Page } from "../api/api-types";
import { formatDate } from "../lib/format";
import { pickerKeyDown, resultsKeyDown, usePickerSearch } from "./picker-search";

export interface PickedArticle {
  id: string;
  title: string;
}

const SHOWN = 8;

/** Search the organization's articles by a part of their title (newest first) and pick one. */
export function ArticlePicker({ id, label, value, onChange }: { id: string; label: string; value: PickedArticle | null; onChange: (a: PickedArticle | null) => void }) {
  const [q, setQ] = useState("");
  const term = q.trim();
  const { results, searching, error } = usePickerSearch(term, async (t) => (await api.get<Page<ArticleSummary>>("/v1/articles", { q: t, limit: SHOWN })).data.data);
  const input = useRef<HTMLInputElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!value && refocus.current) input.current?.focus();
    refocus.current = false;
  }, [value]);

  if (value) {
    return (
      <div class="picked-source">
        <span>
          {label}: <strong>{value.title}</strong>
        </span>
        <button
          type="button"
          class="button button-quiet button-small"
          onClick={() => {
            refocus.current = true;
            onChange(null);
          }}
        >
          Change {label.toLowerCase()}
        </button>
      </div>
    );
  }

  const pick = (a: ArticleSummary) => onChange({ id: a.id, title: a.title });
  return (
    <div class="search-picker">
      <label for={id}>{label}: search titles</label>
      <input
        id={id}
        ref={input}
        type="search"
        autocomplete="off"
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => pickerKeyDown(e, () => results?.[0] && term && pick(results[0]))}
        placeholder="Words of the title"
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} class="visually-hidden">
        Results appear below as you type; Enter takes the first, Arrow Down moves to them.
      </p>
      <div class="picker-results" aria-live="polite" onKeyDown={resultsKeyDown}>
        {searching ? <p class="muted small">Searching…</p> : null}
        {error ? <p class="notice notice-error">{error}</p> : null}
        {results && term ? (
          <ul class="plain-list">
            {results.map((a) => (
              <li key={a.id}>
                <button type="button" class="button button-small pick" onClick={() => pick(a)}>
                  Use {a.title} <span class="muted">({a.publisher?.name ?? "no publisher"}{a.publishedAt ? `, ${formatDate(a.publishedAt)}` : ""})</span>
                </button>
              </li>
            ))}
            {results.length === 0 ? <li class="muted small">No article title contains “{term}”.</li> : null}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
