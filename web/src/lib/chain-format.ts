import type { ChainLink } from "../api/api-types";

const ordered = (chain: readonly ChainLink[]) => [...chain].sort((a, b) => a.position - b.position);

/** The chain on one line, speaker first: "Vladimir Putin → Kremlin press service → Kyiv Independent". */
export function chainLine(chain: readonly ChainLink[]): string {
  return ordered(chain)
    .map((l) => l.source.name)
    .join(" → ");
}

/** The speaker, if the chain names one (a chain may hold only its publisher). */
export function speakerOf(chain: readonly ChainLink[]): ChainLink | undefined {
  return chain.find((l) => l.role === "speaker");
}

/**
 * A queue row's chain: the speaker (shown in bold) and the rest of the path. A chain
 * without a speaker must not show its outlet as if it were one, so its first link is
 * not promoted, and a publisher-only chain says so.
 */
export function chainRow(chain: readonly ChainLink[]): { speaker: string | null; rest: string } {
  const speaker = speakerOf(chain);
  const others = ordered(chain).filter((l) => l !== speaker);
  const rest = chainLine(others);
  if (!speaker && others.length > 0 && others.every((l) => l.role === "publisher")) return { speaker: null, rest: `${rest} (publisher only)` };
  return { speaker: speaker?.source.name ?? null, rest };
}
