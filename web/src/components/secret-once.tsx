import { useEffect, useRef, useState } from "preact/hooks";

/** A secret the service shows only once (API key, webhook signing secret): copy it now. */
export function SecretOnce({ id, what, secret, onDone }: { id: string; what: string; secret: string; onDone: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, [secret]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("Copied to the clipboard.");
    } catch {
      ref.current?.select();
      setCopied("The secret is selected: copy it with Ctrl+C (⌘C).");
    }
  };
  return (
    <div class="notice notice-warn secret-box" role="alert">
      <p>
        <strong>Copy {what} now: it is shown only this once.</strong> ClaimTrail cannot show it again.
      </p>
      <label for={id}>{what.charAt(0).toUpperCase() + what.slice(1)}</label>
      <div class="search-row">
        <input id={id} ref={ref} readOnly value={secret} class="mono" />
        <button type="button" class="button" onClick={copy}>
          Copy
        </button>
        <button type="button" class="button button-quiet" onClick={onDone}>
          I have stored it
        </button>
      </div>
      {copied ? <p role="status">{copied}</p> : null}
    </div>
  );
}
