// The API versions a server offers, newest first, with release, state and login URL; a row picks
// the version.
import type { VersionEntry, VersionList } from "../../api/backend";

interface Props {
  list: VersionList;
  selected: string | null;
  onSelect: (version: string) => void;
}

function stateOf(entry: VersionEntry, list: VersionList): { label: string; className: string } {
  if (entry.version === list.default) return { label: "default", className: "badge-default" };
  if (entry.deprecated) return { label: "deprecated", className: "badge-muted" };
  return { label: "active", className: "badge-ok" };
}

/** The server's versions, newest first; a row click picks the version the Accept header uses. */
export function VersionsTable({ list, selected, onSelect }: Props) {
  return (
    <table className="versions-table" data-testid="versions-table">
      <thead>
        <tr>
          <th scope="col">API version</th>
          <th scope="col">VCD release</th>
          <th scope="col">State</th>
          <th scope="col">Login URL</th>
        </tr>
      </thead>
      <tbody>
        {list.versions.map((entry) => {
          const state = stateOf(entry, list);
          const isSelected = entry.version === selected;
          return (
            <tr
              key={entry.version}
              className={`${isSelected ? "selected" : ""} ${entry.deprecated ? "deprecated" : ""}`}
              aria-selected={isSelected}
              tabIndex={0}
              onClick={() => onSelect(entry.version)}
              onKeyDown={(e) => {
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  onSelect(entry.version);
                }
              }}
              data-version={entry.version}
            >
              <td className="mono">{entry.version}</td>
              <td>{entry.release ? `VCD ${entry.release}` : "—"}</td>
              <td>
                <span className={`badge ${state.className}`}>{state.label}</span>
              </td>
              <td className="mono url">
                {entry.login_url}
                {entry.provider_login_url && (
                  <span className="provider-url">provider: {entry.provider_login_url}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
