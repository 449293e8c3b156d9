import request from "supertest";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";
import { auth, contentVerdict, createClaim, eventsOf, ifMatch } from "../support/verification-fixtures";

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await startTestApp("scales-update");
  org = await createTestOrg(t.db);
});
afterAll(() => t.close());

interface Label {
  key: string;
  label: string;
  description: string;
  colour: string;
  value: number | null;
  position: number;
  retiredAt: string | null;
}
interface Scale {
  kind: string;
  etag: string;
  labels: Label[];
}

async function scales(o: TestOrg): Promise<Record<string, Scale>> {
  const res = await request(t.app).get("/v1/rating-scales").set(auth(o.keys.viewer)).expect(200);
  return Object.fromEntries((res.body.data as Scale[]).map((s) => [s.kind, s]));
}

const asInput = (labels: Label[]) => labels.filter((l) => !l.retiredAt).map(({ key, label, description, colour, value }) => ({ key, label, description, colour, value }));
const putScale = (o: TestOrg, kind: string, etag: string | null, body: object, key = o.keys.admin) => {
  const r = request(t.app).put(`/v1/rating-scales/${kind}`).set(auth(key));
  if (etag !== null) r.set("If-Match", etag);
  return r.send(body);
};

describe("GET /v1/rating-scales", () => {
  it("returns the attribution and content scales with their labels in order, to a viewer", async () => {
    const s = await scales(org);
    expect(s.attribution?.labels.map((l) => l.key)).toEqual(["accurate", "accurate_paraphrase", "distorted", "misattributed", "fabricated", "unverifiable"]);
    expect(s.content?.labels[0]).toEqual({ key: "true", label: "True", description: expect.any(String), colour: "#1a7f37", value: 5, position: 0, retiredAt: null });
    expect(s.content?.labels.find((l) => l.key === "unproven")?.value).toBeNull();
    expect(s.content?.etag).toMatch(/^"\d+"$/);
  });

  it("answers 401 without a key", async () => {
    await request(t.app).get("/v1/rating-scales").expect(401);
  });
});

