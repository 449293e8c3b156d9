import request from "supertest";
import type { ClaimStatus } from "../../src/generated/prisma/enums";
import { createTestOrg, startTestApp, type TestApp, type TestOrg } from "../support/test-app";
import { usingServer } from "../support/test-db";
import { attributionVerdict, auth, claimVersion, contentVerdict, createClaim, eventsOf, forceStatus, giveVerdicts, ifMatch } from "../support/verification-fixtures";

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  t = await startTestApp("workflow-transitions");
  org = await createTestOrg(t.db);
  other = await createTestOrg(t.db);
});
afterAll(() => t.close());

const states: ClaimStatus[] = ["new", "in_review", "ready", "published", "corrected", "retracted", "archived"];

// The workflow as the issue states it, written out independently of src/verification.
const legal: Record<ClaimStatus, ClaimStatus[]> = {
  new: ["in_review", "archived"],
  in_review: ["ready", "archived"],
  ready: ["in_review", "published", "archived"],
  published: ["corrected", "retracted", "archived"],
  corrected: ["corrected", "retracted", "archived"],
  retracted: ["archived"],
  archived: ["new"],
};
const factCheckerMay = new Set(["new>in_review", "in_review>ready", "ready>in_review"]);

const pairs = states.flatMap((from) => states.map((to) => [from, to] as const));
const legalPairs = pairs.filter(([from, to]) => legal[from].includes(to));

const transition = (claimId: string, key: string, version: number | null, body: object) => {
  const r = request(t.app).post(`/v1/claims/${claimId}/transitions`).set(auth(key));
  if (version !== null) r.set(ifMatch(version));
  return r.send(body);
};

/** A claim in `status` with both verdicts and their evidence, so only the table decides. */
async function claimIn(status: ClaimStatus, orgId = org.id): Promise<{ id: string; version: number }> {
  const id = await createClaim(t.db, orgId);
  await giveVerdicts(t.db, orgId, id);
  return { id, version: await forceStatus(t.db, orgId, id, status) };
}

describe("POST /v1/claims/:id/transitions — every pair of states", () => {
  it.each(pairs)("%s → %s follows the workflow table", async (from, to) => {
    const c = await claimIn(from);
    const res = await transition(c.id, org.keys.admin, c.version, { to, note: "Because." });
    if (legal[from].includes(to)) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: to, version: c.version + 1 });
      expect(res.headers.etag).toBe(`"${c.version + 1}"`);
      const [event] = await eventsOf(t.db, org.id, { claimId: c.id, action: "claim.transitioned" });
      expect(event?.after).toEqual({ from, to, note: "Because." });
    } else {
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: "illegal_transition", from, to });
      expect([...(res.body.allowed as string[])].sort()).toEqual([...legal[from]].sort());
      expect(await claimVersion(t.db, org.id, c.id)).toBe(c.version);
    }
  });
});

describe("who may make each legal transition", () => {
  it.each(legalPairs)("a fact-checker moving %s → %s is allowed only for review steps (403 otherwise, nothing changed)", async (from, to) => {
    const c = await claimIn(from);
    const res = await transition(c.id, org.keys.fact_checker, c.version, { to, note: "Because." });
    if (factCheckerMay.has(`${from}>${to}`)) {
      expect(res.status).toBe(200);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("forbidden");
      const row = await t.db.prisma.claim.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: c.id } } });
      expect(row).toMatchObject({ status: from, version: c.version, publishedAt: null });
      expect(await eventsOf(t.db, org.id, { claimId: c.id, action: "claim.transitioned" })).toHaveLength(0);
    }
  });

  it("refuses every transition to a viewer with 403", async () => {
    const c = await claimIn("new");
    expect((await transition(c.id, org.keys.viewer, c.version, { to: "in_review" }).expect(403)).body.code).toBe("forbidden");
  });
});

