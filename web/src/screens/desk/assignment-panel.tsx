import { useEffect, useState } from "preact/hooks";
import { api, ApiError, describeError, etagOf } from "../../api/api-client";
import type { Claim, Page, Session, User } from "../../api/api-types";
import { roleAtLeast } from "../../api/session-store";
import { learnName } from "../../lib/actor-names";

/**
 * Who works on the claim. Anyone who can review takes it ("a"); an admin, who may list
 * users, can also hand it to someone else.
 */
export function AssignmentPanel({ claim, session, onDone, onConflict }: { claim: Claim; session: Session; onDone: (c: Claim, etag: string | null) => void; onConflict: (e: ApiError) => void }) {
  const role = session.user.role;
  const canAssign = roleAtLeast(role, "fact_checker");
  const [users, setUsers] = useState<User[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = claim.assignee?.id === session.user.id;

  useEffect(() => {
    if (!roleAtLeast(role, "admin")) return;
    api
      .get<Page<User>>("/v1/users", { limit: 200 })
      .then(({ data }) => {
        data.data.forEach((u) => learnName(u.id, u.name));
        setUsers(data.data.filter((u) => !u.disabled));
      })
      .catch((e) => setError(`The user list could not be loaded: ${describeError(e)}`));
  }, [role]);

  const write = async (call: () => Promise<{ data: Claim; etag: string | null }>) => {
    setBusy(true);
    setError(null);
    try {
      const { data, etag } = await call();
      onDone(data, etag);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) onConflict(e);
      else setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const ifMatch = etagOf(claim.version);
  const takeIt = () => write(() => api.post<Claim>(`/v1/claims/${claim.id}/assignee/me`, { ifMatch }));
  const assign = (userId: string | null) => write(() => api.put<Claim>(`/v1/claims/${claim.id}/assignee`, { body: { userId }, ifMatch }));

  return (
    <section class="assignment" aria-labelledby="assignment-title">
      <h2 id="assignment-title">Assignment</h2>
      <p>{claim.assignee ? <>Assigned to <strong>{mine ? "you" : claim.assignee.name}</strong>.</> : "Nobody is working on this claim."}</p>
      {canAssign ? (
        <div class="actions wrap">
          {!mine ? (
            <button type="button" class="button" onClick={takeIt} disabled={busy} aria-keyshortcuts="a">
              Assign to me <kbd>a</kbd>
            </button>
          ) : null}
          {claim.assignee ? (
            <button type="button" class="button button-quiet" onClick={() => assign(null)} disabled={busy}>
              Unassign
            </button>
          ) : null}
          {users ? (
            <div class="field inline">
              <label for="assign-user">Assign to</label>
              <select id="assign-user" value={claim.assignee?.id ?? ""} disabled={busy} onChange={(e) => assign(e.currentTarget.value || null)}>
                <option value="">Nobody</option>
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

export async function assignToMe(claim: Claim): Promise<{ data: Claim; etag: string | null }> {
  return api.post<Claim>(`/v1/claims/${claim.id}/assignee/me`, { ifMatch: etagOf(claim.version) });
}
