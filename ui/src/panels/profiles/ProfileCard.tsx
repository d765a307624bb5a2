// Who and where a profile connects as: address, org, user, how it logs in and trusts the server.
import type { ConnectionProfile, SimulatorStatus } from "../../api/backend";
import { describeTrust } from "../../components/trust";

interface Props {
  profile: ConnectionProfile;
  simulator: SimulatorStatus | null;
  onEdit?: () => void;
}

/** Who and where: the selected profile's address, login and certificate trust. */
export function ProfileCard({ profile, simulator, onEdit }: Props) {
  const who =
    profile.auth === "api_token" ? `API token for ${profile.org || "?"}` : `${profile.user || "?"}@${profile.org || "?"}`;
  return (
    <header className="profile-card">
      <div>
        <h1 id="profile-title">{profile.name}</h1>
        <p className={profile.base_url ? "muted mono" : "muted"} data-testid="profile-url">
          {profile.base_url ||
            (profile.builtin_simulator
              ? "The simulator starts on a free local port when you first use this profile."
              : "No address")}
        </p>
        <p className="muted small">
          {who}
          {profile.base_url && <> · {describeTrust(profile.trust)}</>}
        </p>
        {profile.builtin_simulator && simulator && (
          <p className="small demo-creds" data-testid="demo-credentials">
            Demo logins (the simulator's, not secrets): {simulator.demo.user}@{simulator.demo.org} /{" "}
            <code>{simulator.demo.password}</code> · API token <code>{simulator.demo.api_token}</code> · provider{" "}
            {simulator.demo.provider_user}@System / <code>{simulator.demo.provider_password}</code>
          </p>
        )}
      </div>
      {onEdit && (
        <div className="actions">
          <button onClick={onEdit}>Edit profile</button>
        </div>
      )}
    </header>
  );
}
