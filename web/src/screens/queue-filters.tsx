import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { ClaimStatus, RatingScale, VerdictKind } from "../api/api-types";
import { articleTitled, ratingScales, sourceNamed } from "../api/lookups";
import { ArticlePicker, type PickedArticle } from "../components/article-picker";
import { ErrorNotice } from "../components/async-state";
import { type PickedSource, SourcePicker } from "../components/source-picker";
import { statusLabels } from "../lib/format";
import { claimStatuses } from "../lib/workflow";

/** The queue's filters live in the address (shareable, kept on reload and Back). */
export const filterKeys = ["q", "status", "attributionVerdict", "contentVerdict", "speaker", "article", "assignee", "sort"] as const;
export type FilterKey = (typeof filterKeys)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export function filtersFrom(query: URLSearchParams): Filters {
  const f: Filters = {};
  for (const k of filterKeys) {
    const v = query.get(k);
    if (v) f[k] = v;
  }
  return f;
}

interface Options {
  scales: Record<VerdictKind, RatingScale>;
}

/**
 * The speaker and the article of the address, by name: known when picked here, looked up
 * when the address came from elsewhere (a shared link, a reload).
 */
function usePicked<T extends { id: string }>(id: string | undefined, lookUp: (id: string) => Promise<T>): [T | null, (v: T | null) => void, unknown] {
  const [picked, setPicked] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    if (!id) return setPicked(null);
    if (picked?.id === id) return;
    let live = true;
    lookUp(id)
      .then((v) => live && setPicked(v))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [id]);
  return [picked, setPicked, error];
}

export function QueueFilters({ filters, onChange, searchRef }: { filters: Filters; onChange: (f: Filters) => void; searchRef: { current: HTMLInputElement | null } }) {
  const [q, setQ] = useState(filters.q ?? "");
  const [options, setOptions] = useState<Options | null>(null);
  const [optionsError, setOptionsError] = useState<unknown>(null);

  useEffect(() => setQ(filters.q ?? ""), [filters.q]);
  const loadOptions = () => {
    setOptionsError(null);
    ratingScales()
      .then((scales) => setOptions({ scales }))
      .catch(setOptionsError);
  };
  const [speaker, setSpeaker, speakerError] = usePicked(filters.speaker, sourceNamed);
  const [article, setArticle, articleError] = usePicked(filters.article, articleTitled);
  useEffect(loadOptions, []);

  const set = (key: FilterKey, value: string) => {
    const next = { ...filters, [key]: value || undefined };
    // Relevance only means something for a search.
    if (key === "q" && !value && next.sort === "relevance") delete next.sort;
    onChange(next);
  };
  const statuses = new Set((filters.status ?? "").split(",").filter(Boolean));
  const toggleStatus = (s: ClaimStatus, on: boolean) => {
    const next = new Set(statuses);
    if (on) next.add(s);
    else next.delete(s);
    set("status", claimStatuses.filter((x) => next.has(x)).join(","));
  };

  return (
    <form
      class="queue-filters"
      role="search"
      aria-label="Search and filter claims"
      onSubmit={(e) => {
        e.preventDefault();
        set("q", q.trim());
      }}
    >
      <div class="search-row">
        <label for="queue-q" class="visually-hidden">
          Search claims
        </label>
        <input
          id="queue-q"
          ref={searchRef}
          type="search"
          placeholder='Search statements and quotes: words, "a phrase", OR, -exclude'
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
          aria-keyshortcuts="/"
        />
        <button class="button button-primary" type="submit">
          Search
        </button>
      </div>
      <fieldset class="status-filter">
        <legend>Status</legend>
        {claimStatuses.map((s) => (
          <label key={s} class="check">
            <input type="checkbox" checked={statuses.has(s)} onChange={(e) => toggleStatus(s, e.currentTarget.checked)} /> {statusLabels[s]}
          </label>
        ))}
      </fieldset>
      {optionsError ? <ErrorNotice error={optionsError} retry={loadOptions} title="The filter menus could not be loaded." /> : null}
      <div class="filter-grid">
        <Select id="f-attribution" label="Attribution verdict" value={filters.attributionVerdict} onChange={(v) => set("attributionVerdict", v)} loading={!options}>
          {options?.scales.attribution.labels.map((l) => <option key={l.key} value={l.key}>{l.label}</option>)}
        </Select>
        <Select id="f-content" label="Content verdict" value={filters.contentVerdict} onChange={(v) => set("contentVerdict", v)} loading={!options}>
          {options?.scales.content.labels.map((l) => <option key={l.key} value={l.key}>{l.label}</option>)}
        </Select>
        <div class="picker-row">
          <div class="field picker-field">
            <SourcePicker
              id="f-speaker"
              label="Speaker"
              allowNew={false}
              // Outlets publish claims; they are not who said them.
              excludeTypes={["publication"]}
              placeholder="Any speaker: type a name"
              value={speaker ? { kind: "existing", ...speaker } : null}
              onChange={(s: PickedSource | null) => {
                setSpeaker(s?.kind === "existing" ? { id: s.id, name: s.name, type: s.type } : null);
                set("speaker", s?.kind === "existing" ? s.id : "");
              }}
            />
            {speakerError ? <ErrorNotice error={speakerError} title="The speaker of this filter could not be loaded." /> : null}
          </div>
          <div class="field picker-field">
            <ArticlePicker
              id="f-article"
              label="Article"
              value={article}
              onChange={(a: PickedArticle | null) => {
                setArticle(a);
                set("article", a?.id ?? "");
              }}
            />
            {articleError ? <ErrorNotice error={articleError} title="The article of this filter could not be loaded." /> : null}
          </div>
        </div>
        <Select id="f-assignee" label="Assignee" value={filters.assignee} onChange={(v) => set("assignee", v)} loading={false}>
          <option value="me">Assigned to me</option>
          <option value="none">Unassigned</option>
        </Select>
        <div class="field">
          <label for="f-sort">Sort</label>
          <select id="f-sort" value={filters.sort ?? ""} onChange={(e) => set("sort", e.currentTarget.value)}>
            <option value="">Newest first</option>
            {filters.q ? <option value="relevance">Best match</option> : null}
            <option value="updated">Recently changed</option>
          </select>
        </div>
      </div>
      {Object.keys(filters).length > 0 ? (
        <button type="button" class="button button-quiet" onClick={() => onChange({})}>
          Clear search and filters
        </button>
      ) : null}
    </form>
  );
}

function Select({ id, label, value, onChange, loading, children }: {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (v: string) => void;
  loading: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.currentTarget.value)} aria-busy={loading}>
        <option value="">{loading ? "Loading…" : "Any"}</option>
        {children}
      </select>
    </div>
  );
}
