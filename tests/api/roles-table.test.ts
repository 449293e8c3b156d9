import { randomUUID } from "node:crypto";
import request from "supertest";
import type { ClaimStatus, Role } from "../../src/generated/prisma/enums";
import { roleRank } from "../../src/http/api-router";
import { openApiDocumentText } from "../../src/openapi/generate";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { createTestSession, createTestUser, type TestSession } from "../support/test-users";
import { attributionVerdict, auth, claimVersion, contentVerdict, createClaim, eventsOf, forceStatus, giveVerdicts, ifMatch } from "../support/verification-fixtures";

/*
 * Table-driven role check over every operation the API documents. The expected minimum
 * role of each operation is written down HERE, from the roles of the product (issue 4):
 *   viewer        reads;
 *   fact_checker  also claims, sources, articles, verdict drafts, comments, proposals, import;
 *   editor        also publishes, corrects, retracts, archives, merges sources;
 *   admin         also users, API keys, rating scales, webhooks, notices, organization
 *                 settings and the audit check.
 * An operation in the document but not in this map fails the test: a new route needs a
 * decision about who may call it. The document's own `x-min-role` must agree with the map.
 * Each operation is called with random UUIDs in its path and an empty body:
 * - a role below the minimum gets 403 `forbidden` and no event is appended;
 * - a role at or above it never gets 401/403 (400/404/409/412/422/428 are fine) nor a 5xx.
 * Role checks made inside handlers (workflow transitions, corrections) have their own
 * table below, on real claims.
 */

const expectedMinRole: Record<string, Role | "public"> = {
  // Claims
  listClaims: "viewer",
  getClaim: "viewer",
  listSimilarClaims: "viewer",
  createClaim: "fact_checker",
  updateClaim: "fact_checker",
  addClaimAppearance: "fact_checker",
  archiveClaim: "editor",
  // Sources
  listSources: "viewer",
  getSource: "viewer",
  listSourceClaims: "viewer",
  createSource: "fact_checker",
  updateSource: "fact_checker",
  mergeSource: "editor",
  // Articles
  listArticles: "viewer",
  getArticle: "viewer",
  listArticleRevisions: "viewer",
  getArticleRevision: "viewer",
  createArticle: "fact_checker",
  patchArticle: "fact_checker",
  replaceArticle: "fact_checker",
  upsertArticleByExternalId: "fact_checker",
  // Verification: drafts by fact-checkers; publishing/correcting/retracting is checked per transition below.
  putAttributionVerdict: "fact_checker",
  putContentVerdict: "fact_checker",
  transitionClaim: "fact_checker",
  assignClaim: "fact_checker",
  assignClaimToMe: "fact_checker",
  // Comments, history
  listComments: "viewer",
  createComment: "fact_checker",
  getClaimHistory: "viewer",
  // Rating scales
  listRatingScales: "viewer",
  updateRatingScale: "admin",
  // Audit
  verifyEventChain: "admin",
  // Session and the caller
  signIn: "public",
  signOut: "public",
  getSession: "viewer",
  getMe: "viewer",
  changeMyPassword: "viewer",
  // Users and API keys
  createUser: "admin",
  listUsers: "admin",
  getUser: "admin",
  updateUser: "admin",
  createApiKey: "admin",
  listApiKeys: "admin",
  getApiKey: "admin",
  revokeApiKey: "admin",
  // Webhooks and notices
  createWebhook: "admin",
  listWebhooks: "admin",
  getWebhook: "admin",
  updateWebhook: "admin",
  deleteWebhook: "admin",
  rotateWebhookSecret: "admin",
  listWebhookDeliveries: "admin",
  redeliverWebhook: "admin",
  listNotifications: "admin",
  markNotificationRead: "admin",
  // ClaimReview out and in
  getClaimReview: "viewer",
  getClaimEmbed: "viewer",
  getClaimReviewFeed: "viewer",
  getPublicClaimReviewFeed: "public",
  importClaimReview: "fact_checker",
  // Reading helpers
  checkDraft: "viewer",
  extractAttributions: "viewer",
  listProposals: "viewer",
  getProposal: "viewer",
  // Proposals and import write claims
  extractArticleProposals: "fact_checker",
  acceptProposal: "fact_checker",
  rejectProposal: "fact_checker",
  importRecords: "fact_checker",
  // Organization settings
  getOrganization: "admin",
  updateOrganization: "admin",
};

