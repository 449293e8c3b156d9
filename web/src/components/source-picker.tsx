import { useState } from "preact/hooks";
import { api } from "../api/api-client";
import type { Page, Source, SourceType } from "../api/api-types";
import { sourceTypeLabels } from "../lib/format";
import { usePickerSearch } from "./picker-search";
import { PickerSearchBox, useRefocusOnClear } from "./picker-search-box";

/** A source chosen for a chain link: an existing one, or a new one created with the claim. */
export type PickedSource = { kind: "existing"; id: string; name: string; type: SourceType } | { kind: "new"; name: string; type: SourceType };

const SHOWN = 8;

/**
 * Search the organization's sources by name or alias (accent- and case-insensitive on the
 * service) and pick one, or name a new source to be created together with the claim.
 * `excludeTypes` leaves out sources that cannot be meant (outlets as a speaker filter).
 */
export function SourcePicker({ id, label, value, onChange, exclude, excludeTypes, allowNew = true, placeholder = "Name or alias, e.g. Putin" }: {
  id: string;
  label: string;
  value: PickedSource | null;
  onChange: (s: PickedSource | null) => void;
  exclude?: string[];
  excludeTypes?: SourceType[];
  allowNew?: boolean;
  placeholder?: string;
}) {
  const [q, setQ] = useState("");
  const term = q.trim();
  const { results, searching, error } = usePickerSearch(term, async (t) => {
    // Ask for more when some types are left out, so that SHOWN remain most of the time.
    const { data } = await api.get<Page<Source>>("/v1/sources", { q: t, limit: excludeTypes?.length ? SHOWN * 3 : SHOWN });
    return data.data.filter((s) => !exclude?.includes(s.id) && !excludeTypes?.includes(s.type)).slice(0, SHOWN);
  });
  const { inputRef, willClear } = useRefocusOnClear(value);

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

  const pick = (s: Source) => onChange({ kind: "existing", id: s.id, name: s.name, type: s.type });
  return (
    <div class="source-picker">
      <label for={id}>{label}: search sources</label>
      <PickerSearchBox
        id={id}
        inputRef={inputRef}
        q={q}
        onInput={setQ}
        placeholder={placeholder}
        pickFirst={() => results?.[0] && term && pick(results[0])}
        searching={searching}
        error={error}
        list={
          results && term ? (
            <>
              {results.map((s) => (
                <li key={s.id}>
                  <button type="button" class="button button-small pick" onClick={() => pick(s)}>
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
            </>
          ) : null
        }
      />
    </div>
  );
}
