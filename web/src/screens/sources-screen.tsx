import { useEffect, useState } from "preact/hooks";
import { api, describeError } from "../api/api-client";
import type { Page, Source, SourceType } from "../api/api-types";
import { ErrorNotice, Loading } from "../components/async-state";
import { sourceTypeLabels } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { href, navigate } from "../router";

/** Sources: search names and aliases (best match first), or browse them all page by page. */
export function SourcesScreen({ query }: { query: URLSearchParams }) {
  const q = query.get("q") ?? "";
  const type = query.get("type") ?? "";
  const [term, setTerm] = useState(q);
  const [extra, setExtra] = useState<Source[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const first = useResource(() => api.get<Page<Source>>("/v1/sources", { q, type, limit: 50 }).then((r) => r.data), [q, type]);

  useEffect(() => {
    document.title = "Sources · ClaimTrail";
    setTerm(q);
  }, [q]);
  useEffect(() => {
    setExtra([]);
    setCursor(first.state === "ready" ? first.data.nextCursor : null);
  }, [first.state, first.data]);

  const apply = (next: { q?: string; type?: string }) => {
    const params = new URLSearchParams();
    const nq = next.q ?? q;
    const nt = next.type ?? type;
    if (nq) params.set("q", nq);
    if (nt) params.set("type", nt);
    const qs = params.toString();
    navigate(`/app/sources${qs ? `?${qs}` : ""}`, { replace: true });
  };

  const more = async () => {
    if (!cursor) return;
    try {
      const { data } = await api.get<Page<Source>>("/v1/sources", { type, limit: 50, cursor });
      setExtra((x) => [...x, ...data.data]);
      setCursor(data.nextCursor);
    } catch (e) {
      setMoreError(describeError(e));
    }
  };

  return (
    <section aria-labelledby="sources-title">
      <h1 id="sources-title" tabIndex={-1}>
        Sources
      </h1>
      <form
        class="search-row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          apply({ q: term.trim() });
        }}
      >
        <label for="sources-q" class="visually-hidden">
          Search sources
        </label>
        <input id="sources-q" type="search" placeholder="Name or alias (accents and case do not matter)" value={term} onInput={(e) => setTerm(e.currentTarget.value)} />
        <label for="sources-type" class="visually-hidden">
          Type
        </label>
        <select id="sources-type" value={type} onChange={(e) => apply({ type: e.currentTarget.value })}>
          <option value="">All types</option>
          {Object.entries(sourceTypeLabels).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <button type="submit" class="button button-primary">
          Search
        </button>
      </form>
      {first.state === "loading" ? <Loading what="sources" /> : null}
      {first.state === "error" ? <ErrorNotice error={first.error} retry={first.reload} title="The sources could not be loaded." /> : null}
      {first.state === "ready" && first.data.data.length === 0 ? <p class="empty">No source matches.</p> : null}
      {first.state === "ready" && first.data.data.length > 0 ? (
        <ul class="card-list">
          {[...first.data.data, ...extra].map((s) => (
            <li key={s.id} class="card">
              <h2 class="card-title">
                <a href={href(`sources/${s.id}`)}>{s.name}</a>
              </h2>
              <p class="muted small">
                {sourceTypeLabels[s.type as SourceType]}
                {s.country ? ` · ${s.country}` : ""}
                {s.aliases.length ? ` · also: ${s.aliases.join(", ")}` : ""}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {cursor && !q ? (
        <button type="button" class="button" onClick={more}>
          Load more sources
        </button>
      ) : null}
      {moreError ? (
        <p class="notice notice-error" role="alert">
          {moreError}
        </p>
      ) : null}
    </section>
  );
}
