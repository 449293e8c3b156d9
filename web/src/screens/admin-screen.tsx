import { useEffect } from "preact/hooks";
import type { Session } from "../api/api-types";
import { roleAtLeast } from "../api/session-store";
import { ApiKeysAdmin } from "./admin/api-keys-admin";
import { ScalesAdmin } from "./admin/scales-admin";
import { UsersAdmin } from "./admin/users-admin";
import { WebhooksAdmin } from "./admin/webhooks-admin";

/** Organization settings for admins: people, API keys, rating scales, webhooks. */
export function AdminScreen({ session }: { session: Session }) {
  useEffect(() => {
    document.title = "Admin · ClaimTrail";
  }, []);
  if (!roleAtLeast(session.user.role, "admin")) {
    return (
      <section>
        <h1 tabIndex={-1}>Admin</h1>
        <p>This page is for admins of {session.organization.name}.</p>
      </section>
    );
  }
  return (
    <section class="admin" aria-labelledby="admin-title">
      <h1 id="admin-title" tabIndex={-1}>
        Admin · {session.organization.name}
      </h1>
      <nav aria-label="Admin sections" class="in-page-nav">
        <a href="#users-title">Users</a> · <a href="#keys-title">API keys</a> · <a href="#scales-title">Rating scales</a> · <a href="#webhooks-area">Webhooks</a> (when offered)
      </nav>
      <UsersAdmin myId={session.user.id} />
      <ApiKeysAdmin />
      <ScalesAdmin />
      <div id="webhooks-area">
        <WebhooksAdmin />
      </div>
    </section>
  );
}
