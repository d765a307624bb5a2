// The sidebar's profiles, each with a dot for a live session, and + New.
import type { ConnectionProfile } from "../../api/backend";

interface Props {
  profiles: ConnectionProfile[];
  selectedId: string | null;
  loggedIn: Set<string>;
  onSelect: (id: string) => void;
  onNew: () => void;
}

export function ProfileList({ profiles, selectedId, loggedIn, onSelect, onNew }: Props) {
  return (
    <nav aria-label="Connection profiles">
      <div className="sidebar-head">
        <h2 className="sidebar-title">Profiles</h2>
        <button className="link-button small" onClick={onNew} data-testid="new-profile" title="New profile (Ctrl+N)">
          + New
        </button>
      </div>
      <ul className="profile-list">
        {profiles.map((p) => (
          <li key={p.id}>
            <button
              className={p.id === selectedId ? "profile selected" : "profile"}
              aria-current={p.id === selectedId}
              onClick={() => onSelect(p.id)}
              title={loggedIn.has(p.id) ? "Logged in" : "Not logged in"}
            >
              <span className={loggedIn.has(p.id) ? "dot dot-on" : "dot"} aria-hidden="true" />
              <span className="profile-name">{p.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
