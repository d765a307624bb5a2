import { useCallback, useEffect, useState } from "react";
import type { AppStatus, Backend, ConnectionProfile, ErrorReport } from "./api/backend";
import { ErrorBanner } from "./components/ErrorBanner";
import { Spinner } from "./components/Spinner";
import { ProfileList } from "./panels/profiles/ProfileList";
import { StatusBar } from "./panels/statusbar/StatusBar";
import { VersionsPanel } from "./panels/versions/VersionsPanel";

export function App({ backend }: { backend: Backend }) {
  const [profiles, setProfiles] = useState<ConnectionProfile[] | null>(null);
  const [bootError, setBootError] = useState<ErrorReport | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [status, setStatus] = useState<AppStatus | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [list, st] = await Promise.all([backend.listProfiles(), backend.appStatus()]);
      setProfiles(list);
      setStatus(st);
      setSelectedId((current) => current ?? list[0]?.id ?? null);
    } catch (err) {
      setBootError(err as ErrorReport);
    }
  }, [backend]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const profile = profiles?.find((p) => p.id === selectedId) ?? null;

  return (
    <div className="app">
      <aside className="sidebar">
        <div className="brand">VCD Workbench</div>
        {profiles && <ProfileList profiles={profiles} selectedId={selectedId} onSelect={setSelectedId} />}
      </aside>
      <main className="main">
        {bootError && <ErrorBanner error={bootError} />}
        {!bootError && !profiles && <Spinner label="Loading profiles…" />}
        {profile && (
          <VersionsPanel key={profile.id} profile={profile} backend={backend} onSettled={refresh} />
        )}
        {profiles && profiles.length === 0 && <p className="empty-state">No connection profiles.</p>}
      </main>
      <StatusBar status={status} />
    </div>
  );
}
