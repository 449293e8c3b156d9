import { useState } from "preact/hooks";
import { api, ApiError, etagOf } from "../../api/api-client";
import type { Page } from "../../api/api-types";
import { ErrorNotice, Loading } from "../../components/async-state";
import { SecretOnce } from "../../components/secret-once";
import { formatDateTime } from "../../lib/format";
import { useResource } from "../../lib/use-resource";
import { WebhookDeliveries } from "./webhook-deliveries";

/**
 * Webhook subscriptions with their delivery logs. The section appears only when the service
 * offers webhooks: the published API description (GET /openapi.json) says whether
 * GET /v1/webhooks exists — asking it directly would put a 404 in the browser's log on
 * every service without them — and a 404 from the call itself hides it too.
 */
export const eventTypes = ["claim.created", "claim.updated", "verdict.changed", "claim.published", "claim.corrected", "claim.retracted", "article.revised"] as const;

export interface Webhook {
  id: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  secretPrefix: string;
  disabledAt: string | null;
  disabledReason: string | null;
  consecutiveFailures: number;
  version: number;
  createdAt: string;
}

interface Notification {
  id: string;
  kind: string;
  message: string;
  createdAt: string;
}

async function webhooksOffered(): Promise<boolean> {
  const res = await fetch("/openapi.json", { credentials: "same-origin", cache: "no-store" });
  if (!res.ok) return false;
  const doc = (await res.json()) as { paths?: Record<string, unknown> };
  return Boolean(doc.paths?.["/v1/webhooks"]);
}

export function WebhooksAdmin() {
  const hooks = useResource(async () => {
    if (!(await webhooksOffered())) return null;
    try {
      const [{ data: list }, notes] = await Promise.all([
        api.get<Page<Webhook>>("/v1/webhooks", { limit: 100 }),
        api.get<Page<Notification>>("/v1/notifications", { limit: 20 }),
      ]);
      return { list: list.data, notes: notes.data.data.filter((n) => n.kind.startsWith("webhook")) };
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, []);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);

  if (hooks.state === "loading") return <Loading what="webhooks" />;
  if (hooks.state === "error") return <ErrorNotice error={hooks.error} retry={hooks.reload} title="The webhooks could not be loaded." />;
  if (!hooks.data) return null;
  const reload = () => void hooks.reload();
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      {hooks.data.notes.length ? (
        <ul class="notice notice-warn plain-list" aria-label="Notices">
          {hooks.data.notes.map((n) => (
            <li key={n.id}>
              {formatDateTime(n.createdAt)}: {n.message}
            </li>
          ))}
        </ul>
      ) : null}
      {secret ? <SecretOnce id="webhook-secret" what={`the signing secret of ${secret.url}`} secret={secret.secret} onDone={() => setSecret(null)} /> : null}
      {hooks.data.list.length === 0 ? <p class="muted">No subscriptions yet.</p> : null}
      <ul class="card-list">
        {hooks.data.list.map((h) => (
          <WebhookCard key={`${h.id}-${h.version}`} hook={h} onChanged={reload} onSecret={(s) => setSecret({ url: h.url, secret: s })} />
        ))}
      </ul>
      <NewWebhookForm
        onCreated={(url, s) => {
          setSecret({ url, secret: s });
          reload();
        }}
      />
    </section>
  );
}

function WebhookCard({ hook, onChanged, onSecret }: { hook: Webhook; onChanged: () => void; onSecret: (secret: string) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const act = async (call: () => Promise<unknown>) => {
    setError(null);
    try {
      await call();
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError && e.status === 412 ? new Error("The subscription was changed meanwhile; it has been reloaded.") : e);
      if (e instanceof ApiError && e.status === 412) onChanged();
    }
  };
  const state = hook.disabledAt ? `Disabled by the service ${formatDateTime(hook.disabledAt)}${hook.disabledReason ? `: ${hook.disabledReason}` : ""}` : hook.active ? "Active" : "Paused";
  return (
    <li class="card">
      <h3 class="card-title mono">{hook.url}</h3>
      <p class="small">
        {state} · events: {hook.eventTypes.join(", ")} · secret {hook.secretPrefix}…{hook.consecutiveFailures > 0 ? ` · ${hook.consecutiveFailures} failures in a row` : ""}
      </p>
      <div class="actions wrap">
        <button
          type="button"
          class="button button-small"
          onClick={() => act(() => api.patch(`/v1/webhooks/${hook.id}`, { body: { active: !hook.active || Boolean(hook.disabledAt) }, ifMatch: etagOf(hook.version) }))}
        >
          {hook.active && !hook.disabledAt ? "Pause" : "Activate"}
        </button>
        <button type="button" class="button button-small" onClick={() => act(async () => onSecret((await api.post<{ secret: string }>(`/v1/webhooks/${hook.id}/rotate-secret`)).data.secret))}>
          New signing secret
        </button>
        {confirmDelete ? (
          <>
            <button type="button" class="button button-small button-danger" onClick={() => act(() => api.delete(`/v1/webhooks/${hook.id}`))}>
              Yes, delete it and its log
            </button>
            <button type="button" class="button button-small button-quiet" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" class="button button-small button-quiet" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        )}
      </div>
      {error ? <ErrorNotice error={error} title="That did not work." /> : null}
      <WebhookDeliveries webhookId={hook.id} />
    </li>
  );
}

function NewWebhookForm({ onCreated }: { onCreated: (url: string, secret: string) => void }) {
  const [url, setUrl] = useState("");
  const [types, setTypes] = useState<string[]>(["claim.published", "claim.corrected", "claim.retracted"]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<Webhook & { secret: string }>("/v1/webhooks", { body: { url: url.trim(), eventTypes: types } });
      setUrl("");
      onCreated(data.url, data.secret);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="sub-form">
      <summary>Add a subscription</summary>
      <form class="stack" onSubmit={submit}>
        <div class="field">
          <label for="wh-url">URL that receives the events (https)</label>
          <input id="wh-url" type="url" required maxLength={2000} value={url} onInput={(e) => setUrl(e.currentTarget.value)} />
        </div>
        <fieldset>
          <legend>Events</legend>
          {eventTypes.map((t) => (
            <label key={t} class="check">
              <input type="checkbox" checked={types.includes(t)} onChange={(e) => setTypes(e.currentTarget.checked ? [...types, t] : types.filter((x) => x !== t))} /> {t}
            </label>
          ))}
        </fieldset>
        {error ? <ErrorNotice error={error} title="The subscription was not created." /> : null}
        <button type="submit" class="button button-primary" disabled={busy || types.length === 0}>
          {busy ? "Adding…" : "Add subscription"}
        </button>
      </form>
    </details>
  );
}
