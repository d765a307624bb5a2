// Name/value rows edited in place, added and removed: query parameters, variables, and (with a
// switch per row) the request's headers. One table for all of them.

/** A row; `enabled` is shown as a switch only when the table is `switchable`. */
export interface KeyValueRow {
  name: string;
  value: string;
  enabled: boolean;
}

/** Rows from name/value pairs (all enabled), and back: pairs without a name are dropped. */
export const rowsOf = (pairs: [string, string][]): KeyValueRow[] =>
  pairs.map(([name, value]) => ({ name, value, enabled: true }));
export const pairsOf = (rows: KeyValueRow[]): [string, string][] =>
  rows.filter((r) => r.name.trim() !== "").map((r) => [r.name, r.value]);

interface Props {
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  /** What a row is called ("parameter", "variable", "header"). */
  noun: string;
  /** A switch per row: whether it is used (sent), without removing it. */
  switchable?: boolean;
  /** What an added row starts with; by default it is named "name", so that a table kept as
   * pairs (which drop unnamed rows) shows it. */
  blank?: KeyValueRow;
  testId?: string;
}

export function KeyValueTable({ rows, onChange, noun, switchable = false, blank, testId }: Props) {
  const set = (i: number, patch: Partial<KeyValueRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const label = (r: KeyValueRow) => r.name || `this ${noun}`;
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <table className="headers-edit" data-testid={testId}>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {switchable && (
              <td className="check">
                <input
                  type="checkbox"
                  checked={r.enabled}
                  aria-label={`Send ${label(r)}`}
                  onChange={(e) => set(i, { enabled: e.target.checked })}
                />
              </td>
            )}
            <td className="name">
              <input
                className="mono"
                value={r.name}
                placeholder="Name"
                aria-label={`${Noun} name`}
                onChange={(e) => set(i, { name: e.target.value })}
              />
            </td>
            <td>
              <input
                className="mono"
                value={r.value}
                placeholder="Value"
                aria-label={`Value of ${label(r)}`}
                onChange={(e) => set(i, { value: e.target.value })}
              />
            </td>
            <td className="remove">
              <button
                className="link-button small"
                aria-label={`Remove ${label(r)}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={switchable ? 4 : 3}>
            <button
              className="link-button small"
              onClick={() => onChange([...rows, blank ?? { name: "name", value: "", enabled: true }])}
            >
              + Add {noun}
            </button>
            {rows.length === 0 && <span className="muted small"> None yet.</span>}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
