interface Props {
  url: string;
  onChange: (url: string) => void;
}

/** The URL's query as a table (`/api/query?type=vApp&page=2` → type, page): edits go back into the URL. */
export function QueryParams({ url, onChange }: Props) {
  const [base, query = ""] = splitQuery(url);
  const params = [...new URLSearchParams(query).entries()];
  const write = (rows: [string, string][]) => {
    const q = new URLSearchParams(rows.filter(([k]) => k !== "")).toString();
    onChange(q ? `${base}?${q}` : base);
  };
  const set = (i: number, key: string, value: string) =>
    write(params.map((p, j) => (j === i ? [key, value] : p)) as [string, string][]);
  return (
    <table className="headers-edit" data-testid="query-params">
      <tbody>
        {params.map(([k, v], i) => (
          <tr key={i}>
            <td className="name">
              <input className="mono" value={k} aria-label="Parameter name" onChange={(e) => set(i, e.target.value, v)} />
            </td>
            <td>
              <input className="mono" value={v} aria-label={`Value of ${k}`} onChange={(e) => set(i, k, e.target.value)} />
            </td>
            <td className="remove">
              <button className="link-button small" aria-label={`Remove ${k}`} onClick={() => write(params.filter((_, j) => j !== i))}>
                Remove
              </button>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3}>
            <button className="link-button small" onClick={() => write([...params, ["name", ""]])}>
              + Add parameter
            </button>
            {params.length === 0 && <span className="muted small"> The URL has no query parameters.</span>}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

export function splitQuery(url: string): [string, string | undefined] {
  const i = url.indexOf("?");
  return i < 0 ? [url, undefined] : [url.slice(0, i), url.slice(i + 1)];
}
