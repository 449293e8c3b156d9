import { appendEvent } from "../events/event-log";
import type { Prisma } from "../generated/prisma/client";
import type { SourceType } from "../generated/prisma/enums";
import type { Actor } from "../http/types";
import { newId } from "../lib/ids";
import { presentSource } from "../sources/source-presenter";
import { escapeLike, foldForSearch, sourceSearchText } from "../sources/search-text";
import { normaliseReview, type ImportedAppearance, type ImportedParty, type NormalisedReview } from "./import-normalise";
import { mapRating, type ScaleLabel } from "./import-rating";

export interface ImportOutcome {
  index: number;
  status: "created" | "updated" | "rejected";
  claimId: string | null;
  url: string | null;
  warnings: string[];
  error: { code: string; message: string } | null;
}

const EXTERNAL_ID_PREFIX = "claimreview:";
/** Appearances recorded per review; real markup lists a handful. */
const MAX_APPEARANCES = 50;

/** Finds a live source by Wikidata id, then by name or alias (folded); creates it otherwise. */
async function findOrCreateSource(tx: Prisma.TransactionClient, organizationId: string, actor: Actor, p: ImportedParty, type: SourceType): Promise<string> {
  if (p.wikidataId) {
    const byWikidata = await tx.source.findFirst({ where: { organizationId, wikidataId: p.wikidataId, mergedIntoId: null }, select: { id: true }, orderBy: { createdAt: "asc" } });
    if (byWikidata) return byWikidata.id;
  }
  const pattern = `% | ${escapeLike(foldForSearch(p.name))} | %`;
  const [byName] = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM sources
    WHERE "organizationId" = CAST(${organizationId} AS uuid) AND "mergedIntoId" IS NULL
      AND (' | ' || "searchText" || ' | ') LIKE ${pattern}
    ORDER BY "createdAt", id LIMIT 1`;
  if (byName) return byName.id;
  const source = await tx.source.create({
    data: { organizationId, id: newId(), name: p.name, aliases: [], searchText: sourceSearchText(p.name, []), type, wikidataId: p.wikidataId },
  });
  await appendEvent(tx, organizationId, { actor, action: "source.created", entityType: "source", entityId: source.id, after: presentSource(source) });
  return source.id;
}

function evidenceOf(r: NormalisedReview, reviewerName: string, original: string | null) {
  return [{ url: r.url, title: `${reviewerName} fact check`.slice(0, 500), quote: original ? original.slice(0, 5000) : null, isPrimarySource: false }];
}

/**
 * Where the claim appeared, by URL (claim_external_appearances): not anchored appearances,
 * which point at a span of an article text we do not have. One row per URL and claim; a
 * later import of the review adds new URLs and fills in what it knows better, never removes.
 */
async function recordAppearances(tx: Prisma.TransactionClient, organizationId: string, claimId: string, appearances: readonly ImportedAppearance[]): Promise<void> {
  for (const a of appearances) {
    await tx.claimExternalAppearance.upsert({
      where: { organizationId_claimId_url: { organizationId, claimId, url: a.url } },
      create: { organizationId, id: newId(), claimId, url: a.url, title: a.title, datePublished: a.datePublished, inLanguage: a.inLanguage },
      // undefined leaves a column as it is: a review that no longer says it keeps what an earlier import knew.
      update: { title: a.title ?? undefined, datePublished: a.datePublished ?? undefined, inLanguage: a.inLanguage ?? undefined },
    });
  }
}

/**
 * Records one normalised review: the claim (keyed by the review URL, so a second import
 * updates it), its speaker, and a content verdict whose reviewer is the external
 * fact-checker (reviewerType `system`, reviewerId = the fact-checker's source). Runs in the
 * caller's transaction; every reason to reject is found before the first write.
 */
async function recordReview(
  tx: Prisma.TransactionClient,
  opts: { organizationId: string; actor: Actor; labels: ScaleLabel[]; labelIds: Map<string, string> },
  r: NormalisedReview,
  warnings: string[],
): Promise<Pick<ImportOutcome, "status" | "claimId" | "error">> {
  const { organizationId, actor } = opts;
  const mapped = mapRating(r.rating, opts.labels);
  const labelId = mapped ? opts.labelIds.get(mapped.key) : undefined;
  if (!mapped || !labelId) return { status: "rejected", claimId: null, error: { code: "no_usable_rating", message: "The organization's content scale has no label to record this rating with." } };
  const externalId = EXTERNAL_ID_PREFIX + r.url;
  const existing = await tx.claim.findUnique({ where: { organizationId_externalId: { organizationId, externalId } }, select: { id: true, status: true, statement: true, version: true } });
  if (existing && !["new", "in_review", "ready"].includes(existing.status)) {
    return { status: "rejected", claimId: existing.id, error: { code: "claim_not_editable", message: `The claim imported from this review is ${existing.status}; change it through the verification API.` } };
  }
  if (mapped.warning) warnings.push(mapped.warning);
  const appearances = r.appearances.slice(0, MAX_APPEARANCES);
  if (r.appearances.length > MAX_APPEARANCES) warnings.push(`The review lists ${r.appearances.length} appearances: the first ${MAX_APPEARANCES} are recorded.`);

  const reviewerParty = r.reviewer ?? { name: new URL(r.url).hostname, type: "organization" as const, wikidataId: null };
  const reviewerId = await findOrCreateSource(tx, organizationId, actor, reviewerParty, reviewerParty.type === "person" ? "person" : "publication");
  const speakerId = r.claimAuthor ? await findOrCreateSource(tx, organizationId, actor, r.claimAuthor, r.claimAuthor.type) : null;

  const claimId = existing?.id ?? newId();
  const claimData = { statement: r.claimReviewed, speakerSourceId: speakerId, contentRatingKey: mapped.key };
  if (existing) {
    await tx.claim.update({ where: { organizationId_id: { organizationId, id: claimId } }, data: { ...claimData, version: { increment: 1 } } });
    await tx.attributionLink.deleteMany({ where: { organizationId, claimId } });
  } else {
    await tx.claim.create({ data: { organizationId, id: claimId, externalId, kind: "statement", fidelity: "paraphrase", status: "new", ...claimData } });
  }
  if (speakerId) {
    await tx.attributionLink.create({ data: { organizationId, id: newId(), claimId, position: 0, sourceId: speakerId, role: "speaker", speechAct: "asserts" } });
  }
  await recordAppearances(tx, organizationId, claimId, appearances);
  await appendEvent(tx, organizationId, {
    actor,
    action: existing ? "claim.updated" : "claim.created",
    entityType: "claim",
    entityId: claimId,
    claimId,
    before: existing ? { statement: existing.statement, version: existing.version } : null,
    after: {
      statement: r.claimReviewed,
      externalId,
      speakerSourceId: speakerId,
      importedFrom: r.url,
      externalAppearances: appearances.map((a) => ({ url: a.url, title: a.title, datePublished: a.datePublished?.toISOString() ?? null, inLanguage: a.inLanguage })),
    },
  });

  const rationale = `Imported from ${reviewerParty.name}'s ClaimReview (${r.url})${mapped.original ? `, rated “${mapped.original}”` : ""}${r.reviewDate ? ` on ${r.reviewDate.toISOString().slice(0, 10)}` : ""}.`;
  const verdict = await tx.verdict.findUnique({ where: { organizationId_claimId_kind: { organizationId, claimId, kind: "content" } }, select: { id: true } });
  const verdictId = verdict?.id ?? newId();
  const verdictData = { ratingLabelId: labelId, rationale, reviewerType: "system" as const, reviewerId };
  if (verdict) {
    await tx.verdict.update({ where: { organizationId_id: { organizationId, id: verdictId } }, data: { ...verdictData, version: { increment: 1 } } });
    await tx.evidenceItem.deleteMany({ where: { organizationId, verdictId } });
  } else {
    await tx.verdict.create({ data: { organizationId, id: verdictId, claimId, kind: "content", ...verdictData } });
  }
  const evidence = evidenceOf(r, reviewerParty.name, mapped.original);
  await tx.evidenceItem.createMany({ data: evidence.map((e, position) => ({ organizationId, id: newId(), verdictId, position, accessedAt: new Date(), ...e })) });
  await appendEvent(tx, organizationId, {
    actor,
    action: "verdict.updated",
    entityType: "verdict",
    entityId: verdictId,
    claimId,
    after: { kind: "content", rating: mapped.key, rationale, evidence, reviewer: { type: "system", id: reviewerId } },
  });
  return { status: existing ? "updated" : "created", claimId, error: null };
}