describe("PUT /v1/rating-scales/:kind", () => {
  it("replaces labels in the given order, retires a label in use, deletes an unused one and reports both", async () => {
    const o = await createTestOrg(t.db);
    const claim = await createClaim(t.db, o.id);
    await request(t.app).put(`/v1/claims/${claim}/verdicts/content`).set(auth(o.keys.fact_checker)).set(ifMatch(1)).send(contentVerdict({ rating: "half_true" })).expect(200);
    const before = (await scales(o)).content!;
    const kept = asInput(before.labels).filter((l) => l.key !== "half_true" && l.key !== "misleading");
    const labels = [{ key: "satire", label: "Satire", colour: "#123abc" }, ...kept.reverse()];
    const res = await putScale(o, "content", before.etag, { name: "Truth", labels }).expect(200);
    expect(res.body.retired).toEqual(["half_true"]);
    expect(res.body.deleted).toEqual(["misleading"]);
    expect(res.headers.etag).toBe(res.body.etag);
    expect(res.headers.etag).not.toBe(before.etag);
    expect(res.body.name).toBe("Truth");
    const active = (res.body.labels as Label[]).filter((l) => !l.retiredAt);
    expect(active.map((l) => l.key)).toEqual(labels.map((l) => l.key));
    expect(active[0]).toMatchObject({ key: "satire", description: "", value: null, position: 0 });
    expect((res.body.labels as Label[]).find((l) => l.key === "half_true")?.retiredAt).toEqual(expect.any(String));

    // The existing verdict keeps its rating; new verdicts cannot use the retired label.
    const got = await request(t.app).get(`/v1/claims/${claim}`).set(auth(o.keys.viewer)).expect(200);
    expect(got.body.verdicts.content.rating.key).toBe("half_true");
    const refused = await request(t.app)
      .put(`/v1/claims/${claim}/verdicts/content`)
      .set(auth(o.keys.fact_checker))
      .set(ifMatch(2))
      .send(contentVerdict({ rating: "half_true" }))
      .expect(422);
    expect(refused.body.code).toBe("rating_retired");
    expect(refused.body.allowed).toContain("satire");
    await request(t.app).put(`/v1/claims/${claim}/verdicts/content`).set(auth(o.keys.fact_checker)).set(ifMatch(2)).send(contentVerdict({ rating: "satire" })).expect(200);

    const [event] = await eventsOf(t.db, o.id, { action: "rating_scale.updated" });
    expect(event?.after).toMatchObject({ name: "Truth", retired: ["half_true"], deleted: ["misleading"] });
    expect((event?.before as unknown as { labels: Label[] }).labels.map((l) => l.key)).toContain("misleading");
  });

  it("brings a retired label back when it is listed again", async () => {
    const o = await createTestOrg(t.db);
    const claim = await createClaim(t.db, o.id);
    await request(t.app).put(`/v1/claims/${claim}/verdicts/attribution`).set(auth(o.keys.fact_checker)).set(ifMatch(1)).send({ rating: "distorted", rationale: "", evidence: [] }).expect(200);
    const s = (await scales(o)).attribution!;
    const all = asInput(s.labels);
    const first = await putScale(o, "attribution", s.etag, { labels: all.filter((l) => l.key !== "distorted") }).expect(200);
    expect(first.body.retired).toEqual(["distorted"]);
    const second = await putScale(o, "attribution", first.body.etag as string, { labels: all }).expect(200);
    expect(second.body.retired).toEqual([]);
    expect((second.body.labels as Label[]).map((l) => [l.key, l.retiredAt])).toEqual(all.map((l) => [l.key, null]));
  });

  it("answers 428 without If-Match and 412 with a stale ETag, changing nothing", async () => {
    const o = await createTestOrg(t.db);
    const s = (await scales(o)).content!;
    const body = { labels: asInput(s.labels).slice(0, 3) };
    expect((await putScale(o, "content", null, body).expect(428)).body.code).toBe("precondition_required");
    const done = await putScale(o, "content", s.etag, body).expect(200);
    const stale = await putScale(o, "content", s.etag, { labels: asInput(s.labels) }).expect(412);
    expect(stale.body).toMatchObject({ code: "version_conflict", currentEtag: done.body.etag });
    expect((await scales(o)).content!.labels).toHaveLength(3);
    expect((await putScale(o, "content", "yesterday", body).expect(400)).body.code).toBe("invalid_if_match");
  });

  it.each([
    ["a bad key", [{ key: "Mostly False", label: "x", colour: "#000000" }], "labels.0.key"],
    ["a duplicate key", [{ key: "a", label: "A", colour: "#000000" }, { key: "a", label: "B", colour: "#000000" }], "labels.1.key"],
    ["a bad colour", [{ key: "a", label: "A", colour: "red" }], "labels.0.colour"],
    ["a fractional value", [{ key: "a", label: "A", colour: "#000000", value: 1.5 }], "labels.0.value"],
    ["an unknown label field", [{ key: "a", label: "A", colour: "#000000", icon: "x" }], "labels.0.icon"],
    ["no labels", [], "labels"],
  ])("rejects %s with 400 naming the field", async (_name, labels, field) => {
    const s = (await scales(org)).content!;
    const res = await putScale(org, "content", s.etag, { labels }).expect(400);
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
    expect((await scales(org)).content!.etag).toBe(s.etag);
  });

  it("needs an admin (403 for an editor) and a known kind (404)", async () => {
    const s = (await scales(org)).content!;
    expect((await putScale(org, "content", s.etag, { labels: asInput(s.labels) }, org.keys.editor).expect(403)).body.code).toBe("forbidden");
    await putScale(org, "truthiness", s.etag, { labels: asInput(s.labels) }).expect(404);
  });

  it("only ever changes the caller's organization's scale", async () => {
    const a = await createTestOrg(t.db);
    const b = await createTestOrg(t.db);
    const sa = (await scales(a)).content!;
    const before = await scales(b);
    await putScale(a, "content", sa.etag, { labels: [{ key: "only_a", label: "Only A", colour: "#000000" }] }).expect(200);
    expect(await scales(b)).toEqual(before);
  });
});

const serverIt = usingServer() ? it : it.skip;

describe("a verdict racing a scale change (PostgreSQL server only)", () => {
  serverIt("either the verdict wins and its label is retired, or the label is deleted and the verdict refused — never both, never a 500", async () => {
    const o = await createTestOrg(t.db);
    for (let round = 0; round < 6; round++) {
      const key = `race_${round}`;
      const base = asInput((await scales(o)).content!.labels).filter((l) => !l.key.startsWith("race_"));
      const added = await putScale(o, "content", (await scales(o)).content!.etag, { labels: [...base, { key, label: "Race", colour: "#000000" }] }).expect(200);
      const claim = await createClaim(t.db, o.id);
      const [verdict, scale] = await Promise.all([
        request(t.app).put(`/v1/claims/${claim}/verdicts/content`).set(auth(o.keys.fact_checker)).set(ifMatch(1)).send(contentVerdict({ rating: key })),
        putScale(o, "content", added.body.etag as string, { labels: base }),
      ]);
      expect(scale.status).toBe(200);
      if (verdict.status === 200) {
        expect(scale.body.retired).toEqual([key]);
      } else {
        expect(verdict.status).toBe(422);
        expect(["unknown_rating", "rating_retired"]).toContain(verdict.body.code);
        expect(scale.body.deleted).toEqual([key]);
      }
    }
  });
});
