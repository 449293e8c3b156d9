import { useEffect, useRef } from "preact/hooks";
import { activeShortcuts, globalShortcuts, helpOpen } from "../lib/shortcuts";
import { useStore } from "../lib/store";

/** The list of keyboard shortcuts of the current screen, as a modal dialog (Escape closes). */
export function HelpOverlay() {
  const open = useStore(helpOpen);
  const shortcuts = useStore(activeShortcuts);
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      returnFocus.current = document.activeElement;
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  const onClose = () => {
    helpOpen.set(false);
    if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  };

  return (
    // Escape fires cancel synchronously and close a task later: update the store on cancel
    // so that "?" pressed right after Escape opens the list again.
    <dialog ref={ref} class="help-overlay" aria-labelledby="help-title" onCancel={() => helpOpen.set(false)} onClose={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <p class="muted">They work when the cursor is not in a text field.</p>
      <dl class="shortcut-list">
        {[...shortcuts, ...globalShortcuts].map((s) => (
          <div key={s.keys} class="shortcut-row">
            <dt>
              <kbd>{s.keys}</kbd>
            </dt>
            <dd>{s.description}</dd>
          </div>
        ))}
        <div class="shortcut-row">
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>Close this list</dd>
        </div>
      </dl>
      <button class="button" type="button" autofocus onClick={() => ref.current?.close()}>
        Close
      </button>
    </dialog>
  );
}
