import { useEffect, useRef, useState } from "preact/hooks";
import { api, newIdempotencyKey } from "../../api/api-client";
import type { Article, Claim, ClaimKind, Fidelity } from "../../api/api-types";
import { ErrorNotice } from "../../components/async-state";
import { clearDraft, loadDraft, markDirty, saveDraft } from "../../lib/drafts";
import { nearestOccurrence, type TextSelection } from "../../lib/text-offsets";
import { ChainBuilder, type LinkDraft, newLink, rekey } from "./chain-builder";

const kinds: ClaimKind[] = ["statement", "statistic", "quote", "denial", "accusation", "promise", "prediction", "opinion"];
const fidelities: Fidelity[] = ["verbatim", "paraphrase", "translation"];

/** Unsaved input of the form, kept per article (this tab only) like the desk's drafts. */
export interface NewClaimDraft {
  revisionNumber: number;
  selection: TextSelection;
  statement: string;
  kind: ClaimKind;
  fidelity: Fidelity;
  links: LinkDraft[];
}

const draftKey = (articleId: string) => `newClaim.${articleId}`;

/** The article's kept draft, if it still fits the revision shown (its quote is still there). */
export function loadNewClaimDraft(article: Article): NewClaimDraft | null {
  const d = loadDraft<NewClaimDraft>(draftKey(article.id));
  if (!d || d.revisionNumber !== article.revision.number || article.text.slice(d.selection.start, d.selection.end) !== d.selection.exact) return null;
  return { ...d, links: d.links.map(rekey) };
}

export function discardNewClaimDraft(articleId: string): void {
  clearDraft(draftKey(articleId));
  markDirty(draftKey(articleId), false);
}

const linksText = (links: LinkDraft[]) => JSON.stringify(links.map(({ key: _key, ...rest }) => rest));

/**
 * A new claim anchored at the user's selection (UTF-16 offsets into the revision shown),
 * with its chain built from existing or new sources; POST /v1/claims creates it all in
 * one transaction. The selection's offsets are sent as they are; the service checks them.
 */
export function NewClaimForm({ article, selection, draft, onCreated, onCancel }: {
  article: Article;
  selection: TextSelection;
  /** Input kept from an earlier visit, to continue with. */
  draft?: NewClaimDraft | null;
  onCreated: (c: Claim) => void;
  onCancel: () => void;
}) {
  const [initialLinks] = useState<LinkDraft[]>(() => [
    newLink("speaker"),
    ...(article.publisher ? [newLink("publisher", { kind: "existing", id: article.publisher.id, name: article.publisher.name, type: article.publisher.type })] : []),
  ]);
  const [statement, setStatement] = useState(draft?.statement ?? selection.exact);
  const [kind, setKind] = useState<ClaimKind>(draft?.kind ?? "statement");
  const [fidelity, setFidelity] = useState<Fidelity>(draft?.fidelity ?? "verbatim");
  const [links, setLinks] = useState<LinkDraft[]>(draft?.links ?? initialLinks);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const idem = useRef<{ body: string; key: string } | null>(null);

  // Anything typed or picked is kept as a draft and guarded by the leave warning, until
  // the claim is created or the form is cancelled on purpose.
  const key = draftKey(article.id);
  const dirty = statement !== selection.exact || kind !== "statement" || fidelity !== "verbatim" || linksText(links) !== linksText(initialLinks);
  useEffect(() => {
    if (dirty) saveDraft(key, { revisionNumber: article.revision.number, selection, statement, kind, fidelity, links } satisfies NewClaimDraft);
    else clearDraft(key);
    markDirty(key, dirty);
  }, [dirty, statement, kind, fidelity, links]);
  useEffect(() => () => markDirty(key, false), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const unpicked = links.findIndex((l) => !l.source);
    if (unpicked !== -1) {
      setMissing(`Choose a source for link ${unpicked + 1} of the chain.`);
      return;
    }
    setMissing(null);
    const body = {
      statement: statement.trim(),
      kind,
      fidelity,
      anchor: { articleId: article.id, revisionNumber: article.revision.number, exact: selection.exact, start: selection.start, end: selection.end },
      chain: links.map((l) => {
        const cue = l.cue.trim();
        // The cue is located in the text nearest to the quote, so the service can check it.
        const at = cue ? nearestOccurrence(article.text, cue, selection.start) : null;
        return {
          source: l.source!.kind === "existing" ? { id: l.source!.id } : { new: { name: l.source!.name, type: l.source!.type } },
          role: l.role,
          speechAct: l.speechAct,
          ...(cue ? { cue } : {}),
          ...(at ? { cueStart: at.start, cueEnd: at.end } : {}),
        };
      }),
    };
    const text = JSON.stringify(body);
    if (idem.current?.body !== text) idem.current = { body: text, key: newIdempotencyKey() };
    setBusy(true);
    try {
      const { data } = await api.post<Claim>("/v1/claims", { body, idempotencyKey: idem.current.key });
      discardNewClaimDraft(article.id);
      onCreated(data);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="new-claim stack" onSubmit={submit} aria-labelledby="new-claim-title">
      <h2 id="new-claim-title">New claim from your selection</h2>
      {draft ? (
        <p class="notice notice-warn" role="status">
          Your unsaved input for this claim was kept and is shown again. Cancel discards it.
        </p>
      ) : null}
      <figure class="selected-quote">
        <blockquote>{selection.exact}</blockquote>
        <figcaption class="muted small">
          Characters {selection.start}–{selection.end} of revision {article.revision.number}
        </figcaption>
      </figure>
      <div class="field">
        <label for="new-statement">Statement (the claim in a sentence of its own)</label>
        <textarea id="new-statement" rows={3} required maxLength={5000} value={statement} onInput={(e) => setStatement(e.currentTarget.value)} />
      </div>
      <div class="field-row">
        <div class="field">
          <label for="new-kind">Kind</label>
          <select id="new-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as ClaimKind)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="new-fidelity">Fidelity of the quote</label>
          <select id="new-fidelity" value={fidelity} onChange={(e) => setFidelity(e.currentTarget.value as Fidelity)}>
            {fidelities.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ChainBuilder links={links} onChange={setLinks} />
      {missing ? (
        <p class="notice notice-error" role="alert">
          {missing}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} title="The claim was not created." /> : null}
      <div class="actions">
        <button class="button button-primary" type="submit" disabled={busy}>
          {busy ? "Creating…" : "Create claim"}
        </button>
        <button
          class="button button-quiet"
          type="button"
          onClick={() => {
            discardNewClaimDraft(article.id);
            onCancel();
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
