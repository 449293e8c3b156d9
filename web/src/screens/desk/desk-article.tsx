import { useEffect, useRef } from "preact/hooks";
import { api } from "../../api/api-client";
import type { Article, Claim } from "../../api/api-types";
import { ArticleText } from "../../components/article-text";
import { ErrorNotice, Loading } from "../../components/async-state";
import { formatDate } from "../../lib/format";
import { useResource } from "../../lib/use-resource";
import { href } from "../../router";

/**
 * The article the claim was found in (latest revision), with this claim's span
 * highlighted and the other claims' spans marked as links to their desks.
 */
export function DeskArticle({ claim, onArticle }: { claim: Claim; onArticle?: (a: Article) => void }) {
  const anchor = claim.anchor;
  const article = useResource(() => api.get<Article>(`/v1/articles/${anchor!.articleId}`).then((r) => r.data), [anchor?.articleId]);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (article.state !== "ready") return;
    onArticle?.(article.data);
    // Bring the highlighted span into view inside the article panel, not the whole page.
    const panel = panelRef.current;
    const mark = panel?.querySelector<HTMLElement>("#current-span");
    if (panel && mark && panel.scrollHeight > panel.clientHeight) {
      panel.scrollTop = Math.max(0, mark.offsetTop - panel.offsetTop - panel.clientHeight / 3);
    }
  }, [article.state, article.data]);

  if (!anchor) {
    return (
      <section class="desk-article" aria-labelledby="article-title">
        <h2 id="article-title">Article</h2>
        <p class="muted">This claim is not anchored in an article.</p>
      </section>
    );
  }
  const here = article.state === "ready" ? article.data.claims.find((c) => c.claimId === claim.id) : undefined;
  return (
    <section class="desk-article" aria-labelledby="article-title">
      <h2 id="article-title">
        In the article: <a href={href(`articles/${anchor.articleId}`)}>{anchor.article.title}</a>
      </h2>
      {article.state === "loading" ? <Loading what="the article" /> : null}
      {article.state === "error" ? <ErrorNotice error={article.error} retry={article.reload} title="The article could not be loaded." /> : null}
      {article.state === "ready" ? (
        <>
          <p class="muted small">
            {article.data.publisher ? `${article.data.publisher.name} · ` : ""}
            {formatDate(article.data.publishedAt)} · revision {article.data.revision.number} ·{" "}
            <a href={article.data.url} target="_blank" rel="noopener noreferrer nofollow">
              original
            </a>
          </p>
          {here && !here.span ? (
            <p class="notice notice-warn">
              The quote is no longer in the latest revision (last found in revision {here.lastGoodRevisionNumber}): <q>{here.quote}</q>
            </p>
          ) : (
            <p class="legend small">
              <mark class="span span-current">This claim</mark> <span class="span span-other">Other claims</span>
            </p>
          )}
          <div class="article-panel" ref={panelRef}>
            <ArticleText text={article.data.text} claims={article.data.claims} currentClaimId={claim.id} label={`Text of ${article.data.title}`} linkOthers={true} />
          </div>
        </>
      ) : null}
    </section>
  );
}
