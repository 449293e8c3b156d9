import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, describeError, etagOf } from "../api/api-client";
import type { Claim, Page, Session } from "../api/api-types";
import { roleAtLeast } from "../api/session-store";
import { ErrorNotice, Loading } from "../components/async-state";
import { StatusBadge, VerdictBadge } from "../components/badges";
import { SnippetView } from "../components/snippet-view";
import { chainRow } from "../lib/chain-format";
import { rememberOrder } from "../lib/queue-order";
import { useShortcuts } from "../lib/shortcuts";
import { href, navigate } from "../router";
import { type Filters, filtersFrom, QueueFilters } from "./queue-filters";

const PAGE = 25;

interface ListState {
  state: "loading" | "ready" | "error";
  items: Claim[];
  nextCursor: string | null;
  error?: unknown;
  loadingMore: boolean;
}

/** The review queue: search, filters, sort, pages of claims; j/k/Enter/a from the keyboard. */
export function QueueScreen({ query, session }: { query: URLSearchParams; session: Session }) {
  const filters = filtersFrom(query);
  const filterKey = JSON.stringify(filters);
  const [list, setList] = useState<ListState>({ state: "loading", items: [], nextCursor: null, loadingMore: false });
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const generation = useRef(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const canWork = roleAtLeast(session.user.role, "fact_checker");

  const fetchPage = (cursor: string | null) => api.get<Page<Claim>>("/v1/claims", { ...filters, limit: PAGE, cursor });

  const loadFirst = async () => {
    const mine = ++generation.current;
    setList((l) => ({ ...l, state: "loading", error: undefined }));
    try {
      const { data } = await fetchPage(null);
      if (mine !== generation.current) return;
      setList({ state: "ready", items: data.data, nextCursor: data.nextCursor, loadingMore: false });
      setSelected(0);
    } catch (error) {
      if (mine === generation.current) setList({ state: "error", items: [], nextCursor: null, error, loadingMore: false });
    }
  };

  useEffect(() => {
    document.title = "Review queue · ClaimTrail";
    void loadFirst();
  }, [filterKey]);

  useEffect(() => rememberOrder(list.items.map((c) => c.id)), [list.items]);

  const loadMore = async () => {
    if (!list.nextCursor || list.loadingMore) return;
    const mine = generation.current;
    setList((l) => ({ ...l, loadingMore: true }));
    try {
      const { data } = await fetchPage(list.nextCursor);
      if (mine !== generation.current) return;
      setList((l) => ({ ...l, items: [...l.items, ...data.data], nextCursor: data.nextCursor, loadingMore: false }));
    } catch (error) {
      setList((l) => ({ ...l, loadingMore: false }));
      setMessage({ text: `More claims could not be loaded: ${describeError(error)}`, error: true });
    }
  };

  const applyFilters = (f: Filters) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) params.set(k, v);
    const qs = params.toString();
    navigate(`/app/${qs ? `?${qs}` : ""}`, { replace: true });
  };

  const focusRow = (i: number) => {
    const n = Math.max(0, Math.min(list.items.length - 1, i));
    setSelected(n);
    listRef.current?.querySelectorAll<HTMLAnchorElement>(".row-link")[n]?.focus();
  };

  const assignToMe = async (claim: Claim) => {
    setMessage(null);
    try {
      const { data } = await api.post<Claim>(`/v1/claims/${claim.id}/assignee/me`, { ifMatch: etagOf(claim.version) });
      setList((l) => ({ ...l, items: l.items.map((c) => (c.id === data.id ? { ...data, search: c.search } : c)) }));
      setMessage({ text: `Assigned to you: “${data.statement}”.` });
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 412)) {
        setMessage({ text: `Could not assign the claim: ${describeError(e)}`, error: true });
        return;
      }
      // Someone changed the claim since the list was loaded: show it as it is now.
      try {
        const { data } = await api.get<Claim>(`/v1/claims/${claim.id}`);
        setList((l) => ({ ...l, items: l.items.map((c) => (c.id === data.id ? { ...data, search: c.search } : c)) }));
        setMessage({ text: "Someone changed this claim a moment ago; it has been reloaded. Check it and press a again to take it.", error: true });
      } catch (again) {
        setMessage({ text: `The claim changed meanwhile and could not be reloaded: ${describeError(again)}`, error: true });
      }
    }
  };

  useShortcuts([
    { keys: "j", description: "Next claim", match: (k) => k === "j", run: () => focusRow(selected + 1) },
    { keys: "k", description: "Previous claim", match: (k) => k === "k", run: () => focusRow(selected - 1) },
    {
      keys: "Enter",
      description: "Open the selected claim",
      // A focused link or button acts on Enter by itself.
      match: (k, e) => k === "Enter" && !(e.target instanceof HTMLAnchorElement || e.target instanceof HTMLButtonElement),
      run: () => {
        const c = list.items[selected];
        if (c) navigate(`claims/${c.id}`);
      },
    },
    ...(canWork
      ? [{ keys: "a", description: "Assign the selected claim to me", match: (k: string) => k === "a", run: () => void (list.items[selected] && assignToMe(list.items[selected]!)) }]
      : []),
    { keys: "/", description: "Search", match: (k) => k === "/", run: () => searchRef.current?.focus() },
  ]);

  return (
    <section class="queue" aria-labelledby="queue-title">
      <h1 id="queue-title" tabIndex={-1}>
        Review queue
      </h1>
      <QueueFilters filters={filters} onChange={applyFilters} searchRef={searchRef} />
      <div class="live" role="status" aria-live="polite">
        {message && !message.error ? <p class="notice notice-ok">{message.text}</p> : null}
      </div>
      {message?.error ? (
        <p class="notice notice-error" role="alert">
          {message.text}
        </p>
      ) : null}
      {list.state === "loading" ? <Loading what="claims" /> : null}
      {list.state === "error" ? <ErrorNotice error={list.error} retry={loadFirst} title="The claims could not be loaded." /> : null}
      {list.state === "ready" && list.items.length === 0 ? (
        <p class="empty" role="status">
          No claims match. {Object.keys(filters).length ? "Try fewer filters or other words." : ""}
        </p>
      ) : null}
      {list.state === "ready" && list.items.length > 0 ? (
        <>
          <p class="muted small" role="status">
            {list.items.length} claim{list.items.length === 1 ? "" : "s"} shown{list.nextCursor ? ", more below" : ""}. Keys: <kbd>j</kbd>/<kbd>k</kbd> to move,{" "}
            <kbd>Enter</kbd> to open{canWork ? <>, <kbd>a</kbd> to take a claim</> : null}, <kbd>?</kbd> for all.
          </p>
          <ol class="queue-list" ref={listRef} aria-label="Claims">
            {list.items.map((c, i) => (
              <QueueRow key={c.id} claim={c} selected={i === selected} onFocus={() => setSelected(i)} onAssign={canWork && !c.assignee ? () => void assignToMe(c) : undefined} />
            ))}
          </ol>
          {list.nextCursor ? (
            <button type="button" class="button load-more" onClick={loadMore} disabled={list.loadingMore}>
              {list.loadingMore ? "Loading…" : "Load more claims"}
            </button>
          ) : (
            <p class="muted small">End of the list.</p>
          )}
        </>
      ) : null}
    </section>
  );
}

