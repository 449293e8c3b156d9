import request from "supertest";
import type { TestApp, TestOrg } from "../support/test-app";

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });

export interface SeedIds {
  claimId: string;
  sourceId: string;
  articleId: string;
  articleText: string;
  speakerId: string;
  publisherId: string;
}

/** Ids from a seeded organization, for attacks that need to reach a real record. */
export async function seedIds(t: TestApp, org: TestOrg): Promise<SeedIds> {
  const claims = await request(t.app).get("/v1/claims?limit=1").set(bearer(org.keys.viewer)).expect(200);
  const claim = claims.body.data[0] as { id: string; anchor: { articleId: string } };
  const article = await request(t.app).get(`/v1/articles/${claim.anchor.articleId}`).set(bearer(org.keys.viewer)).expect(200);
  const sources = (await request(t.app).get("/v1/sources?limit=200").set(bearer(org.keys.viewer)).expect(200)).body.data as Array<{ id: string; type: string }>;
  const speaker = sources.find((s) => s.type === "person") ?? sources[0]!;
  const publisher = sources.find((s) => s.type === "publication") ?? sources[1]!;
  return { claimId: claim.id, sourceId: speaker.id, articleId: claim.anchor.articleId, articleText: article.body.text as string, speakerId: speaker.id, publisherId: publisher.id };
}

/** A valid POST /v1/claims body whose statement is `statement`, anchored on the seed article's first sentence. */
export function claimBody(ids: SeedIds, statement: string): Record<string, unknown> {
  const end = Math.max(20, ids.articleText.indexOf(".") + 1);
  const exact = ids.articleText.slice(0, end);
  return {
    statement,
    kind: "statement",
    fidelity: "paraphrase",
    anchor: { articleId: ids.articleId, exact, start: 0, end },
    chain: [
      { source: { id: ids.speakerId }, role: "speaker", speechAct: "asserts" },
      { source: { id: ids.publisherId }, role: "publisher", speechAct: "reports" },
    ],
  };
}
