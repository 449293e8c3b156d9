import type { Prisma } from "../generated/prisma/client";
import type { KnownSource } from "../extraction";

export interface SourceRef {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  wikidataId: string | null;
}

type Reader = Pick<Prisma.TransactionClient, "source">;

/**
 * The organization's live sources (merged-away ones excluded, so a mention never resolves
 * to a source that cannot be used in a chain), loaded once per request.
 */
export async function loadKnownSources(db: Reader, organizationId: string): Promise<{ known: KnownSource[]; byId: Map<string, SourceRef> }> {
  const rows = await db.source.findMany({
    where: { organizationId, mergedIntoId: null },
    select: { id: true, name: true, aliases: true, type: true, wikidataId: true },
  });
  return {
    known: rows.map((r) => ({ id: r.id, name: r.name, aliases: r.aliases, type: r.type })),
    byId: new Map(rows.map((r) => [r.id, r])),
  };
}

/** Sources by id for presenting stored proposals (merged ones included: the proposal is history). */
export async function loadSourceRefs(db: Reader, organizationId: string, ids: Iterable<string>): Promise<Map<string, SourceRef>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db.source.findMany({
    where: { organizationId, id: { in: wanted } },
    select: { id: true, name: true, aliases: true, type: true, wikidataId: true },
  });
  return new Map(rows.map((r) => [r.id, r]));
}
