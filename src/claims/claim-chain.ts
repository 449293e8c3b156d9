import type { z } from "zod";
import { appendEvent } from "../events/event-log";
import { Prisma } from "../generated/prisma/client";
import { AppError, type FieldError } from "../http/problem";
import type { Actor } from "../http/types";
import { newId } from "../lib/ids";
import { presentSource } from "../sources/source-presenter";
import { sourceSearchText } from "../sources/search-text";
import type { chainLinkInputSchema } from "./claim-schemas";

export type ChainLinkInput = z.infer<typeof chainLinkInputSchema>;

export const MAX_CHAIN_LINKS = 10;

/**
 * The rules a chain must follow, checked against the text of the revision the claim is
 * anchored in. Returns every broken rule, each naming its link (`chain.N…`).
 */
export function chainRuleErrors(chain: readonly ChainLinkInput[], text: string): FieldError[] {
  const errors: FieldError[] = [];
  if (chain.length < 1 || chain.length > MAX_CHAIN_LINKS) {
    errors.push({ field: "chain", message: `A chain has 1 to ${MAX_CHAIN_LINKS} links; this one has ${chain.length}.`, code: "chain_length" });
  }
  chain.forEach((link, i) => {
    const at = `chain.${i}`;
    if (i === 0 && link.role !== "speaker") {
      errors.push({ field: `${at}.role`, message: "The first link is the original speaker: its role must be `speaker`.", code: "chain_speaker_first" });
    }
    if (i > 0 && link.role === "speaker") {
      errors.push({ field: `${at}.role`, message: "Only the first link can be the speaker.", code: "chain_speaker_first" });
    }
    if (link.role === "publisher" && i !== chain.length - 1) {
      errors.push({ field: `${at}.role`, message: "A publisher can only be the last link.", code: "chain_publisher_last" });
    }
    const hasStart = link.cueStart !== undefined;
    const hasEnd = link.cueEnd !== undefined;
    if (hasStart !== hasEnd) {
      errors.push({ field: `${at}.${hasStart ? "cueEnd" : "cueStart"}`, message: "Give cueStart and cueEnd together.", code: "cue_span_incomplete" });
    } else if (link.cueStart !== undefined && link.cueEnd !== undefined) {
      if (link.cue === undefined) {
        errors.push({ field: `${at}.cue`, message: "A cue span needs the cue text it covers.", code: "cue_missing" });
      } else if (!(link.cueStart < link.cueEnd && link.cueEnd <= text.length)) {
        errors.push({ field: `${at}.cueStart`, message: `The cue span ${link.cueStart}–${link.cueEnd} is not inside the revision (length ${text.length}).`, code: "cue_span_outside" });
      } else {
        const found = text.slice(link.cueStart, link.cueEnd);
        if (found !== link.cue) {
          errors.push({ field: `${at}.cue`, message: `The text at ${link.cueStart}–${link.cueEnd} is ${JSON.stringify(found)}, not the cue.`, code: "cue_mismatch" });
        }
      }
    }
  });
  return errors;
}

export interface ResolveChainOptions {
  organizationId: string;
  actor: Actor;
  chain: readonly ChainLinkInput[];
  /** Text of the revision the claim is anchored in; cue spans refer to it. */
  text: string;
}

export interface ResolvedLink {
  sourceId: string;
  role: ChainLinkInput["role"];
  cue: string | null;
  cueStart: number | null;
  cueEnd: number | null;
  speechAct: ChainLinkInput["speechAct"];
}

/**
 * Checks the chain and resolves its sources, creating the new ones (each with its
 * `source.created` event). Runs inside the caller's transaction, so a failure later on
 * leaves no orphan source behind.
 */
export async function resolveChain(tx: Prisma.TransactionClient, opts: ResolveChainOptions): Promise<ResolvedLink[]> {
  const ruleErrors = chainRuleErrors(opts.chain, opts.text);
  if (ruleErrors.length) {
    throw new AppError(422, "invalid_chain", "The attribution chain breaks the chain rules; `errors` names each link.", { errors: ruleErrors });
  }
  const sourceIds = await resolveSources(tx, opts);
  return opts.chain.map((link, position) => ({
    sourceId: sourceIds[position] as string,
    role: link.role,
    cue: link.cue ?? null,
    cueStart: link.cueStart ?? null,
    cueEnd: link.cueEnd ?? null,
    speechAct: link.speechAct,
  }));
}

/** Writes a claim's links in chain order (the claim has none, or they were just deleted). */
export async function insertChain(tx: Prisma.TransactionClient, organizationId: string, claimId: string, links: readonly ResolvedLink[]): Promise<void> {
  await tx.attributionLink.createMany({ data: links.map((l, position) => ({ organizationId, id: newId(), claimId, position, ...l })) });
}

/** The 422 for chain links that name unknown or merged-away sources (null when all are usable). */
export function chainSourceProblem(chain: readonly ChainLinkInput[], byId: ReadonlyMap<string, { mergedIntoId: string | null }>): AppError | null {
  const errors: FieldError[] = [];
  chain.forEach((l, i) => {
    if (!("id" in l.source)) return;
    const s = byId.get(l.source.id);
    if (!s) errors.push({ field: `chain.${i}.source.id`, message: "No such source in your organization.", code: "unknown_source" });
    else if (s.mergedIntoId) {
      errors.push({ field: `chain.${i}.source.id`, message: `This source was merged into ${s.mergedIntoId}; use that one.`, code: "source_merged" });
    }
  });
  if (!errors.length) return null;
  const code = errors.every((e) => e.code === "source_merged") ? "source_merged" : "unknown_source";
  return new AppError(422, code, `Link ${errors.map((e) => e.field.split(".")[1]).join(", ")} of the chain names a source you cannot use.`, { errors });
}

async function resolveSources(tx: Prisma.TransactionClient, opts: ResolveChainOptions): Promise<string[]> {
  const { organizationId } = opts;
  const wanted = [...new Set(opts.chain.flatMap((l) => ("id" in l.source ? [l.source.id] : [])))];
  // FOR KEY SHARE (in id order, like a merge's FOR UPDATE): a merge of one of these sources
  // either commits first, and we see mergedIntoId, or waits until our links are written and
  // then moves them with the rest. Never a link left on a merged-away source.
  const existing = wanted.length
    ? await tx.$queryRaw<Array<{ id: string; mergedIntoId: string | null }>>`
        SELECT id, "mergedIntoId" FROM sources
        WHERE "organizationId" = CAST(${organizationId} AS uuid) AND id IN (${Prisma.join(wanted.map((id) => Prisma.sql`CAST(${id} AS uuid)`))})
        ORDER BY id FOR KEY SHARE`
    : [];
  const problem = chainSourceProblem(opts.chain, new Map(existing.map((s) => [s.id, s])));
  if (problem) throw problem;


  const ids: string[] = [];
  for (const link of opts.chain) {
    if ("id" in link.source) {
      ids.push(link.source.id);
      continue;
    }
    const n = link.source.new;
    const aliases = n.aliases ?? [];
    const source = await tx.source.create({
      data: {
        organizationId,
        id: newId(),
        name: n.name,
        aliases,
        searchText: sourceSearchText(n.name, aliases),
        type: n.type,
        wikidataId: n.wikidataId ?? null,
        country: n.country ?? null,
        description: n.description ?? null,
      },
    });
    await appendEvent(tx, organizationId, { actor: opts.actor, action: "source.created", entityType: "source", entityId: source.id, after: presentSource(source) });
    ids.push(source.id);
  }
  return ids;
}
