import { useEffect, useRef, useState } from "preact/hooks";
import { api, newIdempotencyKey } from "../../api/api-client";
import type { Comment, Page } from "../../api/api-types";
import { ErrorNotice, Loading } from "../../components/async-state";
import { MarkdownView } from "../../components/markdown-view";
import { actorName } from "../../lib/actor-names";
import { clearDraft, loadDraft, markDirty, saveDraft } from "../../lib/drafts";
import { formatDateTime } from "../../lib/format";

/** Discussion of the claim (Markdown, sanitised), oldest first, with a form to add to it. */
export function CommentsPanel({ claimId, myId, canComment, onPosted }: { claimId: string; myId: string; canComment: boolean; onPosted: () => void }) {
  const draftKey = `comment.${claimId}`;
  const [comments, setComments] = useState<Comment[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [body, setBody] = useState(() => loadDraft<string>(draftKey) ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const idem = useRef<string | null>(null);

  const load = async (cursor: string | null) => {
    setLoadError(null);
    try {
      const { data } = await api.get<Page<Comment>>(`/v1/claims/${claimId}/comments`, { limit: 50, cursor });
      setComments((c) => (cursor && c ? [...c, ...data.data] : data.data));
      setNext(data.nextCursor);
    } catch (e) {
      setLoadError(e);
    }
  };
  useEffect(() => void load(null), [claimId]);
  useEffect(() => {
    if (body) saveDraft(draftKey, body);
    else clearDraft(draftKey);
    markDirty(draftKey, Boolean(body.trim()));
    return () => markDirty(draftKey, false);
  }, [body]);

  const post = async (e: Event) => {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    idem.current ??= newIdempotencyKey();
    try {
      const { data } = await api.post<Comment>(`/v1/claims/${claimId}/comments`, { body: { body }, idempotencyKey: idem.current });
      idem.current = null;
      setComments((c) => [...(c ?? []), data]);
      setBody("");
      onPosted();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      {loadError ? <ErrorNotice error={loadError} retry={() => void load(null)} title="The comments could not be loaded." /> : null}
      {!comments && !loadError ? <Loading what="comments" /> : null}
      {comments && comments.length === 0 ? <p class="muted">No comments yet.</p> : null}
      {comments && comments.length ? (
        <ol class="comment-list">
          {comments.map((c) => (
            <li key={c.id} class="comment">
              <p class="comment-meta">
                <strong>{actorName(c.author, myId)}</strong> · <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
              </p>
              <MarkdownView source={c.body} />
            </li>
          ))}
        </ol>
      ) : null}
      {next ? (
        <button type="button" class="button button-small" onClick={() => void load(next)}>
          Older comments
        </button>
      ) : null}
      {canComment ? (
        <form class="stack" onSubmit={post}>
          <div class="field">
            <label for="comment-body">Add a comment (Markdown)</label>
            <textarea
              id="comment-body"
              rows={3}
              maxLength={10000}
              value={body}
              onInput={(e) => {
                idem.current = null;
                setBody(e.currentTarget.value);
              }}
            />
          </div>
          {error ? <ErrorNotice error={error} title="The comment was not posted." /> : null}
          <div class="actions">
            <button type="submit" class="button" disabled={busy || !body.trim()}>
              {busy ? "Posting…" : "Post comment"}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
