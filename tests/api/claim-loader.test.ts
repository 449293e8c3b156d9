/**
 * Claims are read by hand-written SQL, for speed: findClaims (src/claims/claim-queries.ts)
 * loads them with one statement instead of Prisma's include, and presentedClaims
 * (src/claims/claim-json.ts) renders the API's JSON in PostgreSQL. Each must give exactly
 * what its reference gives (Prisma's include; presentClaim), or the API would change shape
 * silently.
 */
import type { Database } from "../../src/db/database";
import { jsonPageBody, presentedClaims, withMember } from "../../src/claims/claim-json";
import { presentClaim } from "../../src/claims/claim-presenter";
import { claimInclude, findClaim, findClaims } from "../../src/claims/claim-queries";
import { newId } from "../../src/lib/ids";
import { createTestOrg, type TestOrg } from "../support/test-app";
import { openTestDatabase } from "../support/test-db";
import { createUser, giveVerdicts } from "../support/verification-fixtures";

let db: Database;
let org: TestOrg;
let ids: string[];

beforeAll(async () => {
  db = await openTestDatabase();
  org = await createTestOrg(db, { seed: true });
  const claims = await db.prisma.claim.findMany({ where: { organizationId: org.id }, orderBy: { id: "asc" }, select: { id: true } });
  ids = claims.map((c) => c.id);
  const [first, second] = ids;
  // Every relation filled somewhere: verdicts with evidence (one without), an assignee,
  // a second appearance, a published timestamp, an evidence item with every optional field.
  await giveVerdicts(db, org.id, first!);
  await giveVerdicts(db, org.id, second!, { evidence: false, kinds: ["content"] });
  const verdict = await db.prisma.verdict.findFirstOrThrow({ where: { organizationId: org.id, claimId: first!, kind: "attribution" } });
  await db.prisma.evidenceItem.create({
    data: { organizationId: org.id, id: newId(), verdictId: verdict.id, position: 1, url: "https://example.org/b", title: "B", quote: "q \"quoted\" ✓", accessedAt: new Date("2024-05-16T10:00:00.123Z"), isPrimarySource: true },
  });
  const userId = await createUser(db, org.id);
  await db.prisma.claim.update({ where: { organizationId_id: { organizationId: org.id, id: first! } }, data: { assigneeId: userId, publishedAt: new Date("2024-05-17T08:09:10.456Z") } });
  const other = await db.prisma.claimAppearance.findFirstOrThrow({ where: { organizationId: org.id, claimId: second! } });
  // The seed claims share one article: the extra appearance is in a second one.
  const article = await db.prisma.article.findFirstOrThrow({ where: { organizationId: org.id }, include: { revisions: true } });
  const copyId = newId();
  const revisionId = newId();
  await db.prisma.article.create({ data: { organizationId: org.id, id: copyId, url: "https://example.org/copy", title: "Copy", language: "en", publishedAt: null } });
  await db.prisma.articleRevision.create({ data: { organizationId: org.id, id: revisionId, articleId: copyId, number: 1, text: article.revisions[0]!.text, textHash: article.revisions[0]!.textHash } });
  await db.prisma.claimAppearance.create({
    data: { organizationId: org.id, id: newId(), claimId: first!, articleId: copyId, revisionId, lastGoodRevisionId: revisionId, exact: other.exact, prefix: other.prefix, suffix: other.suffix, start: other.start, end: other.end, anchorStatus: "anchor_lost", createdAt: new Date(Date.now() + 60_000) },
  });
});
afterAll(async () => {
  await db?.close();
});

