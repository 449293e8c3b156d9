import { randomUUID } from "node:crypto";
import request from "supertest";
import { roleRank } from "../../src/http/api-router";
import { openApiDocumentText } from "../../src/openapi/generate";
import type { Role } from "../../src/generated/prisma/enums";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { createTestSession, createTestUser, type TestSession } from "../support/test-users";

/*
 * Table-driven role check over every operation the API documents, so that routes added
 * later are covered without touching this file. The minimum role comes from the
 * operation's `x-min-role`, written by ApiRoutes from the same declaration it enforces.
 * Each operation is called with random UUIDs in its path and an empty body:
 * - a role below the minimum gets 403 `forbidden` and no event is appended;
 * - a role at or above it never gets 401/403 (400/404/409/412/422/428 are fine) nor a 5xx.
 */

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
const operations: Operation[] = Object.entries(document.paths)
  .filter(([path]) => path.startsWith("/v1/"))
  .flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const op = item[method];
      return op ? [{ method, path, operationId: op.operationId, minRole: op["x-min-role"], hasBody: op.requestBody !== undefined }] : [];
    }),
  );
const protectedOps = operations.filter((o) => o.minRole !== "public");

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

it("finds the API's operations in the document, each with its minimum role", () => {
  expect(protectedOps.length).toBeGreaterThan(10);
  for (const op of operations) expect({ op: op.operationId, minRole: op.minRole }).toEqual({ op: op.operationId, minRole: expect.stringMatching(/^(public|viewer|fact_checker|editor|admin)$/) });
  // Spot checks that the document says what the task requires.
  const min = (id: string) => operations.find((o) => o.operationId === id)?.minRole;
  expect([min("signIn"), min("getMe"), min("createUser"), min("createApiKey"), min("revokeApiKey")]).toEqual(["public", "viewer", "admin", "admin", "admin"]);
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
