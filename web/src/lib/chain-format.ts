import type { ChainLink } from "../api/api-types";

/** The chain on one line, speaker first: "Vladimir Putin → Kremlin press service → Kyiv Independent". */
export function chainLine(chain: readonly ChainLink[]): string {
  return [...chain].sort((a, b) => a.position - b.position).map((l) => l.source.name).join(" → ");
}

/** The speaker (chain position 0), if the chain has one. */
export function speakerOf(chain: readonly ChainLink[]): ChainLink | undefined {
  return chain.find((l) => l.position === 0) ?? chain[0];
}
