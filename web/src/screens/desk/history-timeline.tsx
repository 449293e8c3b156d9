import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/api-client";
import type { HistoryEntry, Page, RatingScale, VerdictKind } from "../../api/api-types";
import { ErrorNotice, Loading } from "../../components/async-state";
import { actorName, learnName } from "../../lib/actor-names";
import { formatDateTime } from "../../lib/format";
import { summarise } from "../../lib/history-summary";

const MAX_PAGES = 5;

/** The claim's timeline from the event log, oldest first; refreshed after each change here. */
export function HistoryTimeline({ claimId, refreshKey, scales, myId }: { claimId: string; refreshKey: string; scales: Record<VerdictKind, RatingScale>; myId: string }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [more, setMore] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = async () => {
    setError(null);
    try {
      // Most claims have a short history: read it whole (bounded), so the newest is there.
      let cursor: string | null = null;
      const all: HistoryEntry[] = [];
      for (let i = 0; i < MAX_PAGES; i++) {
        const page: { data: Page<HistoryEntry> } = await api.get<Page<HistoryEntry>>(`/v1/claims/${claimId}/history`, { limit: 200, cursor });
        all.push(...page.data.data);
        cursor = page.data.nextCursor;
        if (!cursor) break;
      }
      // Entries name their actors: learn them, so "assigned it to …" can name people too.
      for (const e of all) if (e.actor.type === "user") learnName(e.actor.id, e.actor.name);
      setEntries(all);
      setMore(cursor);
    } catch (e) {
      setError(e);
    }
  };
  // refreshKey changes with every change made on the desk (claim version, comments).
  useEffect(() => void load(), [claimId, refreshKey]);

  const label = (kind: string, key: string) => scales[kind as VerdictKind]?.labels.find((l) => l.key === key)?.label ?? key;
  const who = (id: string | null) => actorName({ type: "user", id }, myId);

  return (
    <section class="history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      {error ? <ErrorNotice error={error} retry={load} title="The history could not be loaded." /> : null}
      {!entries && !error ? <Loading what="history" /> : null}
      {entries ? (
        <ol class="timeline">
          {entries.map((e) => {
            const s = summarise(e, label, who);
            return (
              <li key={e.seq} class="timeline-entry" data-action={e.action}>
                <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>{" "}
                <span class="actor">{actorName(e.actor, myId)}</span> {s.text}
                {s.note ? <span class="timeline-note"> — {s.note}</span> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      {more ? <p class="muted small">Only the first {MAX_PAGES * 200} events are shown.</p> : null}
    </section>
  );
}
