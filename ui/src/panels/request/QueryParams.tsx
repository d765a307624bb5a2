// The URL's query as a table of parameters, edited in place and written back into the URL.
import { KeyValueTable, pairsOf, rowsOf } from "../../components/KeyValueTable";

interface Props {
  url: string;
  onChange: (url: string) => void;
}

/** The URL's query as a table (`/api/query?type=vApp&page=2` → type, page): edits go back into the URL. */
export function QueryParams({ url, onChange }: Props) {
  const [base, query = ""] = splitQuery(url);
  const rows = [...new URLSearchParams(query).entries()];
  return (
    <KeyValueTable
      rows={rowsOf(rows)}
      noun="parameter"
      testId="query-params"
      onChange={(next) => {
        const q = new URLSearchParams(pairsOf(next)).toString();
        onChange(q ? `${base}?${q}` : base);
      }}
    />
  );
}

export function splitQuery(url: string): [string, string | undefined] {
  const i = url.indexOf("?");
  return i < 0 ? [url, undefined] : [url.slice(0, i), url.slice(i + 1)];
}
