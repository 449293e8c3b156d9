import { Store } from "../lib/store";
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from "./api-client";
import type { Role, Session } from "./api-types";

/**
 * Who is signed in. The session cookie is HttpOnly, so the page cannot see it: a flag in
 * localStorage remembers that a sign-in happened, and only then is GET /v1/session asked
 * (for the user and the CSRF token). Without the flag the sign-in form shows at once
 * instead of a request that would answer 401.
 */
export type SessionState =
  | { kind: "checking" }
  | { kind: "signed_out"; reason?: string }
  | { kind: "signed_in"; session: Session }
  /** The session could not be checked (a fault, no network): not the same as signed out. */
  | { kind: "unavailable"; error: unknown };

const HINT = "claimtrail.signedIn";
export const sessionStore = new Store<SessionState>({ kind: "checking" });

function signedIn(session: Session): void {
  setCsrfToken(session.csrfToken);
  localStorage.setItem(HINT, "1");
  sessionStore.set({ kind: "signed_in", session });
}

function signedOut(reason?: string): void {
  setCsrfToken(null);
  localStorage.removeItem(HINT);
  sessionStore.set({ kind: "signed_out", reason });
}

export async function restoreSession(): Promise<void> {
  setUnauthorizedHandler(() => {
    if (sessionStore.get().kind === "signed_in") signedOut("Your session has ended. Sign in again; unsaved drafts are kept in this tab.");
  });
  if (localStorage.getItem(HINT) !== "1") return signedOut();
  sessionStore.set({ kind: "checking" });
  try {
    const { data } = await api.get<Session>("/v1/session");
    signedIn(data);
  } catch (e) {
    // Only a 401 means the session is gone. A 500 or a lost connection says nothing about
    // it: sending the user to sign in would hide the fault (and signing in would fail too).
    if (e instanceof ApiError && e.status === 401) signedOut();
    else sessionStore.set({ kind: "unavailable", error: e });
  }
}

export async function signIn(email: string, password: string, organization?: string): Promise<void> {
  const { data } = await api.publicPost<Session>("/v1/session", { email, password, ...(organization ? { organization } : {}) });
  signedIn(data);
}

export async function signOut(): Promise<void> {
  await api.delete<void>("/v1/session");
  sessionStorage.clear(); // drafts of this tab belong to the user who wrote them
  signedOut("You are signed out.");
}

const rank: Record<Role, number> = { viewer: 0, fact_checker: 1, editor: 2, admin: 3 };

/** Whether a role may do what needs `min` (the service checks it again on every request). */
export const roleAtLeast = (role: Role, min: Role): boolean => rank[role] >= rank[min];

export function currentSession(): Session {
  const s = sessionStore.get();
  if (s.kind !== "signed_in") throw new Error("not signed in");
  return s.session;
}
