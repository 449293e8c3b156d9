import { useEffect, useRef, useState } from "preact/hooks";
import { api, describeError } from "../api/api-client";
import type { Page, Source, SourceType } from "../api/api-types";
import { sourceTypeLabels } from "../lib/format";

/** A source chosen for a chain link: an existing one, or a new one created with the claim. */
export type PickedSource = { kind: "existing"; id: string; name: string; type: SourceType } | { kind: "new"; name: string; type: SourceType };

/**
 * Search the organization's sources by name or alias (accent- and case-insensitive on the
 * service) and pick one, or name a new source to be created together with the claim.
 */
export function SourcePicker({ id, label, value, onChange, exclude, allowNew = true }: {
  id: string;
  label: string;
  value: PickedSource | null;
  onChange: (s: PickedSource | null) => void;
  exclude?: string[];
  allowNew?: boolean;
}) {
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Source[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const generation = useRef(0);

  useEffect(() => {
    const term = q.trim();
    if (!term) {
      setResults(null);
      return;
    }
    const mine = ++generation.current;
    setSearching(true);
    const timer = setTimeout(() => {
      api
        .get<Page<Source>>("/v1/sources", { q: term, limit: 8 })
        .then(({ data }) => {
          if (mine !== generation.current) return;
          setResults(data.data.filter((s) => !exclude?.includes(s.id)));
          setError(null);
        })
        .catch((e) => mine === generation.current && setError(describeError(e)))
        .finally(() => mine === generation.current && setSearching(false));
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);

  if (value) {
    return (
      <div class="picked-source">
        <span>
          {label}: <strong>{value.name}</strong> <span class="muted">({sourceTypeLabels[value.type]}{value.kind === "new" ? ", new source" : ""})</span>
        </span>
        {value.kind === "new" ? (
          <label class="inline-field">
            <span>Type</span>
            <select value={value.type} onChange={(e) => onChange({ ...value, type: e.currentTarget.value as SourceType })}>
              {Object.entries(sourceTypeLabels).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" class="button button-quiet button-small" onClick={() => onChange(null)}>
          Change {label.toLowerCase()}
        </button>
      </div>
    );
  }

  const term = q.trim();
  return (
    <div class="source-picker">
      <label for={id}>{label}: search sources</label>
      <input id={id} type="search" autocomplete="off" value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder="Name or alias, e.g. Putin" />
      <div class="picker-results" aria-live="polite">
        {searching ? <p class="muted small">Searching…</p> : null}
        {error ? <p class="notice notice-error">{error}</p> : null}
        {results && term ? (
          <ul class="plain-list">
            {results.map((s) => (
              <li key={s.id}>
                <button type="button" class="button button-small pick" onClick={() => onChange({ kind: "existing", id: s.id, name: s.name, type: s.type })}>
                  Use {s.name} <span class="muted">({sourceTypeLabels[s.type]})</span>
                </button>
              </li>
            ))}
            {results.length === 0 && !allowNew ? <li class="muted small">No source matches.</li> : null}
            {allowNew ? (
            <li>
              <button type="button" class="button button-small button-quiet pick-new" onClick={() => onChange({ kind: "new", name: term, type: "person" })}>
                Create a new source “{term}”
              </button>
            </li>
            ) : null}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
