import type { Prisma, Source } from "../generated/prisma/client";
import { appendEvent } from "../events/event-log";
import { staleVersion } from "../http/preconditions";
import { AppError, notFound } from "../http/problem";
import type { Actor } from "../http/types";
import { normaliseAliases, sourceSearchText } from "./search-text";
import type { SourceUpdate } from "./source-schemas";
import { findSource } from "./source-queries";

export interface UpdateSourceOptions {
  organizationId: string;
  id: string;
  expectedVersion: number;
  actor: Actor;
  changes: SourceUpdate;
}

const editable = ["name", "aliases", "type", "wikidataId", "country", "description"] as const;
type Editable = (typeof editable)[number];

/** A merged source is kept only so old ids resolve; edits belong on the source it went into. */
export function sourceMerged(source: Pick<Source, "id" | "mergedIntoId">): AppError {
  return new AppError(409, "source_merged", `This source was merged into source ${source.mergedIntoId}; edit that one instead.`, {
    mergedIntoId: source.mergedIntoId,
  });
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Partial update guarded by the version the caller read. The change is one conditional
 * UPDATE … WHERE version = expected AND not merged, so of two concurrent editors with the
 * same If-Match exactly one wins and the other gets 412 (or 409 if a merge came first).
 * A request that changes nothing answers the current source without a new version.
 */
export async function updateSource(tx: Prisma.TransactionClient, opts: UpdateSourceOptions): Promise<{ source: Source; changed: boolean }> {
  const current = await findSource(tx, opts.organizationId, opts.id);
  if (!current) throw notFound("Source");
  if (current.mergedIntoId) throw sourceMerged(current);
  if (current.version !== opts.expectedVersion) throw staleVersion("The source", current.version);

  const name = opts.changes.name ?? current.name;
  const next: Pick<Source, Editable> = {
    name,
    aliases: normaliseAliases(name, opts.changes.aliases ?? current.aliases),
    type: opts.changes.type ?? current.type,
    wikidataId: opts.changes.wikidataId === undefined ? current.wikidataId : opts.changes.wikidataId,
    country: opts.changes.country === undefined ? current.country : opts.changes.country,
    description: opts.changes.description === undefined ? current.description : opts.changes.description,
  };
  const changedFields = editable.filter((f) => !same(current[f], next[f]));
  if (changedFields.length === 0) return { source: current, changed: false };

  const updated = await tx.source.updateMany({
    where: { organizationId: opts.organizationId, id: opts.id, version: opts.expectedVersion, mergedIntoId: null },
    data: { ...next, searchText: sourceSearchText(next.name, next.aliases), version: { increment: 1 } },
  });
  if (updated.count === 0) {
    // Someone changed or merged it after our read; this re-read sees their committed row.
    const now = await findSource(tx, opts.organizationId, opts.id);
    if (!now) throw notFound("Source");
    if (now.mergedIntoId) throw sourceMerged(now);
    throw staleVersion("The source", now.version);
  }
  const source = await findSource(tx, opts.organizationId, opts.id);
  if (!source) throw new Error("source vanished inside its own update");

  const pick = (s: Pick<Source, Editable>) => Object.fromEntries(changedFields.map((f) => [f, s[f]]));
  await appendEvent(tx, opts.organizationId, {
    actor: opts.actor,
    action: "source.updated",
    entityType: "source",
    entityId: source.id,
    before: { ...pick(current), version: current.version },
    after: { ...pick(source), version: source.version },
  });
  return { source, changed: true };
}
