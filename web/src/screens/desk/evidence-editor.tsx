import { useEffect, useRef } from "preact/hooks";
import type { VerdictKind } from "../../api/api-types";
import { type EvidenceDraft, emptyEvidence } from "./verdict-draft";

/** The evidence items of one verdict: a fieldset per item, added and removed in place. */
export function EvidenceEditor({ kind, items, onChange, disabled }: { kind: VerdictKind; items: EvidenceDraft[]; onChange: (items: EvidenceDraft[]) => void; disabled: boolean }) {
  const listRef = useRef<HTMLDivElement>(null);
  const focusLast = useRef(false);

  useEffect(() => {
    if (!focusLast.current) return;
    focusLast.current = false;
    const inputs = listRef.current?.querySelectorAll<HTMLInputElement>("input[type=url]");
    inputs?.[inputs.length - 1]?.focus();
  }, [items.length]);

  const update = (i: number, patch: Partial<EvidenceDraft>) => onChange(items.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const id = (i: number, field: string) => `${kind}-evidence-${i}-${field}`;

  return (
    <div class="evidence-editor" ref={listRef}>
      {items.length === 0 ? <p class="muted small">No evidence yet. Publishing needs at least one item per verdict.</p> : null}
      {items.map((e, i) => (
        <fieldset key={i} class="evidence-item">
          <legend>Evidence {i + 1}</legend>
          <div class="field">
            <label for={id(i, "url")}>Link (http or https)</label>
            <input id={id(i, "url")} type="url" required value={e.url} disabled={disabled} placeholder="https://" onInput={(ev) => update(i, { url: ev.currentTarget.value })} />
          </div>
          <div class="field">
            <label for={id(i, "title")}>Title</label>
            <input id={id(i, "title")} type="text" required maxLength={500} value={e.title} disabled={disabled} onInput={(ev) => update(i, { title: ev.currentTarget.value })} />
          </div>
          <div class="field">
            <label for={id(i, "quote")}>Passage that matters (optional)</label>
            <textarea id={id(i, "quote")} rows={2} maxLength={5000} value={e.quote} disabled={disabled} onInput={(ev) => update(i, { quote: ev.currentTarget.value })} />
          </div>
          <div class="field-row">
            <div class="field">
              <label for={id(i, "accessed")}>Consulted on (optional)</label>
              <input id={id(i, "accessed")} type="datetime-local" value={e.accessedAt} disabled={disabled} onInput={(ev) => update(i, { accessedAt: ev.currentTarget.value })} />
            </div>
            {kind === "attribution" ? (
              <label class="check">
                <input type="checkbox" checked={e.isPrimarySource} disabled={disabled} onChange={(ev) => update(i, { isPrimarySource: ev.currentTarget.checked })} /> Primary record
                (transcript, official readout)
              </label>
            ) : null}
          </div>
          {!disabled ? (
            <button type="button" class="button button-quiet button-small" onClick={() => onChange(items.filter((_, j) => j !== i))}>
              Remove evidence {i + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      {!disabled && items.length < 50 ? (
        <button
          type="button"
          class="button button-small"
          onClick={() => {
            focusLast.current = true;
            onChange([...items, emptyEvidence()]);
          }}
        >
          Add evidence
        </button>
      ) : null}
    </div>
  );
}