describe("publishing rules", () => {
  it("needs both verdicts to mark a claim ready (409 ready_requirements_not_met)", async () => {
    const id = await createClaim(t.db, org.id);
    await giveVerdicts(t.db, org.id, id, { kinds: ["attribution"] });
    const v = await forceStatus(t.db, org.id, id, "in_review");
    const res = await transition(id, org.keys.fact_checker, v, { to: "ready" }).expect(409);
    expect(res.body).toMatchObject({ code: "ready_requirements_not_met", missing: ["content_verdict"] });
  });

  it("refuses to publish without both verdicts, listing what is missing", async () => {
    const id = await createClaim(t.db, org.id);
    const v = await forceStatus(t.db, org.id, id, "ready");
    const res = await transition(id, org.keys.editor, v, { to: "published" }).expect(409);
    expect(res.body.code).toBe("publish_requirements_not_met");
    expect(res.body.missing).toEqual(["attribution_verdict", "content_verdict"]);
    expect(await claimVersion(t.db, org.id, id)).toBe(v);
  });

  it("refuses to publish a verdict without evidence", async () => {
    const id = await createClaim(t.db, org.id);
    await giveVerdicts(t.db, org.id, id, { evidence: false });
    const v = await forceStatus(t.db, org.id, id, "ready");
    const res = await transition(id, org.keys.editor, v, { to: "published" }).expect(409);
    expect(res.body).toMatchObject({ code: "publish_requirements_not_met", missing: ["attribution_evidence", "content_evidence"] });
  });

  it.each([
    ["attribution", "content"],
    ["content", "attribution"],
] as const)("refuses to publish when only the %s verdict has evidence (409 %s_evidence) and changes nothing", async (withEvidence, without) => {
    const id = await createClaim(t.db, org.id);
    await giveVerdicts(t.db, org.id, id, { kinds: [withEvidence] });
    await giveVerdicts(t.db, org.id, id, { kinds: [without], evidence: false });
    const v = await forceStatus(t.db, org.id, id, "ready");
    const res = await transition(id, org.keys.editor, v, { to: "published" }).expect(409);
    expect(res.body).toMatchObject({ code: "publish_requirements_not_met", missing: [`${without}_evidence`] });
    expect(await claimVersion(t.db, org.id, id)).toBe(v);
    expect(await eventsOf(t.db, org.id, { claimId: id, action: "claim.transitioned" })).toHaveLength(0);
  });

  it("sets publishedAt on the first publish and keeps it through a correction", async () => {
    const c = await claimIn("ready");
    const published = await transition(c.id, org.keys.editor, c.version, { to: "published" }).expect(200);
    const row = await t.db.prisma.claim.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: c.id } } });
    expect(row.publishedAt).toBeInstanceOf(Date);
    await transition(c.id, org.keys.editor, published.body.version as number, { to: "corrected", note: "Date fixed." }).expect(200);
    const after = await t.db.prisma.claim.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: c.id } } });
    expect(after.publishedAt?.toISOString()).toBe(row.publishedAt?.toISOString());
  });

  it.each(["corrected", "retracted"] as const)("needs a note to move a published claim to %s (422)", async (to) => {
    const c = await claimIn("published");
    const res = await transition(c.id, org.keys.editor, c.version, { to }).expect(422);
    expect(res.body).toMatchObject({ code: "note_required", errors: [{ field: "note" }] });
  });

  describe("with the organization's second-reviewer rule on", () => {
    let strict: TestOrg;
    beforeAll(async () => {
      strict = await createTestOrg(t.db);
      await t.db.prisma.organization.update({ where: { id: strict.id }, data: { requireSecondReviewer: true } });
    });

    async function reviewedBy(key: string): Promise<{ id: string; version: number }> {
      const id = await createClaim(t.db, strict.id);
      await request(t.app).put(`/v1/claims/${id}/verdicts/attribution`).set(auth(key)).set(ifMatch(1)).send(attributionVerdict()).expect(200);
      await request(t.app).put(`/v1/claims/${id}/verdicts/content`).set(auth(strict.keys.fact_checker)).set(ifMatch(2)).send(contentVerdict()).expect(200);
      return { id, version: await forceStatus(t.db, strict.id, id, "ready") };
    }

    it("refuses a publisher who reviewed a verdict (409 second_reviewer_required)", async () => {
      const c = await reviewedBy(strict.keys.editor);
      const res = await transition(c.id, strict.keys.editor, c.version, { to: "published" }).expect(409);
      expect(res.body).toMatchObject({ code: "second_reviewer_required", reviewedByYou: ["attribution"] });
      expect(await claimVersion(t.db, strict.id, c.id)).toBe(c.version);
    });

    it("lets someone who reviewed neither verdict publish", async () => {
      const c = await reviewedBy(strict.keys.editor);
      const res = await transition(c.id, strict.keys.admin, c.version, { to: "published" }).expect(200);
      expect(res.body.status).toBe("published");
    });

    it("does not apply when the rule is off", async () => {
      const id = await createClaim(t.db, org.id);
      await request(t.app).put(`/v1/claims/${id}/verdicts/attribution`).set(auth(org.keys.editor)).set(ifMatch(1)).send(attributionVerdict()).expect(200);
      await request(t.app).put(`/v1/claims/${id}/verdicts/content`).set(auth(org.keys.editor)).set(ifMatch(2)).send(contentVerdict()).expect(200);
      const v = await forceStatus(t.db, org.id, id, "ready");
      await transition(id, org.keys.editor, v, { to: "published" }).expect(200);
    });
  });
});

describe("transition requests that cannot be applied", () => {
  it("answers 428 without If-Match and 412 with a stale one", async () => {
    const c = await claimIn("new");
    expect((await transition(c.id, org.keys.fact_checker, null, { to: "in_review" }).expect(428)).body.code).toBe("precondition_required");
    await transition(c.id, org.keys.fact_checker, c.version, { to: "in_review" }).expect(200);
    const stale = await transition(c.id, org.keys.fact_checker, c.version, { to: "ready" }).expect(412);
    expect(stale.body).toMatchObject({ code: "version_conflict", currentEtag: `"${c.version + 1}"` });
  });

  it("rejects an unknown state and unknown fields with 400", async () => {
    const c = await claimIn("new");
    const res = await transition(c.id, org.keys.fact_checker, c.version, { to: "done", by: "me" }).expect(400);
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(["by", "to"]);
  });

  it("answers 404 for another organization's claim", async () => {
    const theirs = await claimIn("new", other.id);
    expect((await transition(theirs.id, org.keys.admin, theirs.version, { to: "in_review" }).expect(404)).body.code).toBe("not_found");
    expect(await claimVersion(t.db, other.id, theirs.id)).toBe(theirs.version);
  });

  it("answers 401 without a key", async () => {
    const c = await claimIn("new");
    await request(t.app).post(`/v1/claims/${c.id}/transitions`).set(ifMatch(c.version)).send({ to: "in_review" }).expect(401);
  });
});

const serverIt = usingServer() ? it : it.skip;

describe("concurrent transitions (PostgreSQL server only)", () => {
  serverIt("two editors moving the same version at once: one 200, one 412, one claim.transitioned event", async () => {
    const c = await claimIn("ready");
    const [a, b] = await Promise.all([
      transition(c.id, org.keys.editor, c.version, { to: "published" }),
      transition(c.id, org.keys.admin, c.version, { to: "archived" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    expect(await eventsOf(t.db, org.id, { claimId: c.id, action: "claim.transitioned" })).toHaveLength(1);
    expect(await claimVersion(t.db, org.id, c.id)).toBe(c.version + 1);
  });
});
