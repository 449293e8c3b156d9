import { useState } from "preact/hooks";
import { api } from "../../api/api-client";
import type { ApiKey, CreatedApiKey, Page, Role } from "../../api/api-types";
import { ErrorNotice, Loading } from "../../components/async-state";
import { SecretOnce } from "../../components/secret-once";
import { formatDateTime, roleLabels } from "../../lib/format";
import { useResource } from "../../lib/use-resource";

const roles: Role[] = ["viewer", "fact_checker", "editor", "admin"];

/** API keys for newsroom systems. A new key's secret is shown once, then only its prefix. */
export function ApiKeysAdmin() {
  const keys = useResource(() => api.get<Page<ApiKey>>("/v1/api-keys", { limit: 200 }).then((r) => r.data.data), []);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const { data } = await api.post<CreatedApiKey>("/v1/api-keys", { body: { name: name.trim(), role } });
      setCreated(data);
      setName("");
      await keys.reload();
    } catch (err) {
      setError(err);
    }
  };

  const revoke = async (k: ApiKey) => {
    setError(null);
    try {
      await api.delete<void>(`/v1/api-keys/${k.id}`);
      setRevoking(null);
      await keys.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      {created ? <SecretOnce id="new-key-secret" what={`the API key “${created.name}”`} secret={created.secret} onDone={() => setCreated(null)} /> : null}
      {keys.state === "loading" ? <Loading what="API keys" /> : null}
      {keys.state === "error" ? <ErrorNotice error={keys.error} retry={keys.reload} title="The API keys could not be loaded." /> : null}
      {keys.state === "ready" ? (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Role</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td class="mono">{k.prefix}…</td>
                  <td>{roleLabels[k.role]}</td>
                  <td>{formatDateTime(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt ? (
                      `Revoked ${formatDateTime(k.revokedAt)}`
                    ) : revoking?.id === k.id ? (
                      <span class="actions">
                        <button type="button" class="button button-danger button-small" onClick={() => void revoke(k)}>
                          Yes, revoke {k.name}
                        </button>
                        <button type="button" class="button button-quiet button-small" onClick={() => setRevoking(null)}>
                          Cancel
                        </button>
                      </span>
                    ) : (
                      <button type="button" class="button button-small" onClick={() => setRevoking(k)}>
                        Revoke {k.name}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} title="That did not work." /> : null}
      <details class="sub-form">
        <summary>Create an API key</summary>
        <form class="stack" onSubmit={create}>
          <div class="field-row">
            <div class="field">
              <label for="nk-name">Name (what uses it)</label>
              <input id="nk-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="nk-role">Role</label>
              <select id="nk-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {roleLabels[r]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <button type="submit" class="button button-primary">
            Create key
          </button>
        </form>
      </details>
      {keys.state === "ready" && keys.data.length === 0 ? <p class="muted">No API keys yet.</p> : null}
    </section>
  );
}
