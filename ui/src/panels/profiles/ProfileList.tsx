import type { ConnectionProfile } from "../../api/backend";

interface Props {
  profiles: ConnectionProfile[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function ProfileList({ profiles, selectedId, onSelect }: Props) {
  return (
    <nav aria-label="Connection profiles">
      <h2 className="sidebar-title">Profiles</h2>
      <ul className="profile-list">
        {profiles.map((p) => (
          <li key={p.id}>
            <button
              className={p.id === selectedId ? "profile selected" : "profile"}
              aria-current={p.id === selectedId}
              onClick={() => onSelect(p.id)}
            >
              <span className={p.base_url ? "dot dot-on" : "dot"} aria-hidden="true" />
              <span className="profile-name">{p.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
