import type { Source } from "../generated/prisma/client";

export function presentSource(s: Source) {
  return {
    id: s.id,
    name: s.name,
    aliases: s.aliases,
    type: s.type,
    wikidataId: s.wikidataId,
    country: s.country,
    description: s.description,
    mergedIntoId: s.mergedIntoId,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** The compact form used inside claims and articles. */
export function presentSourceRef(s: Source) {
  return { id: s.id, name: s.name, type: s.type, aliases: s.aliases, wikidataId: s.wikidataId };
}
