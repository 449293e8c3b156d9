import type { PrismaClient } from "../generated/prisma/client";
import { splitSentenceSpans, type SentenceSpan } from "./sentence-spans";

/** Candidates come from the trigram index at this similarity (pg_trgm `%`). */
const CANDIDATE_THRESHOLD = 0.2;
/** A candidate whose speaker is named in or next to the sentence is a match from here… */
const WITH_SPEAKER = 0.2;
/** …and one without a speaker mention only from here (it is then only the same words). */
const WITHOUT_SPEAKER = 0.4;
/** Sentences shorter than this are too short to say anything checkable. */
const MIN_SENTENCE = 15;
const MAX_MATCHES_PER_SENTENCE = 3;

export interface CheckMatch {
  sentence: SentenceSpan;
  claim: {
    id: string;
    statement: string;
    status: string;
    speaker: { id: string; name: string } | null;
    verdicts: { attribution: { key: string; label: string } | null; content: { key: string; label: string } | null };
  };
  similarity: number;
  speakerMatched: boolean;
}

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether one of the names appears, as whole words, in the text (case- and accent-insensitive). */
export function mentions(text: string, names: readonly string[]): boolean {
  const folded = fold(text);
  return names.some((n) => {
    const name = fold(n).trim();
    return name.length >= 2 && new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name)}($|[^\\p{L}\\p{N}])`, "u").test(folded);
  });
}

/**
 * Finds the sentences of a draft that repeat a known claim of the organization: trigram
 * similarity to the claim's statement (through the GIN index on claims.statement, with the
 * `%` operator), strengthened by a mention of the claim's speaker (name or alias) in the
 * sentence or the one before it, since a paraphrase keeps the speaker more often than the
 * words. All sentences go to the database in one query.
 */
export async function checkDraft(prisma: PrismaClient, organizationId: string, text: string): Promise<CheckMatch[]> {
  const sentences = splitSentenceSpans(text);
  // NUL cannot travel in jsonb or text: it is blanked for the query (offsets are unchanged).
  const probe = sentences.map((s, i) => ({ i, s })).filter(({ s }) => s.text.length >= MIN_SENTENCE);
  if (!probe.length) return [];
  const candidates = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('pg_trgm.similarity_threshold', ${String(CANDIDATE_THRESHOLD)}, true)`;
    return tx.$queryRaw<Array<{ idx: number; id: string; similarity: number }>>`
      SELECT (s.ord - 1)::int AS idx, c.id, similarity(c.statement, s.txt)::float8 AS similarity
      FROM jsonb_array_elements_text(CAST(${JSON.stringify(probe.map((p) => p.s.text.replace(/\u0000/g, " ")))} AS jsonb)) WITH ORDINALITY AS s(txt, ord)
      JOIN claims c ON c."organizationId" = CAST(${organizationId} AS uuid) AND c.statement % s.txt
      WHERE c.status <> 'archived'`;
  });
  if (!candidates.length) return [];
  const claims = await prisma.claim.findMany({
    where: { organizationId, id: { in: [...new Set(candidates.map((c) => c.id))] } },
    include: { chain: { where: { position: 0 }, include: { source: true } }, verdicts: { include: { rating: true } } },
  });
  const byId = new Map(claims.map((c) => [c.id, c]));

  const matches: CheckMatch[] = [];
  const perSentence = new Map<number, CheckMatch[]>();
  for (const cand of candidates) {
    const p = probe[cand.idx];
    const claim = byId.get(cand.id);
    if (!p || !claim) continue;
    const speaker = claim.chain[0]?.source ?? null;
    const previous = sentences[p.i - 1]?.text ?? "";
    const speakerMatched = speaker ? mentions(`${previous} ${p.s.text}`, [speaker.name, ...speaker.aliases]) : false;
    const similarity = Math.round(Number(cand.similarity) * 1e4) / 1e4;
    if (similarity < (speakerMatched ? WITH_SPEAKER : WITHOUT_SPEAKER)) continue;
    const verdict = (k: "attribution" | "content") => {
      const v = claim.verdicts.find((x) => x.kind === k);
      return v ? { key: v.rating.key, label: v.rating.label } : null;
    };
    const m: CheckMatch = {
      sentence: p.s,
      claim: {
        id: claim.id,
        statement: claim.statement,
        status: claim.status,
        speaker: speaker ? { id: speaker.id, name: speaker.name } : null,
        verdicts: { attribution: verdict("attribution"), content: verdict("content") },
      },
      similarity,
      speakerMatched,
    };
    const list = perSentence.get(p.i) ?? [];
    list.push(m);
    perSentence.set(p.i, list);
  }
  const score = (m: CheckMatch) => m.similarity + (m.speakerMatched ? 0.2 : 0);
  for (const i of [...perSentence.keys()].sort((a, b) => a - b)) {
    const list = (perSentence.get(i) ?? []).sort((a, b) => score(b) - score(a) || (a.claim.id < b.claim.id ? -1 : 1));
    matches.push(...list.slice(0, MAX_MATCHES_PER_SENTENCE));
  }
  return matches;
}