function QueueRow({ claim, selected, onFocus, onAssign }: { claim: Claim; selected: boolean; onFocus: () => void; onAssign?: () => void }) {
  const { speaker, rest } = chainRow(claim.chain);
  return (
    <li class={`queue-row${selected ? " is-selected" : ""}`} onFocusCapture={onFocus}>
      <h2 class="row-title">
        <a class="row-link" href={href(`claims/${claim.id}`)}>
          {claim.statement}
        </a>
      </h2>
      <p class="row-chain">
        {speaker ? (
          <>
            <span class="visually-hidden">Said by </span>
            <strong>{speaker}</strong>
            {rest ? <> → {rest}</> : null}
          </>
        ) : (
          <>
            <span class="muted">No speaker named{rest ? ": " : ""}</span>
            {rest}
          </>
        )}
      </p>
      {claim.search ? (
        <p class="row-snippet">
          <span class="visually-hidden">Match: </span>
          <SnippetView snippet={claim.search.snippet} />
        </p>
      ) : null}
      <div class="row-meta">
        <StatusBadge status={claim.status} />
        <VerdictBadge kind="attribution" verdict={claim.verdicts.attribution} />
        <VerdictBadge kind="content" verdict={claim.verdicts.content} />
        <span class="assignee">{claim.assignee ? <>Assigned to {claim.assignee.name}</> : <span class="muted">Unassigned</span>}</span>
        {onAssign ? (
          <button type="button" class="button button-small" onClick={onAssign}>
            Assign to me
          </button>
        ) : null}
      </div>
    </li>
  );
}
