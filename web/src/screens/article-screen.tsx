import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api/api-client";
import type { Article, Claim, Session } from "../api/api-types";
import { roleAtLeast } from "../api/session-store";
import { ArticleText } from "../components/article-text";
import { ErrorNotice, Loading } from "../components/async-state";
import { formatDate, statusLabels } from "../lib/format";
import { rememberOrder } from "../lib/queue-order";
import { selectionIn, type TextSelection } from "../lib/selection-offsets";
import { useResource } from "../lib/use-resource";
import { href } from "../router";
import { loadNewClaimDraft, NewClaimForm, type NewClaimDraft } from "./article/new-claim-form";

/**
 * An article's latest revision with all its claims marked. Selecting text (or typing an
 * exact quote) starts a new claim anchored there.
 */
export function ArticleScreen({ articleId, session }: { articleId: string; session: Session }) {
  const res = useResource(() => api.get<Article>(`/v1/articles/${articleId}`).then((r) => r.data), [articleId]);
  const canAdd = roleAtLeast(session.user.role, "fact_checker");
  const textRef = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const [formFor, setFormFor] = useState<TextSelection | null>(null);
  const [draft, setDraft] = useState<NewClaimDraft | null>(null);
  const [created, setCreated] = useState<Claim | null>(null);
  const [quote, setQuote] = useState("");
  const [quoteMessage, setQuoteMessage] = useState<string | null>(null);

  useEffect(() => {
    document.title = `${res.state === "ready" ? res.data.title : "Article"} · ClaimTrail`;
    if (res.state === "ready") rememberOrder([...res.data.claims].filter((c) => c.span).sort((a, b) => a.span!.start - b.span!.start).map((c) => c.claimId));
  }, [res.state, res.data]);

  // Unsaved input of a new claim (from before a reload or a visit elsewhere) reopens its form.
  useEffect(() => {
    if (res.state !== "ready" || !canAdd || formFor) return;
    const kept = loadNewClaimDraft(res.data);
    if (kept) {
      setDraft(kept);
      setFormFor(kept.selection);
    }
  }, [res.state]);

  // Only a new, non-empty selection inside the text replaces the remembered one: clicking
  // the "add" button (which collapses the selection) must not lose it.
  useEffect(() => {
    if (res.state !== "ready" || !canAdd) return;
    const text = res.data.text;
    const onChange = () => {
      const el = textRef.current;
      if (!el) return;
      const sel = selectionIn(el, text);
      if (sel) setSelection(sel);
    };
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  }, [res.state, res.data, canAdd]);

  if (res.state === "loading") return <Loading what="the article" />;
  if (res.state === "error") return <ErrorNotice error={res.error} retry={res.reload} title="The article could not be loaded." />;
  const article = res.data;

  const findQuote = (e: Event) => {
    e.preventDefault();
    const q = quote.trim();
    const at = q ? article.text.indexOf(q) : -1;
    if (at === -1) {
      setQuoteMessage("That exact text is not in the article (check spaces and quotation marks).");
      return;
    }
    const again = article.text.indexOf(q, at + 1) !== -1;
    setQuoteMessage(again ? "The text occurs more than once; the first occurrence is used. Select it in the text to choose another." : null);
    setSelection({ start: at, end: at + q.length, exact: q });
  };

  const lost = article.claims.filter((c) => !c.span);
  return (
    <article class="article-view" aria-labelledby="article-heading">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href={href("articles")}>Articles</a> › Article
      </nav>
      <h1 id="article-heading" tabIndex={-1}>
        {article.title}
      </h1>
      <p class="muted">
        {article.publisher ? `${article.publisher.name} · ` : ""}
        {formatDate(article.publishedAt)} · revision {article.revision.number} · {article.claims.length} claims ·{" "}
        <a href={article.url} target="_blank" rel="noopener noreferrer nofollow">
          original
        </a>
      </p>
      <div class="article-grid">
        <section aria-labelledby="text-heading">
          <h2 id="text-heading" class="visually-hidden">
            Text
          </h2>
          {canAdd ? <p class="hint">Select a passage of the text to add a claim anchored there. Marked passages are claims already recorded.</p> : null}
          <ArticleText text={article.text} claims={article.claims} pending={formFor} containerRef={textRef} label={`Text of ${article.title}`} linkOthers={false} />
        </section>
        <aside class="article-side" aria-label="Claims in this article">
          {created ? (
            <p class="notice notice-ok" role="status">
              Claim created: <a href={href(`claims/${created.id}`)}>{created.statement}</a>
            </p>
          ) : null}
          {canAdd && formFor ? (
            <NewClaimForm
              key={`${formFor.start}-${formFor.end}`}
              article={article}
              selection={formFor}
              draft={draft && draft.selection.start === formFor.start && draft.selection.end === formFor.end ? draft : null}
              onCancel={() => {
                setDraft(null);
                setFormFor(null);
              }}
              onCreated={(c) => {
                setCreated(c);
                setDraft(null);
                setFormFor(null);
                setSelection(null);
                void res.reload();
              }}
            />
          ) : null}
          {canAdd && !formFor ? (
            <section class="selection-panel" aria-labelledby="selection-title">
              <h2 id="selection-title">Add a claim</h2>
              {selection ? (
                <>
                  <p>
                    Selected: <q class="selected-text">{selection.exact}</q>
                  </p>
                  <div class="actions">
                    <button type="button" class="button button-primary" onClick={() => setFormFor(selection)}>
                      Add claim from selection
                    </button>
                    <button type="button" class="button button-quiet" onClick={() => setSelection(null)}>
                      Clear selection
                    </button>
                  </div>
                </>
              ) : (
                <p class="muted">No text selected yet.</p>
              )}
              <form class="stack" onSubmit={findQuote}>
                <div class="field">
                  <label for="find-quote">Or paste the exact quote</label>
                  <input id="find-quote" type="text" value={quote} onInput={(e) => setQuote(e.currentTarget.value)} />
                </div>
                <button type="submit" class="button button-small">
                  Find it in the text
                </button>
                {quoteMessage ? <p class="notice notice-warn">{quoteMessage}</p> : null}
              </form>
            </section>
          ) : null}
          <section aria-labelledby="claims-in-article">
            <h2 id="claims-in-article">Claims ({article.claims.length})</h2>
            <ol class="plain-list article-claims">
              {[...article.claims]
                .sort((a, b) => (a.span?.start ?? Infinity) - (b.span?.start ?? Infinity))
                .map((c) => (
                  <li key={c.claimId}>
                    <a href={href(`claims/${c.claimId}`)}>{c.statement}</a> <span class="muted small">({statusLabels[c.status]})</span>
                  </li>
                ))}
            </ol>
            {lost.length ? <p class="notice notice-warn">{lost.length} claim(s) lost their place in this revision: their quotes are no longer in the text.</p> : null}
          </section>
        </aside>
      </div>
    </article>
  );
}
