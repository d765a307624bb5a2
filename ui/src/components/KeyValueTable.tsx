interface Props {
  rows: [string, string][];
  onChange: (rows: [string, string][]) => void;
  /** What a row is called ("parameter", "variable"). */
  noun: string;
  testId?: string;
}

/** Name/value rows that can be edited, added and removed: query parameters, profile variables. */
export function KeyValueTable({ rows, onChange, noun, testId }: Props) {
  const set = (i: number, key: string, value: string) =>
    onChange(rows.map((r, j) => (j === i ? [key, value] : r)));
  return (
    <table className="headers-edit" data-testid={testId}>
      <tbody>
        {rows.map(([k, v], i) => (
          <tr key={i}>
            <td className="name">
              <input className="mono" value={k} aria-label={`${noun} name`} onChange={(e) => set(i, e.target.value, v)} />
            </td>
            <td>
              <input className="mono" value={v} aria-label={`Value of ${k}`} onChange={(e) => set(i, k, e.target.value)} />
            </td>
            <td className="remove">
              <button className="link-button small" aria-label={`Remove ${k}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3}>
            <button className="link-button small" onClick={() => onChange([...rows, ["name", ""]])}>
              + Add {noun}
            </button>
            {rows.length === 0 && <span className="muted small"> None yet.</span>}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
