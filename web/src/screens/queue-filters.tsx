import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { ArticleSummary, ClaimStatus, RatingScale, Source, VerdictKind } from "../api/api-types";
import { articleOptions, ratingScales, sourceOptions } from "../api/lookups";
import { ErrorNotice } from "../components/async-state";
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
  sources: Source[];
  articles: ArticleSummary[];
}

export function QueueFilters({ filters, onChange, searchRef }: { filters: Filters; onChange: (f: Filters) => void; searchRef: { current: HTMLInputElement | null } }) {
  const [q, setQ] = useState(filters.q ?? "");
  const [options, setOptions] = useState<Options | null>(null);
  const [optionsError, setOptionsError] = useState<unknown>(null);

  useEffect(() => setQ(filters.q ?? ""), [filters.q]);
  const loadOptions = () => {
    setOptionsError(null);
    Promise.all([ratingScales(), sourceOptions(), articleOptions()])
      .then(([scales, sources, articles]) => setOptions({ scales, sources, articles }))
      .catch(setOptionsError);
  };
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
        <Select id="f-speaker" label="Speaker" value={filters.speaker} onChange={(v) => set("speaker", v)} loading={!options}>
          {options?.sources.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </Select>
        <Select id="f-article" label="Article" value={filters.article} onChange={(v) => set("article", v)} loading={!options}>
          {options?.articles.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
        </Select>
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
