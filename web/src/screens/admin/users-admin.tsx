import { useState } from "preact/hooks";
import { api, ApiError, describeError } from "../../api/api-client";
import type { Page, Role, User } from "../../api/api-types";
import { ErrorNotice, Loading } from "../../components/async-state";
import { learnName } from "../../lib/actor-names";
import { roleLabels } from "../../lib/format";
import { useResource } from "../../lib/use-resource";

const roles: Role[] = ["viewer", "fact_checker", "editor", "admin"];
/** Users have no version: their ETag is updatedAt in milliseconds (weak). */
const userEtag = (u: User) => `W/"${Date.parse(u.updatedAt)}"`;

export function UsersAdmin({ myId }: { myId: string }) {
  const users = useResource(async () => {
    const { data } = await api.get<Page<User>>("/v1/users", { limit: 200 });
    data.data.forEach((u) => learnName(u.id, u.name));
    return data.data;
  }, []);
  const [rowError, setRowError] = useState<string | null>(null);

  const patch = async (u: User, body: Partial<Pick<User, "role" | "disabled">>) => {
    setRowError(null);
    try {
      await api.patch<User>(`/v1/users/${u.id}`, { body, ifMatch: userEtag(u) });
    } catch (e) {
      setRowError(e instanceof ApiError && e.status === 412 ? `${u.name} was changed by someone else meanwhile; the list was reloaded, try again.` : `${u.name}: ${describeError(e)}`);
    }
    await users.reload();
  };

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      {users.state === "loading" ? <Loading what="users" /> : null}
      {users.state === "error" ? <ErrorNotice error={users.error} retry={users.reload} title="The users could not be loaded." /> : null}
      {rowError ? (
        <p class="notice notice-error" role="alert">
          {rowError}
        </p>
      ) : null}
      {users.state === "ready" ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Users of the organization</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Access</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.name}</th>
                  <td>{u.email}</td>
                  <td>
                    <label class="visually-hidden" for={`role-${u.id}`}>
                      Role of {u.name}
                    </label>
                    <select id={`role-${u.id}`} value={u.role} disabled={u.id === myId} onChange={(e) => void patch(u, { role: e.currentTarget.value as Role })}>
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {roleLabels[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {u.id === myId ? (
                      <span class="muted">You</span>
                    ) : (
                      <button type="button" class="button button-small" onClick={() => void patch(u, { disabled: !u.disabled })}>
                        {u.disabled ? `Enable ${u.name}` : `Disable ${u.name}`}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <NewUserForm onCreated={() => void users.reload()} />
    </section>
  );
}

function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("fact_checker");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const { data } = await api.post<User>("/v1/users", { body: { email: email.trim(), name: name.trim(), role, password } });
      setDone(`${data.name} can now sign in as ${data.email}. Give them the password by a safe channel.`);
      setEmail("");
      setName("");
      setPassword("");
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="sub-form">
      <summary>Add a user</summary>
      <form class="stack" onSubmit={submit}>
        <div class="field-row">
          <div class="field">
            <label for="nu-name">Name</label>
            <input id="nu-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="nu-email">Email</label>
            <input id="nu-email" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </div>
        </div>
        <div class="field-row">
          <div class="field">
            <label for="nu-role">Role</label>
            <select id="nu-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="nu-password">First password (12 characters or more)</label>
            <input id="nu-password" type="password" autocomplete="new-password" required minLength={12} maxLength={256} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          </div>
        </div>
        {error ? <ErrorNotice error={error} title="The user was not created." /> : null}
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? "Adding…" : "Add user"}
        </button>
        <p class="live" role="status" aria-live="polite">
          {done ? <span class="notice-ok">{done}</span> : null}
        </p>
      </form>
    </details>
  );
}
