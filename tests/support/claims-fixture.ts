import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "./test-app";

export const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

export const DENIAL = "Beijing has nevertheless denied accusations of supporting Russia's military efforts.";

export interface ClaimsFixtureState {
  t: TestApp;
  org: TestOrg;
  other: TestOrg;
  articleId: string;
  text: string;
}

/**
 * The setup the claims write tests share: an app, two seeded organizations, the seed
 * article's id and text, and the seed sources by name. Registers its own beforeAll and
 * afterAll; call it at the top of a test file, before the file's own hooks.
 */
export function claimsFixture(name: string) {
  let state: ClaimsFixtureState | undefined;
  const sources = new Map<string, string>();
  const current = (): ClaimsFixtureState => {
    if (!state) throw new Error("claimsFixture: beforeAll has not run");
    return state;
  };

  beforeAll(async () => {
    const t = await startTestApp(name);
    const org = await createTestOrg(t.db, { seed: true });
    const other = await createTestOrg(t.db, { seed: true });
    const list = await request(t.app).get("/v1/claims?limit=1").set(auth(org.keys.viewer)).expect(200);
    const articleId = list.body.data[0].anchor.articleId as string;
    const text = (await request(t.app).get(`/v1/articles/${articleId}`).set(auth(org.keys.viewer)).expect(200)).body.text as string;
    const all = await request(t.app).get("/v1/sources?limit=200").set(auth(org.keys.viewer)).expect(200);
    for (const s of all.body.data as Array<{ id: string; name: string }>) sources.set(s.name, s.id);
    state = { t, org, other, articleId, text };
  }, 120_000);
  afterAll(() => state?.t.close());

  const sourceId = (namePart: string): string => {
    for (const [sourceName, id] of sources) if (sourceName.includes(namePart)) return id;
    throw new Error(`no seed source like ${namePart}`);
  };

  const span = (s: string) => {
    const start = current().text.indexOf(s);
    if (start < 0) throw new Error(`not in the article: ${s}`);
    return { start, end: start + s.length };
  };

  function claimBody(overrides: Record<string, unknown> = {}) {
    const cue = span("has nevertheless denied");
    return {
      statement: "Beijing denies that it supports Russia's military efforts.",
      kind: "denial",
      fidelity: "paraphrase",
      anchor: { articleId: current().articleId, exact: DENIAL, ...span(DENIAL) },
      chain: [
        { source: { id: sourceId("People's Republic of China") }, role: "speaker", cue: "has nevertheless denied", cueStart: cue.start, cueEnd: cue.end, speechAct: "denies" },
        { source: { id: sourceId("Kyiv Independent") }, role: "publisher", speechAct: "reports" },
      ],
      ...overrides,
    };
  }

  async function createClaim(overrides: Record<string, unknown> = {}) {
    const { t, org } = current();
    const res = await request(t.app).post("/v1/claims").set(auth(org.keys.fact_checker)).send(claimBody(overrides)).expect(201);
    return res.body as { id: string; version: number; status: string; chain: Array<{ source: { id: string; name: string }; role: string }> };
  }

  const eventsOf = (entityId: string) => {
    const { t, org } = current();
    return t.db.prisma.event.findMany({ where: { organizationId: org.id, entityId }, orderBy: { seq: "asc" } });
  };

  return { state: current, sourceId, span, claimBody, createClaim, eventsOf };
}
