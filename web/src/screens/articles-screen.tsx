import { useEffect, useState } from "preact/hooks";
import { api, describeError } from "../api/api-client";
import type { ArticleSummary, Page } from "../api/api-types";
import { ErrorNotice, Loading } from "../components/async-state";
import { formatDate } from "../lib/format";
import { useResource } from "../lib/use-resource";
import { href } from "../router";

/** Articles, newest first, paged. */
export function ArticlesScreen() {
  const first = useResource(() => api.get<Page<ArticleSummary>>("/v1/articles", { limit: 50 }).then((r) => r.data), []);
  const [extra, setExtra] = useState<ArticleSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);

  useEffect(() => {
    document.title = "Articles · ClaimTrail";
    if (first.state === "ready") {
      setExtra([]);
      setCursor(first.data.nextCursor);
    }
  }, [first.state, first.data]);

  const more = async () => {
    if (!cursor) return;
    try {
      const { data } = await api.get<Page<ArticleSummary>>("/v1/articles", { limit: 50, cursor });
      setExtra((x) => [...x, ...data.data]);
      setCursor(data.nextCursor);
    } catch (e) {
      setMoreError(describeError(e));
    }
  };

  return (
    <section aria-labelledby="articles-title">
      <h1 id="articles-title" tabIndex={-1}>
        Articles
      </h1>
      {first.state === "loading" ? <Loading what="articles" /> : null}
      {first.state === "error" ? <ErrorNotice error={first.error} retry={first.reload} title="The articles could not be loaded." /> : null}
      {first.state === "ready" ? (
        first.data.data.length === 0 ? (
          <p class="empty">No articles yet.</p>
        ) : (
          <ul class="card-list">
            {[...first.data.data, ...extra].map((a) => (
              <li key={a.id} class="card">
                <h2 class="card-title">
                  <a href={href(`articles/${a.id}`)}>{a.title}</a>
                </h2>
                <p class="muted small">
                  {a.publisher ? `${a.publisher.name} · ` : ""}
                  {formatDate(a.publishedAt)} · revision {a.revision.number}
                </p>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {cursor ? (
        <button type="button" class="button" onClick={more}>
          Load more articles
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
