/**
 * Two organizations, A and B, each with claims, sources, articles, comments, verdicts,
 * keys, users, webhooks, proposals, notices and events. With B's credentials we walk the
 * OpenAPI document — every list (with search and id filters), every cursor, every route
 * with an id in its path — plus similar claims, the pre-publication check, the ClaimReview
 * feeds and the NDJSON import, and require that nothing of A is shown or touched, and that
 * A's ids answer exactly as missing ones. Routes added later are covered by the document
 * walk; one whose path names no known resource fails here until it is given A's id.
 */
import { randomBytes, randomUUID } from "node:crypto";
import request from "supertest";
import { newId } from "../../src/lib/ids";
import { openApiDocumentText } from "../../src/openapi/generate";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { createTestSession, createTestUser, type TestSession } from "../support/test-users";
import { TEST_WEBHOOK_SECRET_KEY } from "../support/webhook-receiver";
import { attributionVerdict, auth, contentVerdict } from "../support/verification-fixtures";

type Method = "get" | "post" | "put" | "patch" | "delete";
interface DocOp {
  operationId: string;
  "x-min-role"?: string;
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content: Record<string, unknown> };
}
const document = JSON.parse(openApiDocumentText()) as { paths: Record<string, Partial<Record<Method, DocOp>>> };
const ops = Object.entries(document.paths)
  .filter(([p]) => p.startsWith("/v1/"))
  .flatMap(([path, item]) => (["get", "post", "put", "patch", "delete"] as const).flatMap((method) => (item[method] ? [{ method, path, op: item[method]! }] : [])));
