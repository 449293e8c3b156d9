import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, describeError } from "../api/api-client";
import type { Article, Claim, RatingScale, Session, VerdictKind } from "../api/api-types";
import { ratingScales } from "../api/lookups";
import { roleAtLeast } from "../api/session-store";
import { ErrorNotice, Loading } from "../components/async-state";
import { StatusBadge, VerdictBadge } from "../components/badges";
import { ChainPath } from "../components/chain-path";
import { learnName } from "../lib/actor-names";
import { neighbour, rememberedOrder } from "../lib/queue-order";
import { useShortcuts } from "../lib/shortcuts";
import { useResource } from "../lib/use-resource";
import { publishedStatuses } from "../lib/workflow";
import { href, navigate } from "../router";
import { assignToMe, AssignmentPanel } from "./desk/assignment-panel";
import { CommentsPanel } from "./desk/comments-panel";
import { ConflictBanner } from "./desk/conflict-banner";
import { DeskArticle } from "./desk/desk-article";
import { HistoryTimeline } from "./desk/history-timeline";
import { VerdictForm } from "./desk/verdict-form";
import { WorkflowActions } from "./desk/workflow-actions";

interface Loaded {
  claim: Claim;
  scales: Record<VerdictKind, RatingScale>;
}

/** The claim desk: everything needed to verify one claim, on one screen. */
export function DeskScreen({ claimId, session }: { claimId: string; session: Session }) {
  const res = useResource<Loaded>(async () => {
    const [{ data: claim }, scales] = await Promise.all([api.get<Claim>(`/v1/claims/${claimId}`), ratingScales()]);
    return { claim, scales };
  }, [claimId]);

  useEffect(() => {
    if (res.state === "ready") document.title = `${res.data.claim.statement.slice(0, 60)} · Claim desk · ClaimTrail`;
    else document.title = "Claim desk · ClaimTrail";
  }, [res.state, res.data?.claim.statement]);

  if (res.state === "loading") return <Loading what="the claim" />;
  if (res.state === "error") {
    const missing = res.error instanceof ApiError && res.error.status === 404;
    return (
      <section>
        <h1 tabIndex={-1}>{missing ? "Claim not found" : "Claim desk"}</h1>
        {missing ? (
          <p>
            There is no such claim in your organization. <a href={href("")}>Back to the review queue</a>.
          </p>
        ) : (
          <ErrorNotice error={res.error} retry={res.reload} title="The claim could not be loaded." />
        )}
      </section>
    );
  }
  return <Desk claim={res.data.claim} scales={res.data.scales} session={session} setClaim={(claim) => res.set({ ...res.data, claim })} />;
}