/** Imports every candidate object; each is recorded whole or rejected with a reason. */
export async function importClaimReviews(tx: Prisma.TransactionClient, opts: { organizationId: string; actor: Actor; items: unknown[] }): Promise<ImportOutcome[]> {
  // Imports of one organization run one at a time (a transaction-scoped advisory lock): two
  // concurrent imports of the same review URL or the same new speaker cannot both create it,
  // and taking one lock up front cannot deadlock the way per-URL locks in varying order could.
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`claimreview-import ${opts.organizationId}`}, 0))::text`;
  const rows = await tx.ratingLabel.findMany({ where: { organizationId: opts.organizationId, retiredAt: null, scale: { kind: "content" } }, orderBy: { position: "asc" } });
  const labels = rows.map((l) => ({ key: l.key, label: l.label, value: l.value }));
  const labelIds = new Map(rows.map((l) => [l.key, l.id]));
  const outcomes: ImportOutcome[] = [];
  const seenUrls = new Set<string>();
  for (const [index, item] of opts.items.entries()) {
    const n = normaliseReview(item);
    if (!n.ok) {
      outcomes.push({ index, status: "rejected", claimId: null, url: null, warnings: n.warnings, error: { code: n.code, message: n.error } });
      continue;
    }
    if (seenUrls.has(n.review.url)) n.warnings.push("The same review URL came earlier in this request: this one updates it.");
    seenUrls.add(n.review.url);
    const done = await recordReview(tx, { organizationId: opts.organizationId, actor: opts.actor, labels, labelIds }, n.review, n.warnings);
    outcomes.push({ index, url: n.review.url, warnings: n.warnings, ...done });
  }
  return outcomes;
}
