import { useState } from "preact/hooks";
import { api, describeError } from "../../api/api-client";
import type { Page } from "../../api/api-types";
import { Loading } from "../../components/async-state";
import { formatDateTime } from "../../lib/format";

interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** A subscription's delivery log, newest first, loaded when opened; failed ones can be sent again. */
export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  const load = async (after: string | null) => {
    try {
      const { data } = await api.get<Page<Delivery>>(`/v1/webhooks/${webhookId}/deliveries`, { limit: 50, cursor: after });
      setItems((x) => (after && x ? [...x, ...data.data] : data.data));
      setCursor(data.nextCursor);
    } catch (e) {
      setMessage({ text: `The delivery log could not be loaded: ${describeError(e)}`, error: true });
    }
  };
  const toggle = () => {
    setOpen(!open);
    if (!open && !items) void load(null);
  };
  const redeliver = async (d: Delivery) => {
    setMessage(null);
    try {
      await api.post(`/v1/webhooks/${webhookId}/deliveries/${d.id}/redeliver`);
      setMessage({ text: `Delivery of ${d.eventType} queued again.` });
      await load(null);
    } catch (e) {
      setMessage({ text: describeError(e), error: true });
    }
  };

  return (
    <div class="deliveries">
      <button type="button" class="button button-small" aria-expanded={open} onClick={toggle}>
        {open ? "Hide delivery log" : "Show delivery log"}
      </button>
      {open && message ? <p class={message.error ? "notice notice-error" : "notice-ok"} role={message.error ? "alert" : "status"}>{message.text}</p> : null}
      {open && !items && !message?.error ? <Loading what="deliveries" /> : null}
      {open && items && items.length === 0 ? <p class="muted small">No deliveries yet.</p> : null}
      {open && items && items.length ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Delivery log</caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.eventType}</th>
                  <td>{formatDateTime(d.createdAt)}</td>
                  <td>
                    {d.status}
                    {d.status === "pending" && d.nextAttemptAt ? ` (next ${formatDateTime(d.nextAttemptAt)})` : ""}
                    {d.deliveredAt ? ` ${formatDateTime(d.deliveredAt)}` : ""}
                  </td>
                  <td>{d.attempts}</td>
                  <td>{[d.lastStatusCode, d.lastError].filter((x) => x !== null && x !== "").join(" ") || "—"}</td>
                  <td>
                    {d.status !== "pending" ? (
                      <button type="button" class="button button-small" onClick={() => void redeliver(d)}>
                        Send again
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {open && cursor ? (
        <button type="button" class="button button-small" onClick={() => void load(cursor)}>
          Older deliveries
        </button>
      ) : null}
    </div>
  );
}