it("returns, for every claim, exactly what Prisma's include returns", async () => {
  const viaPrisma = await db.prisma.claim.findMany({ where: { organizationId: org.id, id: { in: ids } }, include: claimInclude, orderBy: { id: "asc" } });
  const viaSql = await findClaims(db.prisma, org.id, ids);
  expect(viaSql).toHaveLength(ids.length);
  expect(viaSql.length).toBeGreaterThanOrEqual(15);
  // Prisma leaves the order of verdicts open; the presenters look them up by kind.
  const normalise = <T extends { verdicts: Array<{ kind: string }> }>(c: T) => ({ ...c, verdicts: [...c.verdicts].sort((a, b) => a.kind.localeCompare(b.kind)) });
  expect(viaSql.map(normalise)).toEqual(viaPrisma.map(normalise));
  // toEqual would accept a string where a Date belongs only if it also matched; check types too.
  const first = viaSql[0]!;
  expect(first.createdAt).toBeInstanceOf(Date);
  expect(first.publishedAt).toBeInstanceOf(Date);
  expect(first.assignee).not.toBeNull();
  expect(first.appearances.length).toBe(2);
  expect(first.verdicts.flatMap((v) => v.evidence).some((e) => e.accessedAt instanceof Date)).toBe(true);
});

it("keeps the order of the ids asked for and leaves out unknown and other organizations' ids", async () => {
  const other = await createTestOrg(db, { seed: true });
  const foreign = await db.prisma.claim.findFirstOrThrow({ where: { organizationId: other.id }, select: { id: true } });
  const asked = [ids[3]!, newId(), ids[1]!, foreign.id, ids[2]!];
  const got = await findClaims(db.prisma, org.id, asked);
  expect(got.map((c) => c.id)).toEqual([ids[3], ids[1], ids[2]]);
  expect(await findClaim(db.prisma, org.id, foreign.id)).toBeNull();
  expect(await findClaims(db.prisma, org.id, [])).toEqual([]);
});

it("reads inside a transaction what the transaction wrote", async () => {
  const statement = await db.prisma.$transaction(async (tx) => {
    await tx.claim.update({ where: { organizationId_id: { organizationId: org.id, id: ids[4]! } }, data: { statement: "Changed inside the transaction." } });
    return (await findClaim(tx, org.id, ids[4]!))?.statement;
  });
  expect(statement).toBe("Changed inside the transaction.");
});

it("renders in PostgreSQL exactly the JSON presentClaim renders", async () => {
  const reference = (await findClaims(db.prisma, org.id, ids)).map(presentClaim);
  const rendered = await presentedClaims(db, org.id, ids);
  expect(rendered.map((r) => r.id)).toEqual(ids);
  expect(rendered.map((r) => JSON.parse(r.json) as unknown)).toEqual(reference);
  // Same members in the same order, so the two serialisations read alike.
  expect(rendered.map((r) => Object.keys(JSON.parse(r.json) as object))).toEqual(reference.map((c) => Object.keys(c)));
  expect(rendered.map((r) => r.version)).toEqual(reference.map((c) => c.version));
  const rich = JSON.parse(rendered[0]!.json) as ReturnType<typeof presentClaim>;
  expect(rich.assignee).not.toBeNull();
  expect(rich.appearances).toHaveLength(2);
  expect(rich.verdicts.attribution?.evidence.some((e) => e.accessedAt === "2024-05-16T10:00:00.123Z")).toBe(true);
  expect(rich.verdicts.attribution?.evidence.some((e) => e.quote === 'q "quoted" ✓')).toBe(true);
});

it("adds a member to a rendered object without re-serialising it", () => {
  expect(JSON.parse(withMember('{"a":1}', "search", { rank: 0.5, snippet: "<mark>x</mark>" }))).toEqual({ a: 1, search: { rank: 0.5, snippet: "<mark>x</mark>" } });
  expect(() => withMember("[1]", "x", 1)).toThrow();
});

it("writes a page body byte for byte as JSON.stringify would, whatever the characters", () => {
  const items = [{ statement: "Plain." }, { statement: "Accents: Chloé, Ángel, Müller" }, { statement: "Beyond Latin-1: 习近平 — “quoted” … 🙂" }].map((x) => JSON.stringify(x));
  const body = jsonPageBody(items, "abc");
  expect(body.toString("utf8")).toBe(JSON.stringify({ data: items.map((i) => JSON.parse(i) as unknown), nextCursor: "abc" }));
  expect(JSON.parse(jsonPageBody([], null).toString("utf8"))).toEqual({ data: [], nextCursor: null });
});
