// The shortcuts help (F1 / Ctrl+/): the keymap table as it is, so it cannot fall out of date.
import { useEffect, useRef } from "react";
import { useActions } from "../../state/app";
import { KEYMAP } from "../../state/keymap";

export function KeymapHelp() {
  const actions = useActions();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="dialog-backdrop" onClick={() => actions.showHelp(false)}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="keymap-title"
        className="dialog"
        onClick={(e) => e.stopPropagation()}
        data-testid="keymap-help"
      >
        <div className="section-head">
          <h2 id="keymap-title">Keyboard shortcuts</h2>
          <button ref={close} onClick={() => actions.showHelp(false)}>
            Close (Esc)
          </button>
        </div>
        <table className="keymap-table">
          <tbody>
            {KEYMAP.map((b) => (
              <tr key={b.keys}>
                <th scope="row">
                  <kbd>{b.keys}</kbd>
                </th>
                <td>{b.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
