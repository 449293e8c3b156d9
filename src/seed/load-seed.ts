import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { quoteSelectorAt, checkAnchor } from "../articles/text-anchor";
import { appendEvent } from "../events/event-log";
import { deterministicId, sha256Hex } from "../lib/ids";
import { sourceSearchText } from "../sources/search-text";
import type { SeedFile } from "./seed-file";

const system = { type: "system" as const, id: null };

export interface SeedResult {
  created: { sources: number; articles: number; claims: number };
}

/**
 * Loads the seed article, its sources and claims into an organization. Ids are derived
 * from the organization and the seed keys, so a second run finds every record and
 * changes nothing (records edited since are left as they are).
 */
export async function loadSeed(prisma: PrismaClient, organizationId: string, seed: SeedFile, text: string): Promise<SeedResult> {
  const id = (kind: string, key: string) => deterministicId(organizationId, `seed:${kind}:${key}`);
  for (const c of seed.claims) {
    const check = checkAnchor(text, c.anchor);
    if (!check.ok) throw new Error(`seed claim ${c.key}: ${check.reason}`);
  }
  const created = { sources: 0, articles: 0, claims: 0 };
  await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
    // Instances starting together may all find the seed missing: the first loads it, the
    // others wait here and then find every record (instead of failing on a duplicate key).
    await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`claimtrail:seed:${organizationId}`}))`;
    for (const s of seed.sources) {
      const sourceId = id("source", s.key);
      if (await tx.source.findUnique({ where: { organizationId_id: { organizationId, id: sourceId } }, select: { id: true } })) continue;
      const data = { name: s.name, aliases: s.aliases, type: s.type, wikidataId: s.wikidataId, country: s.country, description: s.description };
      await tx.source.create({ data: { organizationId, id: sourceId, ...data, searchText: sourceSearchText(s.name, s.aliases) } });
      await appendEvent(tx, organizationId, { actor: system, action: "source.created", entityType: "source", entityId: sourceId, after: data });
      created.sources++;
    }

    const a = seed.article;
    const articleId = id("article", a.key);
    const revisionId = id("revision", `${a.key}:1`);
    if (!(await tx.article.findUnique({ where: { organizationId_id: { organizationId, id: articleId } }, select: { id: true } }))) {
      const data = { externalId: a.externalId, url: a.url, title: a.title, language: a.language, publishedAt: new Date(a.publishedAt), publisherId: id("source", a.publisherKey) };
      await tx.article.create({ data: { organizationId, id: articleId, ...data } });
      await tx.articleRevision.create({ data: { organizationId, id: revisionId, articleId, number: 1, text, textHash: sha256Hex(text) } });
      await appendEvent(tx, organizationId, { actor: system, action: "article.created", entityType: "article", entityId: articleId, after: { ...data, revision: 1, textHash: sha256Hex(text) } });
      created.articles++;
    }

    for (const c of seed.claims) {
      const claimId = id("claim", c.key);
      if (await tx.claim.findUnique({ where: { organizationId_id: { organizationId, id: claimId } }, select: { id: true } })) continue;
      const selector = quoteSelectorAt(text, c.anchor.start, c.anchor.end);
      const chain = c.chain.map((l, position) => ({
        id: id("link", `${c.key}:${position}`),
        position,
        sourceId: id("source", l.sourceKey),
        role: l.role,
        cue: l.cue,
        cueStart: l.cueStart,
        cueEnd: l.cueEnd,
        speechAct: l.speechAct,
      }));
      await tx.claim.create({ data: { organizationId, id: claimId, externalId: `seed:${c.key}`, statement: c.statement, kind: c.kind, fidelity: c.fidelity, speakerSourceId: chain[0]?.sourceId ?? null } });
      await tx.claimAppearance.create({
        data: { organizationId, id: id("appearance", c.key), claimId, articleId, revisionId, lastGoodRevisionId: revisionId, ...selector, start: c.anchor.start, end: c.anchor.end },
      });
      await tx.attributionLink.createMany({ data: chain.map((l) => ({ organizationId, claimId, ...l })) });
      await appendEvent(tx, organizationId, {
        actor: system,
        action: "claim.created",
        entityType: "claim",
        entityId: claimId,
        claimId,
        after: { statement: c.statement, kind: c.kind, fidelity: c.fidelity, anchor: { articleId, revisionId, ...selector, start: c.anchor.start, end: c.anchor.end }, chain },
      });
      created.claims++;
    }
  });
  return { created };
}
