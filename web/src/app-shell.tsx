import { useEffect, useState } from "preact/hooks";
import { describeError } from "./api/api-client";
import type { Session } from "./api/api-types";
import { restoreSession, roleAtLeast, sessionStore, signOut } from "./api/session-store";
import { ErrorNotice, Loading } from "./components/async-state";
import { HelpOverlay } from "./components/help-overlay";
import { roleLabels } from "./lib/format";
import { helpOpen } from "./lib/shortcuts";
import { useStore } from "./lib/store";
import { href, match, useLocation } from "./router";
import { AdminScreen } from "./screens/admin-screen";
import { ArticleScreen } from "./screens/article-screen";
import { ArticlesScreen } from "./screens/articles-screen";
import { DeskScreen } from "./screens/desk-screen";
import { QueueScreen } from "./screens/queue-screen";
import { SignInScreen } from "./screens/sign-in-screen";
import { SourceScreen } from "./screens/source-screen";
import { SourcesScreen } from "./screens/sources-screen";

export function App() {
  const state = useStore(sessionStore);
  if (state.kind === "checking") {
    return (
      <main id="main" class="page narrow">
        <Loading what="your session" />
      </main>
    );
  }
  if (state.kind === "unavailable") {
    return (
      <main id="main" class="page narrow">
        <h1>ClaimTrail</h1>
        <ErrorNotice error={state.error} retry={() => void restoreSession()} title="ClaimTrail could not check whether you are signed in." />
      </main>
    );
  }
  if (state.kind === "signed_out") return <SignInScreen reason={state.reason} />;
  return <Shell session={state.session} />;
}

function Shell({ session }: { session: Session }) {
  const loc = useLocation();
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const section = loc.path.split("/")[0] ?? "";

  // A new screen: move focus to its heading so keyboard and screen-reader users start there.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) {
      // The heading when the screen has one already, else the main region (it is loading).
      const target = document.querySelector<HTMLElement>("main h1") ?? document.getElementById("main");
      target?.focus({ preventScroll: true });
    }
    window.scrollTo(0, 0);
  }, [loc.path]);

  const doSignOut = async () => {
    try {
      await signOut();
    } catch (e) {
      setSignOutError(describeError(e));
    }
  };

  const nav = [
    { path: "", label: "Review queue", current: section === "" || section === "claims" },
    { path: "articles", label: "Articles", current: section === "articles" },
    { path: "sources", label: "Sources", current: section === "sources" },
    ...(roleAtLeast(session.user.role, "admin") ? [{ path: "admin", label: "Admin", current: section === "admin" }] : []),
  ];

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top-bar">
        <a class="brand" href={href("")}>
          ClaimTrail
        </a>
        <nav aria-label="Main">
          <ul>
            {nav.map((n) => (
              <li key={n.path}>
                <a href={href(n.path)} aria-current={n.current ? "page" : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          <button type="button" class="button button-quiet" onClick={() => helpOpen.set(true)} aria-keyshortcuts="?">
            Shortcuts <kbd>?</kbd>
          </button>
          <span class="who">
            {session.user.name} <span class="muted">({roleLabels[session.user.role]}, {session.organization.name})</span>
          </span>
          <button type="button" class="button button-quiet" onClick={doSignOut}>
            Sign out
          </button>
        </div>
      </header>
      {signOutError ? (
        <p class="notice notice-error" role="alert">
          Signing out failed: {signOutError}
        </p>
      ) : null}
      <main id="main" class="page" tabIndex={-1}>
        <Route path={loc.path} query={loc.query} session={session} />
      </main>
      <HelpOverlay />
    </>
  );
}

function Route({ path, query, session }: { path: string; query: URLSearchParams; session: Session }) {
  if (path === "") return <QueueScreen query={query} session={session} />;
  let m = match("claims/:id", path);
  if (m) return <DeskScreen key={m.id} claimId={m.id!} session={session} />;
  if (path === "articles") return <ArticlesScreen />;
  m = match("articles/:id", path);
  if (m) return <ArticleScreen key={m.id} articleId={m.id!} session={session} />;
  if (path === "sources") return <SourcesScreen query={query} />;
  m = match("sources/:id", path);
  if (m) return <SourceScreen key={m.id} sourceId={m.id!} session={session} />;
  if (path === "admin") return <AdminScreen session={session} />;
  return (
    <section>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        There is no page at this address. <a href={href("")}>Go to the review queue</a>.
      </p>
      <p class="muted">Address: /app/{path}</p>
    </section>
  );
}