type Method = "get" | "post" | "put" | "patch" | "delete";
interface Operation {
  method: Method;
  path: string;
  operationId: string;
  minRole: Role | "public" | undefined;
  hasBody: boolean;
}

const roles: Role[] = ["viewer", "fact_checker", "editor", "admin"];
const methods: Method[] = ["get", "post", "put", "patch", "delete"];

const document = JSON.parse(openApiDocumentText()) as { paths: Record<string, Partial<Record<Method, { operationId: string; "x-min-role"?: Role | "public"; requestBody?: unknown }>>> };
const documented = Object.entries(document.paths)
  .filter(([path]) => path.startsWith("/v1/"))
  .flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const op = item[method];
      return op ? [{ method, path, operationId: op.operationId, documentedMinRole: op["x-min-role"], hasBody: op.requestBody !== undefined }] : [];
    }),
  );
// The cases use the map, never the document: the code must meet what was written down.
const operations: Array<Operation & { documentedMinRole: Role | "public" | undefined }> = documented.map((o) => ({ ...o, minRole: expectedMinRole[o.operationId] }));
const protectedOps = operations.filter((o) => o.minRole !== undefined && o.minRole !== "public");

let t: TestApp;
let org: TestOrg;
const sessions = {} as Record<Role, TestSession>;

beforeAll(async () => {
  t = await startTestApp("roles-table");
  org = await createTestOrg(t.db);
  for (const role of roles) sessions[role] = await createTestSession(t.db, await createTestUser(t.db, org.id, { role }));
}, 120_000); // the embedded database takes a while to load on a busy machine
afterAll(() => t.close());

const concretePath = (path: string) => path.replace(/\{[^}]+\}/g, () => randomUUID());
const countEvents = () => t.db.prisma.event.count({ where: { organizationId: org.id } });

function call(op: Operation, auth: { key: string } | { session: TestSession }) {
  let req = request(t.app)[op.method](concretePath(op.path));
  req = "key" in auth ? req.set("Authorization", `Bearer ${auth.key}`) : req.set("Cookie", auth.session.cookie).set("X-CSRF-Token", auth.session.csrfToken);
  return op.hasBody ? req.send({}) : req;
}

it("has an expected minimum role for every documented operation, and the document agrees", () => {
  expect(operations.length).toBeGreaterThan(60);
  const unmapped = operations.filter((o) => o.minRole === undefined).map((o) => `${o.operationId} (${o.method.toUpperCase()} ${o.path})`);
  expect(unmapped).toEqual([]);
  const stale = Object.keys(expectedMinRole).filter((id) => !operations.some((o) => o.operationId === id));
  expect(stale).toEqual([]);
  const disagreeing = operations.filter((o) => o.documentedMinRole !== o.minRole).map((o) => `${o.operationId}: document ${o.documentedMinRole}, expected ${o.minRole}`);
  expect(disagreeing).toEqual([]);
});

const caseOf = (op: Operation, role: Role) => ({ op, role, name: `${op.method.toUpperCase()} ${op.path} as ${role} (min ${op.minRole})` });
// With API keys: every role. With sessions (same check, other credentials, CSRF token sent):
// the sharp edge only — the role just below the minimum and the minimum itself.
const keyCases = protectedOps.flatMap((op) => roles.map((role) => caseOf(op, role)));
const sessionCases = protectedOps.flatMap((op) => {
  const min = roleRank[op.minRole as Role];
  return roles.filter((r) => roleRank[r] === min || roleRank[r] === min - 1).map((role) => caseOf(op, role));
});

