import { useEffect, useState } from "preact/hooks";
import { api, ApiError, describeError, etagOf, newIdempotencyKey } from "../api/api-client";
import type { Claim, Page, Session, Source } from "../api/api-types";
import { roleAtLeast } from "../api/session-store";
import { ErrorNotice, Loading } from "../components/async-state";
import { StatusBadge, VerdictBadge } from "../components/badges";
import { type PickedSource, SourcePicker } from "../components/source-picker";
import { chainLine } from "../lib/chain-format";
import { sourceTypeLabels } from "../lib/format";
import { rememberOrder } from "../lib/queue-order";
import { useResource } from "../lib/use-resource";
import { href, navigate } from "../router";

/** A source, every claim attributed to it, and (for editors) merging it into its original. */
export function SourceScreen({ sourceId, session }: { sourceId: string; session: Session }) {
  const source = useResource(() => api.get<Source>(`/v1/sources/${sourceId}`).then((r) => r.data), [sourceId]);
  useEffect(() => {
    document.title = `${source.state === "ready" ? source.data.name : "Source"} · ClaimTrail`;
  }, [source.state, source.data]);

  if (source.state === "loading") return <Loading what="the source" />;
  if (source.state === "error") return <ErrorNotice error={source.error} retry={source.reload} title="The source could not be loaded." />;
  const s = source.data;
  return (
    <article aria-labelledby="source-title">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href={href("sources")}>Sources</a> › Source
      </nav>
      <h1 id="source-title" tabIndex={-1}>
        {s.name}
      </h1>
      {s.mergedIntoId ? (
        <p class="notice notice-warn">
          This source was merged into <a href={href(`sources/${s.mergedIntoId}`)}>another source</a>; its claims are listed there.
        </p>
      ) : null}
      <dl class="facts">
        <dt>Type</dt>
        <dd>{sourceTypeLabels[s.type]}</dd>
        <dt>Also known as</dt>
        <dd>{s.aliases.length ? s.aliases.join(", ") : "—"}</dd>
        <dt>Country</dt>
        <dd>{s.country ?? "—"}</dd>
        <dt>Wikidata</dt>
        <dd>
          {s.wikidataId ? (
            <a href={`https://www.wikidata.org/wiki/${encodeURIComponent(s.wikidataId)}`} target="_blank" rel="noopener noreferrer nofollow">
              {s.wikidataId}
            </a>
          ) : (
            "—"
          )}
        </dd>
        {s.description ? (
          <>
            <dt>Description</dt>
            <dd>{s.description}</dd>
          </>
        ) : null}
      </dl>
      {roleAtLeast(session.user.role, "editor") && !s.mergedIntoId ? <MergePanel source={s} /> : null}
      <SourceClaims sourceId={s.id} />
    </article>
  );
}

function SourceClaims({ sourceId }: { sourceId: string }) {
  const [items, setItems] = useState<Claim[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = async (after: string | null) => {
    setError(null);
    try {
      const { data } = await api.get<Page<Claim>>(`/v1/sources/${sourceId}/claims`, { limit: 50, cursor: after });
      setItems((x) => {
        const next = after && x ? [...x, ...data.data] : data.data;
        rememberOrder(next.map((c) => c.id));
        return next;
      });
      setCursor(data.nextCursor);
    } catch (e) {
      setError(e);
    }
  };
  useEffect(() => void load(null), [sourceId]);

  return (
    <section aria-labelledby="source-claims-title">
      <h2 id="source-claims-title">Claims attributed to this source</h2>
      {error ? <ErrorNotice error={error} retry={() => void load(null)} title="The claims could not be loaded." /> : null}
      {!items && !error ? <Loading what="claims" /> : null}
      {items && items.length === 0 ? <p class="empty">No claim names this source.</p> : null}
      {items && items.length ? (
        <ol class="queue-list">
          {items.map((c) => (
            <li key={c.id} class="queue-row">
              <h3 class="row-title">
                <a class="row-link" href={href(`claims/${c.id}`)}>
                  {c.statement}
                </a>
              </h3>
              <p class="row-chain">{chainLine(c.chain)}</p>
              <div class="row-meta">
                <StatusBadge status={c.status} />
                <VerdictBadge kind="attribution" verdict={c.verdicts.attribution} />
                <VerdictBadge kind="content" verdict={c.verdicts.content} />
              </div>
            </li>
          ))}
        </ol>
      ) : null}
      {cursor ? (
        <button type="button" class="button" onClick={() => void load(cursor)}>
          Load more claims
        </button>
      ) : null}
    </section>
  );
}

/** Merging moves every claim of this duplicate to the chosen source; it cannot be undone here. */
function MergePanel({ source }: { source: Source }) {
  const [target, setTarget] = useState<PickedSource | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const merge = async () => {
    if (target?.kind !== "existing") return;
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<Source>(`/v1/sources/${source.id}/merge`, { body: { into: target.id }, ifMatch: etagOf(source.version), idempotencyKey: newIdempotencyKey() });
      navigate(`sources/${data.id}`);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 412 ? new Error(`This source was changed meanwhile: reload the page and check it before merging. (${describeError(e)})`) : e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="merge-panel">
      <summary>Merge this source into another (duplicates)</summary>
      <p class="muted">
        Every claim that names <strong>{source.name}</strong> will name the chosen source instead; its name and aliases become aliases of that source.
      </p>
      <SourcePicker
        id="merge-target"
        label="Keep"
        value={target}
        allowNew={false}
        exclude={[source.id]}
        onChange={(t) => {
          setTarget(t);
          setConfirming(false);
        }}
      />
      {target ? (
        confirming ? (
          <div class="actions">
            <button type="button" class="button button-danger" onClick={merge} disabled={busy}>
              {busy ? "Merging…" : `Yes, merge ${source.name} into ${target.name}`}
            </button>
            <button type="button" class="button button-quiet" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" class="button" onClick={() => setConfirming(true)}>
            Merge into {target.name}…
          </button>
        )
      ) : null}
      {error ? <ErrorNotice error={error} title="The sources were not merged." /> : null}
    </details>
  );
}
