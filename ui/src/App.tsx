import { useCallback, useEffect, useState } from "react";
import type { AppStatus, Backend, ConnectionProfile, ErrorReport, LoginView, Settings } from "./api/backend";
import { ErrorBanner } from "./components/ErrorBanner";
import { Spinner } from "./components/Spinner";
import { ProfileCard } from "./panels/profiles/ProfileCard";
import { ProfileEditor, emptyProfile } from "./panels/profiles/ProfileEditor";
import { ProfileList } from "./panels/profiles/ProfileList";
import { SessionPanel } from "./panels/session/SessionPanel";
import { SettingsPanel } from "./panels/settings/SettingsPanel";
import { StatusBar } from "./panels/statusbar/StatusBar";
import { VersionsPanel } from "./panels/versions/VersionsPanel";
import { Workbench } from "./panels/workbench/Workbench";
import { FactsProvider } from "./state/facts";

type Editing = null | { profile: ConnectionProfile } | { settings: true };

export function App({ backend }: { backend: Backend }) {
  const [profiles, setProfiles] = useState<ConnectionProfile[] | null>(null);
  const [bootError, setBootError] = useState<ErrorReport | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [statusAt, setStatusAt] = useState(Date.now());
  const [logins, setLogins] = useState<Record<string, LoginView>>({});
  const [editing, setEditing] = useState<Editing>(null);
  const [note, setNote] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings>({ large_body_mb: 5, max_body_mb: 2048, variables: {} });

  useEffect(() => {
    backend
      .getSettings()
      .then(setSettings)
      .catch((e) => setNote(`Settings could not be read, the defaults apply: ${(e as ErrorReport).message}`));
  }, [backend]);

  const refresh = useCallback(async () => {
    try {
      const [list, st] = await Promise.all([backend.listProfiles(), backend.appStatus()]);
      setProfiles(list);
      setStatus(st);
      setStatusAt(Date.now());
      setSelectedId((current) => (current && list.some((p) => p.id === current) ? current : (list[0]?.id ?? null)));
    } catch (err) {
      setBootError(err as ErrorReport);
    }
  }, [backend]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "n") {
        e.preventDefault();
        setEditing({ profile: emptyProfile() });
      } else if (e.key === "Escape") {
        setEditing(null);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const profile = profiles?.find((p) => p.id === selectedId) ?? null;
  const loggedIn = new Set((status?.sessions ?? []).map((s) => s.profile_id));
  const badge = (status?.sessions ?? []).find((s) => s.profile_id === selectedId) ?? null;

  return (
    <FactsProvider backend={backend}>
      <div className="app">
        <aside className="sidebar">
          <div className="brand">VCD Workbench</div>
          {profiles && (
            <ProfileList
              profiles={profiles}
              selectedId={selectedId}
              loggedIn={loggedIn}
              onSelect={(id) => {
                setSelectedId(id);
                setEditing(null);
              }}
              onNew={() => setEditing({ profile: emptyProfile() })}
            />
          )}
          <button className="link-button small settings-link" onClick={() => setEditing({ settings: true })} data-testid="open-settings">
            Settings
          </button>
        </aside>
        <main className="main">
          {bootError && <ErrorBanner error={bootError} />}
          {!bootError && !profiles && <Spinner label="Loading profiles…" />}
          {note && (
            <p className="note" role="status">
              {note}{" "}
              <button className="link-button" onClick={() => setNote(null)}>
                OK
              </button>
            </p>
          )}
          {editing && "settings" in editing ? (
            <SettingsPanel
              settings={settings}
              backend={backend}
              onClose={() => setEditing(null)}
              onSaved={(saved) => {
                setSettings(saved);
                setEditing(null);
                setNote("Settings saved.");
              }}
            />
          ) : editing ? (
            <ProfileEditor
              key={editing.profile.id || "new"}
              initial={editing.profile}
              backend={backend}
              onCancel={() => setEditing(null)}
              onSaved={(saved, savedNote) => {
                setEditing(null);
                setNote(savedNote);
                setSelectedId(saved.id);
                setLogins(({ [saved.id]: _, ...rest }) => rest);
                void refresh();
              }}
              onDeleted={() => {
                setEditing(null);
                setSelectedId(null);
                void refresh();
              }}
            />
          ) : (
            profile && (
              <div className="profile-view" key={profile.id}>
                <ProfileCard
                  profile={profile}
                  simulator={status?.simulator ?? null}
                  onEdit={profile.builtin_simulator ? undefined : () => setEditing({ profile })}
                />
                <SessionPanel
                  profile={profile}
                  backend={backend}
                  login={badge ? (logins[profile.id] ?? null) : null}
                  onLoggedIn={(view) => {
                    setLogins((l) => ({ ...l, [profile.id]: view }));
                    void refresh();
                  }}
                  onLoggedOut={() => {
                    setLogins(({ [profile.id]: _, ...rest }) => rest);
                    void refresh();
                  }}
                />
                {badge && (
                  <Workbench
                    key={`${profile.id}/${badge.summary.version}`}
                    profileId={profile.id}
                    backend={backend}
                    org={profile.org}
                    user={profile.user}
                    legacySession={profile.session_header === "legacy" && badge.summary.legacy_token}
                    version={badge.summary.version}
                    largeBodyBytes={settings.large_body_mb * 1024 * 1024}
                    onUsed={() => void refresh()}
                  />
                )}
                <VersionsPanel profile={profile} backend={backend} onSettled={refresh} />
              </div>
            )
          )}
          {profiles && profiles.length === 0 && <p className="empty-state">No connection profiles.</p>}
        </main>
        <StatusBar status={status} badge={badge} fetchedAt={statusAt} />
      </div>
    </FactsProvider>
  );
}
