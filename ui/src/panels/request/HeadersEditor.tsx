// The request's headers: prefilled ones can be changed, switched off or removed; more can be added.
import type { DraftHeader } from "../../api/backend";
import { KeyValueTable } from "../../components/KeyValueTable";

interface Props {
  headers: DraftHeader[];
  onChange: (headers: DraftHeader[]) => void;
}

export function HeadersEditor({ headers, onChange }: Props) {
  return (
    <KeyValueTable
      rows={headers}
      onChange={onChange}
      noun="header"
      switchable
      blank={{ name: "", value: "", enabled: true }}
      testId="request-headers"
    />
  );
}
