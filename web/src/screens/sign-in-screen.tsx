import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, describeError } from "../api/api-client";
import { signIn } from "../api/session-store";

/** Email and password; the organization is asked for only when the email is in several. */
export function SignInScreen({ reason }: { reason?: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [organizations, setOrganizations] = useState<string[] | null>(null);
  const [organization, setOrganization] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = "Sign in · ClaimTrail";
    emailRef.current?.focus();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password, organization || undefined);
    } catch (err) {
      if (err instanceof ApiError && err.code === "organization_required") {
        const orgs = Array.isArray(err.problem.organizations) ? (err.problem.organizations as unknown[]).map(String) : [];
        setOrganizations(orgs);
        setOrganization(orgs[0] ?? "");
        setError("This email belongs to several organizations: choose one.");
      } else if (err instanceof ApiError && err.code === "invalid_credentials") {
        setError("The email or the password is not right (or the account is disabled).");
      } else if (err instanceof ApiError && err.code === "rate_limited") {
        setError(describeError(err)); // says how long to wait
      } else {
        setError(describeError(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="page narrow sign-in">
      <h1 tabIndex={-1}>Sign in to ClaimTrail</h1>
      <p class="muted">The review desk for fact-checkers and editors.</p>
      {reason ? (
        <p class="notice" role="status">
          {reason}
        </p>
      ) : null}
      <form class="stack" onSubmit={submit} aria-describedby={error ? "sign-in-error" : undefined}>
        <div class="field">
          <label for="email">Email</label>
          <input id="email" ref={emailRef} type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input id="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </div>
        {organizations ? (
          <div class="field">
            <label for="organization">Organization</label>
            <select id="organization" value={organization} onChange={(e) => setOrganization(e.currentTarget.value)}>
              {organizations.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {error ? (
          <p id="sign-in-error" class="notice notice-error" role="alert">
            {error}
          </p>
        ) : null}
        <button class="button button-primary" type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
