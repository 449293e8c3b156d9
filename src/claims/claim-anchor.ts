import { checkAnchor, quoteSelectorAt } from "../articles/text-anchor";
import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../http/problem";

export interface AnchorInput {
  articleId: string;
  revisionNumber?: number | undefined;
  exact: string;
  start: number;
  end: number;
}

export interface ResolvedRevision {
  id: string;
  number: number;
  text: string;
}

export interface ResolvedAnchor {
  articleId: string;
  revision: ResolvedRevision;
  selector: { exact: string; prefix: string; suffix: string; start: number; end: number };
}

const MAX_OCCURRENCES = 20;

/** Every place `needle` occurs in `text` (UTF-16 offsets), at most `max`. */
export function occurrencesOf(text: string, needle: string, max = MAX_OCCURRENCES): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  for (let i = text.indexOf(needle); i >= 0 && found.length < max; i = text.indexOf(needle, i + 1)) {
    found.push({ start: i, end: i + needle.length });
  }
  return found;
}

/**
 * Finds the article revision an anchor refers to (the latest when no number is given)
 * and checks the quote is really there. The client's offsets are never trusted: a
 * mismatch is a 422 that says what is at those offsets and where the quote does occur,
 * so the client can correct its offsets rather than guess.
 * `field` prefixes the field names in errors ("anchor." in a claim body, "" when the
 * body is the anchor itself).
 */
export async function resolveAnchor(tx: Prisma.TransactionClient, organizationId: string, input: AnchorInput, field: string): Promise<ResolvedAnchor> {
  // FOR SHARE: a revision of this article being written holds the row FOR UPDATE, so we
  // either anchor before it (and it re-anchors us) or see its new latest revision — never
  // a claim anchored to a revision that has just stopped being the latest.
  const rows = await tx.$queryRaw<Array<{ id: string; latestRevision: number }>>`
    SELECT id, "latestRevision" FROM articles
    WHERE "organizationId" = ${organizationId}::uuid AND id = ${input.articleId}::uuid
    FOR SHARE`;
  const article = rows[0];
  const number = input.revisionNumber ?? article?.latestRevision;
  const revision =
    article && number !== undefined
      ? await tx.articleRevision.findUnique({
          where: { organizationId_articleId_number: { organizationId, articleId: article.id, number } },
          select: { id: true, number: true, text: true },
        })
      : null;
  return checkAnchorAgainst(article, revision ?? undefined, input, field);
}

/**
 * The checks of resolveAnchor on rows already read (a bulk import reads them for many
 * claims at once): throws the same 422s.
 */
export function checkAnchorAgainst(
  article: { id: string; latestRevision: number } | undefined,
  revision: ResolvedRevision | undefined,
  input: AnchorInput,
  field: string,
): ResolvedAnchor {
  if (!article) {
    throw new AppError(422, "unknown_article", "The anchor's article does not exist in your organization.", {
      errors: [{ field: `${field}articleId`, message: "No such article.", code: "unknown_article" }],
    });
  }
  const number = input.revisionNumber ?? article.latestRevision;
  if (!revision) {
    throw new AppError(422, "unknown_revision", `The article has no revision ${number}; its latest is ${article.latestRevision}.`, {
      errors: [{ field: `${field}revisionNumber`, message: `No revision ${number}.`, code: "unknown_revision" }],
      latestRevision: article.latestRevision,
    });
  }
  const check = checkAnchor(revision.text, input);
  if (!check.ok) {
    const occurrences = occurrencesOf(revision.text, input.exact);
    const where = occurrences.length
      ? `"exact" occurs at ${occurrences.map((o) => `${o.start}–${o.end}`).join(", ")}`
      : `"exact" does not occur anywhere in revision ${revision.number}`;
    throw new AppError(422, "anchor_mismatch", `The anchor does not match the article text: ${check.reason}; ${where}.`, {
      errors: [{ field: `${field}exact`, message: `Text at ${input.start}–${input.end} is ${JSON.stringify(check.found)}.`, code: "anchor_mismatch" }],
      anchor: { articleId: article.id, revisionNumber: revision.number, start: input.start, end: input.end, exact: input.exact, found: check.found, textLength: revision.text.length },
      occurrences,
    });
  }
  const selector = quoteSelectorAt(revision.text, input.start, input.end);
  return { articleId: article.id, revision, selector: { ...selector, start: input.start, end: input.end } };
}