function Desk({ claim, scales, session, setClaim }: { claim: Claim; scales: Record<VerdictKind, RatingScale>; session: Session; setClaim: (c: Claim) => void }) {
  const role = session.user.role;
  const myId = session.user.id;
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [reloading, setReloading] = useState(false);
  const [activeKind, setActiveKind] = useState<VerdictKind>("attribution");
  const [tick, setTick] = useState(0);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const [article, setArticle] = useState<Article | null>(null);
  const setters = useRef<Record<VerdictKind, ((n: number) => void) | null>>({ attribution: null, content: null });

  learnName(myId, session.user.name);
  learnName(claim.assignee?.id, claim.assignee?.name);

  const changed = (c: Claim) => {
    setConflict(null);
    setClaim(c);
  };

  const reload = async () => {
    setReloading(true);
    try {
      const { data } = await api.get<Claim>(`/v1/claims/${claim.id}`);
      setClaim(data);
      setConflict(null);
      setMessage({ text: "The claim was reloaded with the latest changes. Your unsaved input is still in the forms." });
    } catch (e) {
      setMessage({ text: `Reloading failed: ${describeError(e)}`, error: true });
    } finally {
      setReloading(false);
    }
  };

  const canWork = roleAtLeast(role, "fact_checker");
  const isPublic = publishedStatuses.includes(claim.status);
  const lockedReason = !canWork
    ? "Viewers can read verdicts but not change them."
    : claim.status === "archived"
      ? "The claim is archived: an editor must restore it before its verdicts can change."
      : claim.status === "retracted"
        ? "The claim is retracted: its verdicts can no longer change."
        : isPublic && !roleAtLeast(role, "editor")
          ? "The claim is published: changing a verdict now is a public correction, which needs an editor."
          : null;

  const order = (() => {
    const remembered = rememberedOrder();
    if (remembered.includes(claim.id)) return remembered;
    // Opened directly: move through the article's claims in reading order.
    return article ? [...article.claims].filter((c) => c.span).sort((a, b) => a.span!.start - b.span!.start).map((c) => c.claimId) : [];
  })();
  const go = (step: 1 | -1) => {
    const id = neighbour(order, claim.id, step);
    if (id) navigate(`claims/${id}`);
    else setMessage({ text: step === 1 ? "This is the last claim of the list." : "This is the first claim of the list." });
  };

  const takeIt = async () => {
    if (!canWork) return;
    if (claim.assignee?.id === myId) {
      setMessage({ text: "This claim is already assigned to you." });
      return;
    }
    try {
      const { data } = await assignToMe(claim);
      changed(data);
      setMessage({ text: "The claim is assigned to you." });
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setConflict(e);
      else setMessage({ text: `Could not assign the claim: ${describeError(e)}`, error: true });
    }
  };

  useShortcuts([
    { keys: "j", description: "Next claim", match: (k) => k === "j", run: () => go(1) },
    { keys: "k", description: "Previous claim", match: (k) => k === "k", run: () => go(-1) },
    ...(canWork
      ? [
          { keys: "a", description: "Assign this claim to me", match: (k: string) => k === "a", run: () => void takeIt() },
          {
            keys: "1–9",
            description: "Set the rating in the active verdict form (marked with a bar)",
            match: (k: string) => /^[1-9]$/.test(k),
            run: (k: string) => setters.current[activeKind]?.(Number(k)),
          },
          {
            keys: "t",
            description: "Switch the active verdict form (attribution / content)",
            match: (k: string) => k === "t",
            run: () => setActiveKind((x) => (x === "attribution" ? "content" : "attribution")),
          },
        ]
      : []),
  ]);

  const position = order.indexOf(claim.id);
  return (
    <article class="desk" aria-labelledby="claim-title">
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <a href={href("")}>Review queue</a> › Claim
        {position >= 0 ? (
          <span class="muted">
            {" "}
            ({position + 1} of {order.length}; <kbd>j</kbd>/<kbd>k</kbd> to move)
          </span>
        ) : null}
      </nav>
      {conflict ? <ConflictBanner error={conflict} myVersion={claim.version} onReload={reload} reloading={reloading} /> : null}
      <header class="desk-header">
        <p class="eyebrow">
          Claim · {claim.kind} · {claim.fidelity}
          {claim.externalId ? ` · ${claim.externalId}` : ""}
        </p>
        <h1 id="claim-title" class="statement" tabIndex={-1}>
          {claim.statement}
        </h1>
        <div class="row-meta">
          <StatusBadge status={claim.status} />
          <VerdictBadge kind="attribution" verdict={claim.verdicts.attribution} />
          <VerdictBadge kind="content" verdict={claim.verdicts.content} />
          <span class="assignee">{claim.assignee ? `Assigned to ${claim.assignee.id === myId ? "you" : claim.assignee.name}` : "Unassigned"}</span>
        </div>
      </header>
      <div class="live" role="status" aria-live="polite">
        {message && !message.error ? <p class="notice notice-ok">{message.text}</p> : null}
      </div>
      {message?.error ? (
        <p class="notice notice-error" role="alert">
          {message.text}
        </p>
      ) : null}
      <div class="desk-grid">
        <div class="desk-context">
          <DeskArticle claim={claim} onArticle={setArticle} />
        </div>
        <div class="desk-work">
          <section class="chain" aria-labelledby="chain-title">
            <h2 id="chain-title">Who said it, through whom</h2>
            <ChainPath chain={claim.chain} />
          </section>
          {(["attribution", "content"] as const).map((kind) => (
            <VerdictForm
              key={kind}
              kind={kind}
              claim={claim}
              scale={scales[kind]}
              lockedReason={lockedReason}
              isCorrection={isPublic && !lockedReason}
              active={activeKind === kind}
              onActivate={() => setActiveKind(kind)}
              onSaved={changed}
              onConflict={setConflict}
              bindRating={(k, fn) => (setters.current[k] = fn)}
            />
          ))}
          <WorkflowActions claim={claim} role={role} onDone={changed} onConflict={setConflict} />
          <AssignmentPanel claim={claim} session={session} onDone={changed} onConflict={setConflict} />
          <CommentsPanel claimId={claim.id} myId={myId} canComment={canWork} onPosted={() => setTick((t) => t + 1)} />
          <HistoryTimeline claimId={claim.id} refreshKey={`${claim.version}-${tick}`} scales={scales} myId={myId} />
        </div>
      </div>
    </article>
  );
}
