// The window: the sidebar, the selected profile's tabs and the active tab's view (Connection or a
// request) filling the main area, the profile editor or Settings over it when open, and the status
// bar. The page never scrolls; each pane does.
import { useEffect, useMemo } from "react";
import type { Backend } from "./api/backend";
import { ErrorBanner } from "./components/ErrorBanner";
import { Spinner } from "./components/Spinner";
import { ConnectionView } from "./panels/connection/ConnectionView";
import { KeymapHelp } from "./panels/help/KeymapHelp";
import { ProfileEditor } from "./panels/profiles/ProfileEditor";
import { RequestView } from "./panels/request/RequestView";
import { SettingsPanel } from "./panels/settings/SettingsPanel";
import { Sidebar } from "./panels/sidebar/Sidebar";
import { StatusBar } from "./panels/statusbar/StatusBar";
import { TabStrip, panelDomId, tabDomId } from "./panels/tabs/TabStrip";
import { AppContext, createApp, taskTitle, useActions, useApp, useBadge } from "./state/app";
import { installKeymap } from "./state/keymap";

export function App({ backend }: { backend: Backend }) {
  const app = useMemo(() => createApp(backend), [backend]);
  useEffect(() => installKeymap(app), [app]);
  useEffect(() => {
    void app.actions.boot();
  }, [app]);
  return (
    <AppContext.Provider value={app}>
      <Window />
    </AppContext.Provider>
  );
}

function Window() {
  const status = useApp((s) => s.status);
  const statusAt = useApp((s) => s.statusAt);
  const selectedId = useApp((s) => s.selectedId);
  const helpOpen = useApp((s) => s.helpOpen);
  const badge = useBadge(selectedId);
  return (
    <div className="app">
      <Sidebar />
      <main className="main" aria-label="Workbench">
        <Main />
      </main>
      <StatusBar status={status} badge={badge} fetchedAt={statusAt} />
      {helpOpen && <KeymapHelp />}
    </div>
  );
}

function Main() {
  const actions = useActions();
  const profiles = useApp((s) => s.profiles);
  const bootError = useApp((s) => s.bootError);
  const selectedId = useApp((s) => s.selectedId);
  const editing = useApp((s) => s.editing);
  const note = useApp((s) => s.note);
  const endedTask = useApp((s) => s.endedTask);
  const settings = useApp((s) => s.settings);
  const tabs = useApp((s) => (s.selectedId ? s.tabs[s.selectedId] : undefined));
  const profile = profiles?.find((p) => p.id === selectedId) ?? null;

  if (bootError) return <ErrorBanner error={bootError} />;
  if (!profiles) return <Spinner label="Loading profiles…" />;
  const noteLine = note && (
    <p className="note" role="status">
      {note}{" "}
      <button className="link-button" onClick={() => actions.setNote(null)}>
        OK
      </button>
    </p>
  );
  const endedOwner = endedTask?.task.owner ?? null;
  const taskLine = endedTask && (
    <p className={endedTask.task.status === "success" ? "note" : "warning"} role="status" data-testid="task-notice">
      {taskTitle(endedTask)}: {endedTask.task.status === "success" ? "done" : endedTask.task.status}
      {endedTask.task.error ? ` (${endedTask.task.error.message})` : ""}.{" "}
      {endedOwner && (
        <button
          className="link-button"
          onClick={() => {
            actions.dismissEndedTask();
            void actions.reloadEntity(endedTask.profile_id, endedOwner.href, endedOwner.name);
          }}
          data-testid="task-notice-reload"
        >
          Reload {endedOwner.name ?? "the entity"}
        </button>
      )}{" "}
      <button className="link-button" onClick={() => actions.dismissEndedTask()}>
        OK
      </button>
    </p>
  );
  if (editing) {
    return (
      <div className="pane overlay-pane">
        {noteLine}
        {"settings" in editing ? (
          <SettingsPanel
            settings={settings}
            onClose={() => actions.edit(null)}
            onSaved={() => {
              actions.edit(null);
              actions.setNote("Settings saved.");
            }}
          />
        ) : (
          <ProfileEditor
            key={editing.profile.id || "new"}
            initial={editing.profile}
            onCancel={() => actions.edit(null)}
            onSaved={(saved, savedNote) => {
              actions.setNote(savedNote);
              actions.forgetLogin(saved.id);
              actions.selectProfile(saved.id);
              void actions.refresh();
            }}
            onDeleted={() => {
              actions.edit(null);
              void actions.refresh();
            }}
          />
        )}
      </div>
    );
  }
  if (!profile || !tabs) return <p className="empty-state">No connection profiles.</p>;
  const tab = tabs.tabs.find((t) => t.id === tabs.activeId) ?? tabs.tabs[0];
  return (
    <>
      <TabStrip profileId={profile.id} tabs={tabs} />
      {noteLine}
      {taskLine}
      {tab && (
        <div
          role="tabpanel"
          id={panelDomId(tab.id)}
          aria-labelledby={tabDomId(tab.id)}
          className="tab-panel"
          key={`${profile.id}/${tab.id}`}
        >
          {tab.kind === "connection" ? (
            <div className="pane connection-pane">
              <ConnectionView profile={profile} />
            </div>
          ) : (
            <RequestView profile={profile} tab={tab} />
          )}
        </div>
      )}
    </>
  );
}
