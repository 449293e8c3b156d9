import type { Prisma, Source } from "../generated/prisma/client";
import type { SourceType } from "../generated/prisma/enums";
import { appendEvent } from "../events/event-log";
import type { Actor } from "../http/types";
import { newId } from "../lib/ids";
import { normaliseAliases, sourceSearchText } from "./search-text";

export interface CreateSourceOptions {
  organizationId: string;
  actor: Actor;
  data: { name: string; aliases: string[]; type: SourceType; wikidataId: string | null; country: string | null; description: string | null };
}

/** Creates a source and its `source.created` event in the caller's transaction. */
export async function createSource(tx: Prisma.TransactionClient, opts: CreateSourceOptions): Promise<Source> {
  const data = { ...opts.data, aliases: normaliseAliases(opts.data.name, opts.data.aliases) };
  const source = await tx.source.create({
    data: { organizationId: opts.organizationId, id: newId(), ...data, searchText: sourceSearchText(data.name, data.aliases) },
  });
  await appendEvent(tx, opts.organizationId, { actor: opts.actor, action: "source.created", entityType: "source", entityId: source.id, after: data });
  return source;
}
