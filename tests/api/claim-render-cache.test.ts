/**
 * Stored claim renders (claim_renders, src/claims/claim-json.ts): the read paths send a
 * claim's stored JSON while it is valid, and every change a claim shows must retire it, in
 * the same transaction, whatever wrote the change. Each case below first plants a marker in
 * the stored render (so a read that still used it would show the marker), then makes one
 * kind of change directly in the database (not through a use case: the triggers are what
 * is under test), then expects the served JSON to be the fresh render again.
 */
import type { Database } from "../../src/db/database";
import { PRESENTED_CLAIMS_SQL, presentedClaims } from "../../src/claims/claim-json";
import { newId } from "../../src/lib/ids";
import { createTestOrg, type TestOrg } from "../support/test-app";
import { openTestDatabase, usingServer } from "../support/test-db";
import { createUser, giveVerdicts } from "../support/verification-fixtures";

let db: Database;
let org: TestOrg;
let claimId: string;

const MARKER = '{"marker":"stale"}';

beforeAll(async () => {
  db = await openTestDatabase();
  org = await createTestOrg(db, { seed: true });
  const claim = await db.prisma.claim.findFirstOrThrow({ where: { organizationId: org.id }, orderBy: { id: "asc" }, select: { id: true } });
  claimId = claim.id;
  await giveVerdicts(db, org.id, claimId);
  const userId = await createUser(db, org.id);
  await db.prisma.claim.update({ where: { organizationId_id: { organizationId: org.id, id: claimId } }, data: { assigneeId: userId } });
});
afterAll(async () => {
  await db?.close();
});

const fresh = async (id = claimId) => (await db.query<{ json: string }>(PRESENTED_CLAIMS_SQL, [org.id, [id]]))[0]!.json;
const served = async (id = claimId) => (await presentedClaims(db, org.id, [id]))[0]!.json;
const exec = (sql: string, values: unknown[] = []) => db.query(sql, values);

/** Reads once (which stores the render), then swaps the stored text for the marker and checks that reads now send it. */
async function plantMarker(id = claimId): Promise<void> {
  await served(id);
  const updated = await db.query<{ claimId: string }>(`UPDATE claim_renders SET json = $3 WHERE "organizationId" = $1 AND "claimId" = $2 RETURNING "claimId"`, [org.id, id, MARKER]);
  expect(updated).toHaveLength(1);
  expect(await served(id)).toBe(MARKER);
}

async function expectRetiredBy(change: () => Promise<unknown>, id = claimId): Promise<void> {
  await plantMarker(id);
  await change();
  const json = await served(id);
  expect(json).not.toBe(MARKER);
  expect(json).toBe(await fresh(id));
  // And the new render is stored: the next read sends it without rendering.
  expect(await db.query(`SELECT 1 FROM claim_renders r JOIN claims c ON c."organizationId" = r."organizationId" AND c.id = r."claimId" AND c."renderGen" = r.gen WHERE r."organizationId" = $1 AND r."claimId" = $2`, [org.id, id])).toHaveLength(1);
}

const firstLink = () => db.prisma.attributionLink.findFirstOrThrow({ where: { organizationId: org.id, claimId }, orderBy: { position: "asc" } });
const verdictOf = (kind: "attribution" | "content") => db.prisma.verdict.findFirstOrThrow({ where: { organizationId: org.id, claimId, kind } });

