import type { LinkRole, SpeechAct } from "../../api/api-types";
import { type PickedSource, SourcePicker } from "../../components/source-picker";
import { linkRoleLabels, speechActLabels } from "../../lib/format";

/** One link of a chain being built: who, in which role, with which cue and speech act. */
export interface LinkDraft {
  key: number;
  source: PickedSource | null;
  role: LinkRole;
  cue: string;
  speechAct: SpeechAct;
}

let nextKey = 1;
export const newLink = (role: LinkRole, source: PickedSource | null = null, speechAct: SpeechAct = role === "speaker" ? "asserts" : "reports"): LinkDraft => ({
  key: nextKey++,
  source,
  role,
  cue: "",
  speechAct,
});

/** A link restored from a draft gets a fresh key: keys of an earlier page load may repeat. */
export const rekey = (l: LinkDraft): LinkDraft => ({ ...l, key: nextKey++ });

/**
 * The attribution chain from the original speaker outwards. The service's rules are kept
 * by construction: the first link is the speaker, a publisher can only be last, 1–10 links.
 */
export function ChainBuilder({ links, onChange }: { links: LinkDraft[]; onChange: (links: LinkDraft[]) => void }) {
  const update = (i: number, patch: Partial<LinkDraft>) => onChange(links.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const hasPublisher = links[links.length - 1]?.role === "publisher";
  const addIntermediary = () => {
    const at = hasPublisher ? links.length - 1 : links.length;
    onChange([...links.slice(0, at), newLink("intermediary"), ...links.slice(at)]);
  };

  return (
    <fieldset class="chain-builder">
      <legend>Attribution chain (speaker first)</legend>
      <ol class="chain-drafts">
        {links.map((l, i) => {
          const last = i === links.length - 1;
          const roles: LinkRole[] = i === 0 ? ["speaker"] : last ? ["intermediary", "publisher"] : ["intermediary"];
          return (
            <li key={l.key} class="chain-draft">
              <div class="chain-draft-head">
                <strong>
                  {i + 1}. {linkRoleLabels[l.role]}
                </strong>
                {i > 0 ? (
                  <button type="button" class="button button-quiet button-small" onClick={() => onChange(links.filter((_, j) => j !== i))}>
                    Remove link {i + 1}
                  </button>
                ) : null}
              </div>
              <SourcePicker id={`link-${l.key}-source`} label={linkRoleLabels[l.role]} value={l.source} onChange={(source) => update(i, { source })} />
              <div class="field-row">
                {roles.length > 1 ? (
                  <div class="field">
                    <label for={`link-${l.key}-role`}>Role</label>
                    <select id={`link-${l.key}-role`} value={l.role} onChange={(e) => update(i, { role: e.currentTarget.value as LinkRole })}>
                      {roles.map((r) => (
                        <option key={r} value={r}>
                          {linkRoleLabels[r]}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
                <div class="field">
                  <label for={`link-${l.key}-cue`}>Cue as written (optional)</label>
                  <input id={`link-${l.key}-cue`} type="text" maxLength={300} value={l.cue} placeholder="said, according to" onInput={(e) => update(i, { cue: e.currentTarget.value })} />
                </div>
                <div class="field">
                  <label for={`link-${l.key}-act`}>Speech act</label>
                  <select id={`link-${l.key}-act`} value={l.speechAct} onChange={(e) => update(i, { speechAct: e.currentTarget.value as SpeechAct })}>
                    {Object.entries(speechActLabels).map(([k, v]) => (
                      <option key={k} value={k}>
                        {v}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      {links.length < 10 ? (
        <button type="button" class="button button-small" onClick={addIntermediary}>
          Add an intermediary
        </button>
      ) : null}
      {!hasPublisher && links.length < 10 ? (
        <button type="button" class="button button-small button-quiet" onClick={() => onChange([...links, newLink("publisher")])}>
          Add the publisher
        </button>
      ) : null}
    </fieldset>
  );
}
