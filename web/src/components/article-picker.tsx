import { useState } from "preact/hooks";
import { api } from "../api/api-client";
import type { ArticleSummary, Page } from "../api/api-types";
import { formatDate } from "../lib/format";
import { usePickerSearch } from "./picker-search";
import { PickerSearchBox, useRefocusOnClear } from "./picker-search-box";

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
  const { inputRef, willClear } = useRefocusOnClear(value);

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
            willClear();
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
      <PickerSearchBox
        id={id}
        inputRef={inputRef}
        q={q}
        onInput={setQ}
        placeholder="Words of the title"
        pickFirst={() => results?.[0] && term && pick(results[0])}
        searching={searching}
        error={error}
        list={
          results && term ? (
            <>
              {results.map((a) => (
                <li key={a.id}>
                  <button type="button" class="button button-small pick" onClick={() => pick(a)}>
                    Use {a.title} <span class="muted">({a.publisher?.name ?? "no publisher"}{a.publishedAt ? `, ${formatDate(a.publishedAt)}` : ""})</span>
                  </button>
                </li>
              ))}
              {results.length === 0 ? <li class="muted small">No article title contains “{term}”.</li> : null}
            </>
          ) : null
        }
      />
    </div>
  );
}