it("serves what a fresh render gives, and stores it", async () => {
  const ids = (await db.prisma.claim.findMany({ where: { organizationId: org.id }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
  await exec(`DELETE FROM claim_renders WHERE "organizationId" = $1`, [org.id]);
  const first = await presentedClaims(db, org.id, ids);
  const again = await presentedClaims(db, org.id, ids);
  const reference = await db.query<{ id: string; json: string }>(PRESENTED_CLAIMS_SQL, [org.id, ids]);
  expect(first.map((c) => c.json)).toEqual(ids.map((id) => reference.find((r) => r.id === id)!.json));
  expect(again).toEqual(first);
  const stored = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM claim_renders WHERE "organizationId" = $1`, [org.id]);
  expect(stored[0]!.n).toBe(ids.length);
});

it("a change of the claim row retires its render", async () => {
  await expectRetiredBy(() => exec(`UPDATE claims SET statement = statement || ' (edited)' WHERE "organizationId" = $1 AND id = $2`, [org.id, claimId]));
  await expectRetiredBy(() => db.prisma.claim.update({ where: { organizationId_id: { organizationId: org.id, id: claimId } }, data: { status: "in_review", version: { increment: 1 } } }));
});

it("chain links added, edited and removed retire it", async () => {
  const source = await db.prisma.source.findFirstOrThrow({ where: { organizationId: org.id }, orderBy: { id: "asc" } });
  const max = await db.prisma.attributionLink.aggregate({ where: { organizationId: org.id, claimId }, _max: { position: true } });
  const linkId = newId();
  await expectRetiredBy(() =>
    db.prisma.attributionLink.create({ data: { organizationId: org.id, id: linkId, claimId, position: (max._max.position ?? 0) + 1, sourceId: source.id, role: "publisher", speechAct: "reports" } }),
  );
  await expectRetiredBy(async () => db.prisma.attributionLink.update({ where: { organizationId_id: { organizationId: org.id, id: (await firstLink()).id } }, data: { cue: "insisted" } }));
  await expectRetiredBy(() => db.prisma.attributionLink.delete({ where: { organizationId_id: { organizationId: org.id, id: linkId } } }));
});

it("appearances added and re-anchored retire it", async () => {
  const appearance = await db.prisma.claimAppearance.findFirstOrThrow({ where: { organizationId: org.id, claimId } });
  const article = await db.prisma.article.findFirstOrThrow({ where: { organizationId: org.id }, include: { revisions: true } });
  const copyId = newId();
  const revisionId = newId();
  await db.prisma.article.create({ data: { organizationId: org.id, id: copyId, url: "https://example.org/render-copy", title: "Copy", language: "en" } });
  await db.prisma.articleRevision.create({ data: { organizationId: org.id, id: revisionId, articleId: copyId, number: 1, text: article.revisions[0]!.text, textHash: article.revisions[0]!.textHash } });
  await expectRetiredBy(() =>
    db.prisma.claimAppearance.create({
      data: { organizationId: org.id, id: newId(), claimId, articleId: copyId, revisionId, lastGoodRevisionId: revisionId, exact: appearance.exact, prefix: appearance.prefix, suffix: appearance.suffix, start: appearance.start, end: appearance.end },
    }),
  );
  await expectRetiredBy(() => db.prisma.claimAppearance.update({ where: { organizationId_id: { organizationId: org.id, id: appearance.id } }, data: { anchorStatus: "anchor_lost" } }));
});

it("external appearances added, edited and removed retire it", async () => {
  const id = newId();
  await expectRetiredBy(() =>
    db.prisma.claimExternalAppearance.create({ data: { organizationId: org.id, id, claimId, url: "https://elsewhere.example/seen", title: "Seen", datePublished: new Date("2024-05-16T00:00:00.000Z"), inLanguage: "en" } }),
  );
  expect(JSON.parse(await served()).externalAppearances).toEqual([{ url: "https://elsewhere.example/seen", title: "Seen", datePublished: "2024-05-16T00:00:00.000Z", inLanguage: "en" }]);
  await expectRetiredBy(() => db.prisma.claimExternalAppearance.update({ where: { organizationId_id: { organizationId: org.id, id } }, data: { title: "Seen, retitled" } }));
  await expectRetiredBy(() => db.prisma.claimExternalAppearance.delete({ where: { organizationId_id: { organizationId: org.id, id } } }));
  expect(JSON.parse(await served()).externalAppearances).toEqual([]);
});

it("verdicts and their evidence, written, edited and removed, retire it", async () => {
  const content = await verdictOf("content");
  const other = await db.prisma.ratingLabel.findFirstOrThrow({ where: { organizationId: org.id, scale: { kind: "content" }, id: { not: content.ratingLabelId } } });
  await expectRetiredBy(() => db.prisma.verdict.update({ where: { organizationId_id: { organizationId: org.id, id: content.id } }, data: { ratingLabelId: other.id } }));
  const evidenceId = newId();
  await expectRetiredBy(() => db.prisma.evidenceItem.create({ data: { organizationId: org.id, id: evidenceId, verdictId: content.id, position: 5, url: "https://example.org/e", title: "E" } }));
  await expectRetiredBy(() => db.prisma.evidenceItem.update({ where: { organizationId_id: { organizationId: org.id, id: evidenceId } }, data: { title: "E, retitled" } }));
  await expectRetiredBy(() => db.prisma.evidenceItem.delete({ where: { organizationId_id: { organizationId: org.id, id: evidenceId } } }));
  const attribution = await verdictOf("attribution");
  await expectRetiredBy(() => db.prisma.verdict.delete({ where: { organizationId_id: { organizationId: org.id, id: attribution.id } } }));
  await giveVerdicts(db, org.id, claimId, { kinds: ["attribution"] });
});

it("a source, rating label, article or assignee that claims show, changed, retires the organization's renders", async () => {
  const link = await firstLink();
  const content = await verdictOf("content");
  const appearance = await db.prisma.claimAppearance.findFirstOrThrow({ where: { organizationId: org.id, claimId } });
  const claim = await db.prisma.claim.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org.id, id: claimId } } });
  await expectRetiredBy(() => db.prisma.source.update({ where: { organizationId_id: { organizationId: org.id, id: link.sourceId } }, data: { name: "Renamed source" } }));
  await expectRetiredBy(() => db.prisma.source.update({ where: { organizationId_id: { organizationId: org.id, id: link.sourceId } }, data: { aliases: { push: "New alias" } } }));
  await expectRetiredBy(() => db.prisma.ratingLabel.update({ where: { organizationId_id: { organizationId: org.id, id: content.ratingLabelId } }, data: { colour: "#123456" } }));
  await expectRetiredBy(() => db.prisma.article.update({ where: { organizationId_id: { organizationId: org.id, id: appearance.articleId } }, data: { title: "A new headline" } }));
  await expectRetiredBy(() => db.prisma.user.update({ where: { organizationId_id: { organizationId: org.id, id: claim.assigneeId! } }, data: { name: "Renamed reviewer" } }));
});

it("changes claims do not show leave stored renders in use", async () => {
  const link = await firstLink();
  const epoch = async () => (await db.prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).renderEpoch;
  const before = await epoch();
  await plantMarker();
  await db.prisma.source.update({ where: { organizationId_id: { organizationId: org.id, id: link.sourceId } }, data: { description: "Not shown on claims." } });
  await db.prisma.comment.create({ data: { organizationId: org.id, id: newId(), claimId, authorType: "system", authorId: newId(), body: "A comment." } });
  expect(await served()).toBe(MARKER);
  expect(await epoch()).toBe(before);
  await exec(`DELETE FROM claim_renders WHERE "organizationId" = $1 AND "claimId" = $2`, [org.id, claimId]);
});

it("another organization's changes leave this one's renders in use", async () => {
  const other = await createTestOrg(db, { seed: true });
  await plantMarker();
  await exec(`UPDATE sources SET name = name || ' (other)' WHERE "organizationId" = $1`, [other.id]);
  expect(await served()).toBe(MARKER);
  await exec(`DELETE FROM claim_renders WHERE "organizationId" = $1 AND "claimId" = $2`, [org.id, claimId]);
});

it("a render started before a concurrent change never replaces the newer one", async () => {
  // A reader's snapshot taken before a writer commits renders the older state; it must not
  // be stored over (or be taken for) the newer one. On the embedded database statements
  // run one at a time, so this exercises the interleavings only on a server.
  const rounds = usingServer() ? 40 : 5;
  for (let i = 0; i < rounds; i++) {
    await Promise.all([
      served(),
      exec(`UPDATE claims SET statement = $3 WHERE "organizationId" = $1 AND id = $2`, [org.id, claimId, `Round ${i} of concurrent edits.`]),
      served(),
      exec(`UPDATE sources SET name = $2 WHERE "organizationId" = $1 AND id = (SELECT "sourceId" FROM attribution_links WHERE "organizationId" = $1 AND "claimId" = $3 AND position = 0)`, [org.id, `Speaker round ${i}`, claimId]),
      served(),
    ]);
    const json = await served();
    expect(json).toBe(await fresh());
    expect(JSON.parse(json)).toMatchObject({ statement: `Round ${i} of concurrent edits.` });
  }
});
