import { useState } from "preact/hooks";
import { api, ApiError } from "../../api/api-client";
import type { RatingLabel, RatingScale, UpdatedRatingScale, VerdictKind } from "../../api/api-types";
import { forgetLookups } from "../../api/lookups";
import { ErrorNotice, Loading } from "../../components/async-state";
import { useResource } from "../../lib/use-resource";

interface Row {
  key: string;
  label: string;
  description: string;
  colour: string;
  value: string;
}

const toRow = (l: RatingLabel): Row => ({ key: l.key, label: l.label, description: l.description, colour: l.colour, value: l.value === null ? "" : String(l.value) });

/** The organization's two rating scales; labels in use are retired by the service, not deleted. */
export function ScalesAdmin() {
  const scales = useResource(() => api.get<{ data: RatingScale[] }>("/v1/rating-scales").then((r) => r.data.data), []);
  return (
    <section aria-labelledby="scales-title">
      <h2 id="scales-title">Rating scales</h2>
      {scales.state === "loading" ? <Loading what="rating scales" /> : null}
      {scales.state === "error" ? <ErrorNotice error={scales.error} retry={scales.reload} title="The rating scales could not be loaded." /> : null}
      {scales.state === "ready"
        ? scales.data.map((s) => (
            <ScaleEditor
              key={`${s.kind}-${s.etag}`}
              scale={s}
              onSaved={() => {
                forgetLookups({ scales: true });
                void scales.reload();
              }}
            />
          ))
        : null}
    </section>
  );
}

function ScaleEditor({ scale, onSaved }: { scale: RatingScale; onSaved: () => void }) {
  const [rows, setRows] = useState<Row[]>(() => scale.labels.filter((l) => !l.retiredAt).map(toRow));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<string | null>(null);
  const retired = scale.labels.filter((l) => l.retiredAt);
  const kind: VerdictKind = scale.kind;

  const update = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= rows.length) return;
    const next = [...rows];
    [next[i], next[j]] = [next[j]!, next[i]!];
    setRows(next);
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const labels = rows.map((r) => ({ key: r.key.trim(), label: r.label.trim(), description: r.description, colour: r.colour, value: r.value.trim() === "" ? null : Number(r.value) }));
      const { data } = await api.put<UpdatedRatingScale>(`/v1/rating-scales/${kind}`, { body: { labels }, ifMatch: scale.etag });
      setResult(
        `Saved.${data.retired.length ? ` Retired (still used by verdicts): ${data.retired.join(", ")}.` : ""}${data.deleted.length ? ` Deleted: ${data.deleted.join(", ")}.` : ""}`,
      );
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 412 ? new Error("Someone changed this scale meanwhile. Reload the page to see their change; your edits here are not saved.") : err);
    } finally {
      setBusy(false);
    }
  };

  const id = (i: number, f: string) => `${kind}-label-${i}-${f}`;
  return (
    <form class="scale-editor stack" onSubmit={save} aria-label={`${scale.name} scale`}>
      <h3>
        {scale.name} <span class="muted small">({kind})</span>
      </h3>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Label</th>
              <th scope="col">Description</th>
              <th scope="col">Colour</th>
              <th scope="col">Value</th>
              <th scope="col">Order</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <label class="visually-hidden" for={id(i, "key")}>Key</label>
                  <input id={id(i, "key")} class="mono" required pattern="[a-z][a-z0-9_]{0,39}" value={r.key} onInput={(e) => update(i, { key: e.currentTarget.value })} />
                </td>
                <td>
                  <label class="visually-hidden" for={id(i, "label")}>Label</label>
                  <input id={id(i, "label")} required maxLength={100} value={r.label} onInput={(e) => update(i, { label: e.currentTarget.value })} />
                </td>
                <td>
                  <label class="visually-hidden" for={id(i, "description")}>Description</label>
                  <input id={id(i, "description")} maxLength={1000} value={r.description} onInput={(e) => update(i, { description: e.currentTarget.value })} />
                </td>
                <td>
                  <label class="visually-hidden" for={id(i, "colour")}>Colour</label>
                  <input id={id(i, "colour")} type="color" value={r.colour} onInput={(e) => update(i, { colour: e.currentTarget.value })} />
                </td>
                <td>
                  <label class="visually-hidden" for={id(i, "value")}>Value (empty: off the scale)</label>
                  <input id={id(i, "value")} type="number" min={-1000} max={1000} step={1} value={r.value} onInput={(e) => update(i, { value: e.currentTarget.value })} />
                </td>
                <td class="nowrap">
                  <button type="button" class="button button-small button-quiet" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${r.label} up`}>
                    ↑
                  </button>
                  <button type="button" class="button button-small button-quiet" onClick={() => move(i, 1)} disabled={i === rows.length - 1} aria-label={`Move ${r.label} down`}>
                    ↓
                  </button>
                  <button type="button" class="button button-small button-quiet" onClick={() => setRows(rows.filter((_, j) => j !== i))} disabled={rows.length === 1} aria-label={`Remove ${r.label}`}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {retired.length ? <p class="muted small">Retired labels (kept for old verdicts): {retired.map((l) => l.label).join(", ")}.</p> : null}
      <div class="actions">
        <button type="button" class="button button-small" onClick={() => setRows([...rows, { key: "", label: "", description: "", colour: "#6e7781", value: "" }])}>
          Add a label
        </button>
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? "Saving…" : `Save the ${scale.name.toLowerCase()} scale`}
        </button>
      </div>
      {error ? <ErrorNotice error={error} title="The scale was not saved." /> : null}
      <p class="live" role="status" aria-live="polite">
        {result ? <span class="notice-ok">{result}</span> : null}
      </p>
    </form>
  );
}