const queryParams = (op: DocOp) => (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
const hasPathParams = (path: string) => path.includes("{");

let t: TestApp;
let a: TestOrg;
let b: TestOrg;
const marker = `zq${randomBytes(5).toString("hex")}`;
const A = {
  claims: [] as string[],
  sources: [] as string[],
  articles: [] as string[],
  externalIds: [] as string[],
  users: [] as string[],
  keyIds: [] as string[],
  webhooks: [] as string[],
  deliveries: [] as string[],
  proposals: [] as string[],
  notifications: [] as string[],
  comments: [] as string[],
  verdicts: [] as string[],
  events: [] as string[],
};
let bClaim: string;
let bSession: TestSession;
/** Everything that would show A's data: every id of A, A's organization id and a word only A's texts contain. */
let aTokens: string[] = [];

const textFor = (word: string) => `Prime Minister Anna ${word} said on Tuesday that "the summit ended without a deal", according to the readout.`;
const text = textFor(marker);
const exact = "the summit ended without a deal";
const start = text.indexOf(exact);
const ndjson = (lines: object[]) => lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
/** Sources, articles and claims; `word` goes into every text (A's marker for A, another word for B). */
const importLines = (tag: string, statement: string, word: string) => [
  { type: "source", ref: "s1", data: { name: `Anna ${word} ${tag}`, type: "person" } },
  { type: "source", ref: "s2", data: { name: `Second ${word} ${tag}`, type: "person" } },
  ...[1, 2].map((n) => ({ type: "article", ref: `a${n}`, data: { url: `https://news.example/${tag}/${n}`, title: `Summit ${word} ${n}`, language: "en", text: textFor(word), externalId: `ext-${tag}-${n}` } })),
  ...[1, 2, 3].map((n) => ({
    type: "claim",
    data: {
      statement: `${statement} (${n})`,
      kind: "statement",
      fidelity: "paraphrase",
      anchor: { articleRef: n === 3 ? "a2" : "a1", exact, start, end: start + exact.length },
      chain: [{ source: { ref: n === 1 ? "s1" : "s2" }, role: "speaker", speechAct: "asserts" }],
    },
  })),
];
const runImport = (key: string, body: string, atomic = true) =>
  request(t.app).post(`/v1/import?atomic=${atomic}`).set({ ...auth(key), "Content-Type": "application/x-ndjson" }).send(body);

const leaksOfA = (body: unknown): string[] => {
  const s = typeof body === "string" ? body : JSON.stringify(body);
  return aTokens.filter((tok) => s.includes(tok));
};
const aEventCount = () => t.db.prisma.event.count({ where: { organizationId: a.id } });

beforeAll(async () => {
  t = await startTestApp("tenant-isolation", { WEBHOOK_SECRET_KEY: TEST_WEBHOOK_SECRET_KEY, WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" });
  a = await createTestOrg(t.db);
  b = await createTestOrg(t.db);
  const statement = (word: string) => `The summit ended without a deal, said the envoy ${word}`;
  const bWord = `bb${randomBytes(5).toString("hex")}`;

  for (const [org, tag] of [[a, "a"], [b, "b"]] as const) {
    // A webhook first, so that the writes below queue deliveries for it.
    const hook = await request(t.app).post("/v1/webhooks").set(auth(org.keys.admin)).send({ url: `http://127.0.0.1:9/${tag}`, eventTypes: ["claim.created", "verdict.changed"] }).expect(201);
    const imported = await runImport(org.keys.fact_checker, ndjson(importLines(tag, tag === "a" ? statement(marker) : `B's own claim ${bWord}`, tag === "a" ? marker : bWord))).expect(200);
    const written = imported.body.written as Array<{ type: string; id: string }>;
    const ids = (type: string) => written.filter((w) => w.type === type).map((w) => w.id);
    if (tag === "b") {
      bClaim = ids("claim")[0]!;
      continue;
    }
    A.webhooks.push(hook.body.id as string);
    A.sources.push(...ids("source"));
    A.articles.push(...ids("article"));
    A.claims.push(...ids("claim"));
    A.externalIds.push("ext-a-1", "ext-a-2");
  }
  // B also has claims worded like A's (but for A's marker), for the similar-claims check.
  const same = await runImport(b.keys.fact_checker, ndjson(importLines("b2", statement(bWord), bWord))).expect(200);
  bClaim = (same.body.written as Array<{ type: string; id: string }>).find((w) => w.type === "claim")!.id;

  // A's first claim: verdicts with evidence, published; comments; an assignee.
  const claim = A.claims[0]!;
  const v1 = await request(t.app).put(`/v1/claims/${claim}/verdicts/attribution`).set(auth(a.keys.fact_checker)).set("If-Match", '"1"').send(attributionVerdict()).expect(200);
  const v2 = await request(t.app).put(`/v1/claims/${claim}/verdicts/content`).set(auth(a.keys.fact_checker)).set("If-Match", v1.headers.etag!).send(contentVerdict()).expect(200);
  let etag = v2.headers.etag!;
  for (const to of ["in_review", "ready", "published"]) {
    etag = (await request(t.app).post(`/v1/claims/${claim}/transitions`).set(auth(a.keys.editor)).set("If-Match", etag).send({ to }).expect(200)).headers.etag!;
  }
  for (const body of [`First ${marker} comment`, `Second ${marker} comment`]) {
    A.comments.push((await request(t.app).post(`/v1/claims/${claim}/comments`).set(auth(a.keys.fact_checker)).send({ body }).expect(201)).body.id as string);
  }
  for (let i = 0; i < 2; i++) A.users.push((await createTestUser(t.db, a.id, { role: "fact_checker", name: `User ${marker} ${i}` })).id);
  await request(t.app).put(`/v1/claims/${A.claims[1]}/assignee`).set(auth(a.keys.fact_checker)).set("If-Match", '"1"').send({ userId: A.users[0] }).expect(200);
  const extracted = await request(t.app).post(`/v1/articles/${A.articles[0]}/extract`).set(auth(a.keys.fact_checker));
  expect(extracted.status).toBeLessThan(300);
  // Public feeds on for both, so the feeds answer with data.
  for (const org of [a, b]) {
    await t.db.prisma.organization.update({ where: { id: org.id }, data: { publicFeed: true, factCheckUrlTemplate: `https://${org.slug}.example/checks/{id}` } });
  }
  bSession = await createTestSession(t.db, await createTestUser(t.db, b.id, { role: "admin" }));
  A.notifications.push(newId());
  await t.db.prisma.notification.create({ data: { organizationId: a.id, id: A.notifications[0]!, kind: "test", message: `Notice ${marker}` } });

  A.keyIds.push(...(await t.db.prisma.apiKey.findMany({ where: { organizationId: a.id }, select: { id: true } })).map((k) => k.id));
  A.proposals.push(...(await t.db.prisma.extractionProposal.findMany({ where: { organizationId: a.id }, select: { id: true } })).map((p) => p.id));
  A.deliveries.push(...(await t.db.prisma.webhookDelivery.findMany({ where: { organizationId: a.id }, select: { id: true } })).map((d) => d.id));
  A.verdicts.push(...(await t.db.prisma.verdict.findMany({ where: { organizationId: a.id }, select: { id: true } })).map((v) => v.id));
  A.events.push(...(await t.db.prisma.event.findMany({ where: { organizationId: a.id }, select: { id: true } })).map((e) => e.id));
  aTokens = [marker, a.id, a.slug, ...Object.values(A).flat().filter((x) => !x.startsWith("ext-"))];
}, 240_000);
afterAll(() => t.close());

it("has built two organizations with every kind of record", () => {
  for (const [kind, ids] of Object.entries(A)) expect({ kind, n: ids.length }).toEqual({ kind, n: expect.any(Number) });
  for (const kind of ["claims", "sources", "articles", "users", "keyIds", "webhooks", "deliveries", "proposals", "comments", "verdicts", "events", "notifications"] as const) {
    expect({ kind, some: A[kind].length > 0 }).toEqual({ kind, some: true });
  }
});

// ——— lists, searches, filters and cursors ———

const listOps = ops.filter((o) => o.method === "get" && !hasPathParams(o.path) && o.op["x-min-role"] !== "public");

/** A's ids to try in a list's query parameters (by name), and a search for A's word. */
function probeQueries(op: DocOp): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [{}];
  for (const name of queryParams(op)) {
    const n = name.toLowerCase();
    if (n === "q") out.push({ q: marker });
    else if (n.includes("source") || n === "speaker") out.push({ [name]: A.sources[0]! });
    else if (n.includes("article")) out.push({ [name]: A.articles[0]! });
    else if (n.includes("assignee") || n.includes("user")) out.push({ [name]: A.users[0]! });
    else if (n.includes("claim")) out.push({ [name]: A.claims[0]! });
    else if (n.includes("external")) out.push({ [name]: "ext-a-1" });
  }
  return out;
}

describe.each(listOps.map((o) => [`${o.op.operationId} (GET ${o.path})`, o] as const))("list %s", (_name, o) => {
  it("shows B nothing of A, with or without A's ids and words in its filters", async () => {
    for (const query of probeQueries(o.op)) {
      const res = await request(t.app).get(o.path).query(query).set(auth(b.keys.admin));
      expect({ query, status: res.status < 500 }).toEqual({ query, status: true });
      expect({ query, leaks: leaksOfA(res.text) }).toEqual({ query, leaks: [] });
    }
  });

  it("gives B nothing of A for A's own next cursor", async () => {
    if (!queryParams(o.op).includes("cursor")) return;
    const mine = await request(t.app).get(o.path).query(queryParams(o.op).includes("limit") ? { limit: 1 } : {}).set(auth(a.keys.admin));
    const cursor = (mine.body as { nextCursor?: string | null }).nextCursor;
    if (!cursor) return;
    const res = await request(t.app).get(o.path).query({ cursor, limit: 1 }).set(auth(b.keys.admin));
    expect(res.status).toBeLessThan(500);
    expect(leaksOfA(res.text)).toEqual([]);
  });
});

it("lets A's cursors work for A (so the cursor checks above had cursors to try)", async () => {
  const res = await request(t.app).get("/v1/claims").query({ limit: 1 }).set(auth(a.keys.admin)).expect(200);
  expect(res.body.nextCursor).toEqual(expect.any(String));
  const srcs = await request(t.app).get("/v1/sources").query({ limit: 1 }).set(auth(a.keys.admin)).expect(200);
  expect(srcs.body.nextCursor).toEqual(expect.any(String));
});

it("finds A's claims and sources by A's word for A, and nothing for B", async () => {
  for (const path of ["/v1/claims", "/v1/sources"]) {
    const own = await request(t.app).get(path).query({ q: marker }).set(auth(a.keys.viewer)).expect(200);
    expect(own.body.data.length).toBeGreaterThan(0);
    const other = await request(t.app).get(path).query({ q: marker }).set(auth(b.keys.viewer)).expect(200);
    expect(leaksOfA(other.text)).toEqual([]);
  }
});

// ——— routes with ids ———

function aPath(path: string, missing: boolean): string | undefined {
  const rnd = () => randomUUID();
  const id = (list: string[]) => (missing ? rnd() : list[0]!);
  const rules: Array<[RegExp, Record<string, () => string>]> = [
    [/^\/v1\/claims\//, { id: () => id(A.claims) }],
    [/^\/v1\/sources\//, { id: () => id(A.sources) }],
    [/^\/v1\/articles\/by-external-id\//, { externalId: () => (missing ? `ext-missing-${rnd()}` : "ext-a-1") }],
    [/^\/v1\/articles\//, { id: () => id(A.articles), number: () => "1" }],
    [/^\/v1\/users\//, { id: () => id(A.users) }],
    [/^\/v1\/api-keys\//, { id: () => id(A.keyIds) }],
    [/^\/v1\/webhooks\//, { id: () => id(A.webhooks), deliveryId: () => id(A.deliveries) }],
    [/^\/v1\/proposals\//, { id: () => id(A.proposals) }],
    [/^\/v1\/notifications\//, { id: () => id(A.notifications) }],
  ];
  const rule = rules.find(([re]) => re.test(path));
  if (!rule) return undefined;
  let unknown = false;
  const out = path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const f = rule[1][name];
    if (!f) unknown = true;
    return f ? f() : "";
  });
  return unknown ? undefined : out;
}

/** Valid bodies, so that a 404 is about the id and not about a refused body. */
const bodies: Record<string, () => object> = {
  updateClaim: () => ({ statement: "Changed by another organization." }),
  addClaimAppearance: () => ({ articleId: A.articles[1]!, exact, start, end: start + exact.length }),
  updateSource: () => ({ name: "Renamed by another organization" }),
  mergeSource: () => ({ into: A.sources[1]! }),
  patchArticle: () => ({ title: "Retitled" }),
  replaceArticle: () => ({ url: "https://news.example/x", title: "Replaced", language: "en", text }),
  upsertArticleByExternalId: () => ({ url: "https://news.example/x", title: "Upserted", language: "en", text }),
  putAttributionVerdict: () => attributionVerdict(),
  putContentVerdict: () => contentVerdict(),
  transitionClaim: () => ({ to: "archived" }),
  assignClaim: () => ({ userId: null }),
  createComment: () => ({ body: "From another organization." }),
  updateUser: () => ({ name: "Renamed" }),
  updateWebhook: () => ({ active: false }),
  acceptProposal: () => ({}),
  rejectProposal: () => ({ reason: "Not ours." }),
};

// Not routes to A's records: B's own scale (by kind) and the public feed (by slug; below).
const idOps = ops.filter((o) => hasPathParams(o.path) && !o.path.startsWith("/v1/rating-scales/") && !o.path.startsWith("/v1/organizations/"));

// Operations only a signed-in user can call (an API key is not a person).
const userOnly = new Set(["assignClaimToMe"]);

function call(o: (typeof ops)[number], path: string) {
  let r = request(t.app)[o.method](path);
  r = userOnly.has(o.op.operationId) ? r.set({ Cookie: bSession.cookie, "X-CSRF-Token": bSession.csrfToken }) : r.set(auth(b.keys.admin));
  // An upsert by external id may create: no If-Match then (it would be 412 on a new record).
  if (o.op.operationId !== "upsertArticleByExternalId") r = r.set("If-Match", '"1"');
  if (o.op.requestBody) r = r.send((bodies[o.op.operationId] ?? (() => ({})))());
  return r;
}
const shape = (res: request.Response) => ({ status: res.status, keys: Object.keys(res.body as object).sort(), code: res.body.code, title: res.body.title, detail: res.body.detail });

describe.each(idOps.map((o) => [`${o.op.operationId} (${o.method.toUpperCase()} ${o.path})`, o] as const))("%s with A's ids", (_name, o) => {
  it("answers B exactly as for a missing id, and changes nothing of A", async () => {
    const withA = aPath(o.path, false);
    const withMissing = aPath(o.path, true);
    expect({ path: o.path, mapped: withA !== undefined }).toEqual({ path: o.path, mapped: true });
    const before = await aEventCount();
    const res = await call(o, withA!);
    const missing = await call(o, withMissing!);
    // What B sent may come back (`instance` is the path); nothing else of A may.
    const sent = `${withA!} ${JSON.stringify(bodies[o.op.operationId]?.() ?? {})}`;
    expect(leaksOfA(res.text).filter((tok) => !sent.includes(tok))).toEqual([]);
    expect(await aEventCount()).toBe(before);
    if (o.op.operationId === "upsertArticleByExternalId") {
      // External ids belong to each organization: B writes its own article; A's stays as it was.
      expect(res.status).toBeLessThan(300);
      const aArticle = await t.db.prisma.article.findFirstOrThrow({ where: { organizationId: a.id, externalId: "ext-a-1" } });
      expect(aArticle.title).toBe(`Summit ${marker} 1`);
      return;
    }
    expect(res.status).toBe(404);
    expect(shape(res)).toEqual(shape(missing));
  });
});

// ——— other ways in ———

it("similar claims of B's claim never include A's claim with the same words", async () => {
  const res = await request(t.app).get(`/v1/claims/${bClaim}/similar`).set(auth(b.keys.viewer)).expect(200);
  expect(leaksOfA(res.text)).toEqual([]);
  // …while A, asking about its own claim, does find its neighbours (the check could fail).
  const own = await request(t.app).get(`/v1/claims/${A.claims[0]}/similar`).set(auth(a.keys.viewer)).expect(200);
  expect(JSON.stringify(own.body)).toMatch(new RegExp(`${A.claims[1]}|${A.claims[2]}`));
});

it("the pre-publication check matches only B's own claims", async () => {
  // A's claim without A's word (the check may quote the text it was given).
  const res = await request(t.app).post("/v1/check").set(auth(b.keys.viewer)).send({ text: "The summit ended without a deal, said the envoy." });
  expect(res.status).toBe(200);
  expect(leaksOfA(res.text)).toEqual([]);
});

it("the ClaimReview feeds of B show nothing of A; A's public feed does show A's published claim", async () => {
  const feed = await request(t.app).get("/v1/claimreview/feed").set(auth(b.keys.viewer));
  expect(feed.status).toBeLessThan(500);
  expect(leaksOfA(feed.text)).toEqual([]);
  const pub = await request(t.app).get(`/v1/organizations/${b.slug}/claimreview/feed`);
  expect(pub.status).toBeLessThan(500);
  expect(leaksOfA(pub.text)).toEqual([]);
  const aPub = await request(t.app).get(`/v1/organizations/${a.slug}/claimreview/feed`).expect(200);
  expect(aPub.text).toContain(marker);
});

describe("NDJSON import by B referring to A's records", () => {
  const counts = async (organizationId: string) => ({
    claims: await t.db.prisma.claim.count({ where: { organizationId } }),
    sources: await t.db.prisma.source.count({ where: { organizationId } }),
    articles: await t.db.prisma.article.count({ where: { organizationId } }),
  });
  const lines = () => [
    {
      type: "claim",
      data: {
        statement: "Refers to A's article.",
        kind: "statement",
        fidelity: "paraphrase",
        anchor: { articleId: A.articles[0]!, exact, start, end: start + exact.length },
        chain: [{ source: { id: A.sources[0]! }, role: "speaker", speechAct: "asserts" }],
      },
    },
  ];

  it.each([true, false])("rejects the line (atomic=%s), writes nothing in either organization and names nothing of A", async (atomic) => {
    const [beforeA, beforeB, eventsA] = [await counts(a.id), await counts(b.id), await aEventCount()];
    const res = await runImport(b.keys.fact_checker, ndjson(lines()), atomic);
    expect(res.status).toBe(atomic ? 422 : 200);
    expect(res.body.totals).toMatchObject({ created: 0, rejected: 1 });
    expect(leaksOfA(JSON.stringify(res.body).replaceAll(A.articles[0]!, "").replaceAll(A.sources[0]!, ""))).toEqual([]);
    expect([await counts(a.id), await counts(b.id), await aEventCount()]).toEqual([beforeA, beforeB, eventsA]);
    // The same line with missing ids is refused the same way.
    const missing = JSON.stringify(lines()).replaceAll(A.articles[0]!, randomUUID()).replaceAll(A.sources[0]!, randomUUID());
    const res2 = await runImport(b.keys.fact_checker, ndjson(JSON.parse(missing) as object[]), atomic);
    expect(res2.status).toBe(res.status);
    expect(res2.body.rejected.map((r: { errors: Array<{ code: string }> }) => r.errors.map((e) => e.code))).toEqual(res.body.rejected.map((r: { errors: Array<{ code: string }> }) => r.errors.map((e) => e.code)));
  });
});
