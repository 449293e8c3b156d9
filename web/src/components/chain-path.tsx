import type { ChainLink } from "../api/api-types";
import { linkRoleLabels, speechActLabels } from "../lib/format";
import { href } from "../router";

/**
 * The attribution chain as a readable path, speaker first: who, in what role, with the
 * cue verb as written in the article and the speech act it performs.
 */
export function ChainPath({ chain }: { chain: readonly ChainLink[] }) {
  const links = [...chain].sort((a, b) => a.position - b.position);
  if (links.length === 0) return <p class="muted">No attribution chain recorded.</p>;
  return (
    <ol class="chain-path" aria-label="Attribution chain, from the original speaker outwards">
      {links.map((l, i) => (
        <li key={l.position} class={`chain-link chain-${l.role}`}>
          <span class="chain-role">{linkRoleLabels[l.role]}</span>
          <a class="chain-source" href={href(`sources/${l.source.id}`)}>
            {l.source.name}
          </a>
          <span class="chain-act">
            {speechActLabels[l.speechAct]}
            {l.cue ? (
              <>
                {" "}
                — cue <q class="chain-cue">{l.cue}</q>
              </>
            ) : (
              <span class="muted"> — no cue in the text</span>
            )}
          </span>
          {i < links.length - 1 ? (
            <span class="chain-arrow" aria-hidden="true">
              →
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
