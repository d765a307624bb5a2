import type { DraftHeader } from "../../api/backend";

interface Props {
  headers: DraftHeader[];
  onChange: (headers: DraftHeader[]) => void;
}

/** The request's headers: prefilled ones can be changed, switched off or removed; more can be added. */
export function HeadersEditor({ headers, onChange }: Props) {
  const set = (i: number, patch: Partial<DraftHeader>) =>
    onChange(headers.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  return (
    <table className="headers-edit" data-testid="request-headers">
      <tbody>
        {headers.map((h, i) => (
          <tr key={i}>
            <td className="check">
              <input
                type="checkbox"
                checked={h.enabled}
                aria-label={`Send ${h.name || "this header"}`}
                onChange={(e) => set(i, { enabled: e.target.checked })}
              />
            </td>
            <td className="name">
              <input
                className="mono"
                value={h.name}
                placeholder="Name"
                aria-label="Header name"
                onChange={(e) => set(i, { name: e.target.value })}
              />
            </td>
            <td>
              <input
                className="mono"
                value={h.value}
                placeholder="Value"
                aria-label={`Value of ${h.name || "header"}`}
                onChange={(e) => set(i, { value: e.target.value })}
              />
            </td>
            <td className="remove">
              <button
                className="link-button small"
                aria-label={`Remove ${h.name || "header"}`}
                onClick={() => onChange(headers.filter((_, j) => j !== i))}
              >
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={4}>
            <button
              className="link-button small"
              onClick={() => onChange([...headers, { name: "", value: "", enabled: true }])}
            >
              + Add header
            </button>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
