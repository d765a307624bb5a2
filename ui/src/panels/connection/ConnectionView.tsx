// The Connection tab of a profile: who and where (the profile card), log in and out with the
// login exchange, mapping the API from the session's links, and the versions the server offers.
import type { ConnectionProfile } from "../../api/backend";
import { useActions, useApp, useBadge } from "../../state/app";
import { ProfileCard } from "../profiles/ProfileCard";
import { SessionPanel } from "../session/SessionPanel";
import { VersionsPanel } from "../versions/VersionsPanel";
import { LinkTools } from "./LinkTools";

export function ConnectionView({ profile }: { profile: ConnectionProfile }) {
  const actions = useActions();
  const simulator = useApp((s) => s.status?.simulator ?? null);
  const login = useApp((s) => s.logins[profile.id] ?? null);
  const revision = useApp((s) => s.revision);
  const badge = useBadge(profile.id);
  return (
    <div className="connection-view" data-testid="connection-view">
      <ProfileCard
        profile={profile}
        simulator={simulator}
        onEdit={profile.builtin_simulator ? undefined : () => actions.edit({ profile })}
      />
      <SessionPanel profile={profile} login={badge ? login : null} />
      {badge && <LinkTools profileId={profile.id} revision={revision} />}
      <VersionsPanel profile={profile} />
    </div>
  );
}