describe.each([
  ["an API key", keyCases],
  ["a session", sessionCases],
] as const)("with %s", (via, cases) => {
  it.each(cases)("$name", async ({ op, role }) => {
    const auth = via === "an API key" ? { key: org.keys[role] } : { session: sessions[role] };
    const before = await countEvents();
    const res = await call(op, auth);
    const minRank = roleRank[op.minRole as Role];
    if (roleRank[role] < minRank) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: "forbidden" });
      expect(await countEvents()).toBe(before);
    } else {
      // Any answer but a refusal of the caller: validation, 404, preconditions are all fine.
      expect(res.status).not.toBe(403);
      expect(res.status).not.toBe(401);
      expect(res.status).toBeLessThan(500);
    }
  });
});

describe("role checks inside handlers", () => {
  // Written from the workflow of issue 4, not read from src/verification/workflow-table.ts.
  const transitionTable: Array<{ from: ClaimStatus; to: ClaimStatus; minRole: Role }> = [
    { from: "new", to: "in_review", minRole: "fact_checker" },
    { from: "in_review", to: "ready", minRole: "fact_checker" },
    { from: "ready", to: "in_review", minRole: "fact_checker" },
    { from: "ready", to: "published", minRole: "editor" },
    { from: "published", to: "corrected", minRole: "editor" },
    { from: "corrected", to: "corrected", minRole: "editor" },
    { from: "published", to: "retracted", minRole: "editor" },
    { from: "corrected", to: "retracted", minRole: "editor" },
    ...(["new", "in_review", "ready", "published", "corrected", "retracted"] as const).map((from) => ({ from, to: "archived" as const, minRole: "editor" as const })),
    { from: "archived", to: "new", minRole: "editor" },
  ];
  const transitionCases = transitionTable.flatMap((tr) => roles.map((role) => ({ ...tr, role, name: `${tr.from} → ${tr.to} as ${role} (min ${tr.minRole})` })));

  /** A claim in `status` with both verdicts and evidence by a reviewer who is none of the test keys. */
  async function claimIn(status: ClaimStatus): Promise<{ id: string; version: number }> {
    const id = await createClaim(t.db, org.id);
    await giveVerdicts(t.db, org.id, id);
    return { id, version: await forceStatus(t.db, org.id, id, status) };
  }

  it.each(transitionCases)("transition $name", async ({ from, to, minRole, role }) => {
    const c = await claimIn(from);
    const res = await request(t.app).post(`/v1/claims/${c.id}/transitions`).set(auth(org.keys[role])).set(ifMatch(c.version)).send({ to, note: "Because." });
    if (roleRank[role] < roleRank[minRole]) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: "forbidden" });
      expect(await claimVersion(t.db, org.id, c.id)).toBe(c.version);
      expect(await eventsOf(t.db, org.id, { claimId: c.id, action: "claim.transitioned" })).toHaveLength(0);
    } else {
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(to);
    }
  });

  const verdictCases = (["new", "in_review", "ready", "published", "corrected"] as const).flatMap((status) =>
    (["attribution", "content"] as const).flatMap((kind) =>
      roles.map((role) => {
        // On a published claim a verdict change is a correction: editors only.
        const minRole: Role = status === "published" || status === "corrected" ? "editor" : "fact_checker";
        return { status, kind, role, minRole, name: `${kind} verdict on a ${status} claim as ${role} (min ${minRole})` };
      }),
    ),
  );

  it.each(verdictCases)("$name", async ({ status, kind, role, minRole }) => {
    const c = await claimIn(status);
    const correction = status === "published" || status === "corrected" ? { correctionNote: "Fixed the date." } : {};
    const body = kind === "attribution" ? attributionVerdict(correction) : contentVerdict(correction);
    const res = await request(t.app).put(`/v1/claims/${c.id}/verdicts/${kind}`).set(auth(org.keys[role])).set(ifMatch(c.version)).send(body);
    if (roleRank[role] < roleRank[minRole]) {
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: "forbidden" });
      expect(await claimVersion(t.db, org.id, c.id)).toBe(c.version);
      expect(await eventsOf(t.db, org.id, { claimId: c.id, action: "verdict.updated" })).toHaveLength(0);
    } else {
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(status === "published" ? "corrected" : status);
    }
  });
});
