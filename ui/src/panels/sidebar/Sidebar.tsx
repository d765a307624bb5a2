// The left sidebar: the app's name, the profiles (with their session dots and + New), the session's
// Tasks, and Settings; resizable by its edge, collapsible (Ctrl+B). Later sections (Collections,
// History, Tour) go between Tasks and Settings.
import { Splitter } from "../../components/Splitter";
import { emptyProfile, useActions, useApp } from "../../state/app";
import { SIDEBAR_MAX, SIDEBAR_MIN } from "../../state/layout";
import { ProfileList } from "../profiles/ProfileList";
import { TasksSection } from "../tasks/TasksSection";

export function Sidebar() {
  const actions = useActions();
  const profiles = useApp((s) => s.profiles);
  const selectedId = useApp((s) => s.selectedId);
  const sessions = useApp((s) => s.status?.sessions);
  const width = useApp((s) => s.layout.sidebarWidth);
  const collapsed = useApp((s) => s.layout.sidebarCollapsed);
  const loggedIn = new Set((sessions ?? []).map((b) => b.profile_id));

  if (collapsed) {
    return (
      <aside className="sidebar collapsed" aria-label="Sidebar (collapsed)">
        <button
          className="rail-button"
          onClick={() => actions.setLayout({ sidebarCollapsed: false })}
          aria-label="Show the sidebar (Ctrl+B)"
          aria-expanded={false}
          title="Show the sidebar (Ctrl+B)"
          data-testid="sidebar-toggle"
        >
          »
        </button>
      </aside>
    );
  }
  return (
    <>
      <aside className="sidebar" aria-label="Sidebar" style={{ width }} data-testid="sidebar">
        <div className="brand-row">
          <span className="brand">VCD Workbench</span>
          <button
            className="rail-button"
            onClick={() => actions.setLayout({ sidebarCollapsed: true })}
            aria-label="Hide the sidebar (Ctrl+B)"
            aria-expanded={true}
            title="Hide the sidebar (Ctrl+B)"
            data-testid="sidebar-toggle"
          >
            «
          </button>
        </div>
        {profiles && (
          <ProfileList
            profiles={profiles}
            selectedId={selectedId}
            loggedIn={loggedIn}
            onSelect={(id) => actions.selectProfile(id)}
            onNew={() => actions.edit({ profile: emptyProfile() })}
          />
        )}
        <TasksSection />
        <div className="sidebar-foot">
          <button className="link-button small" onClick={() => actions.edit({ settings: true })} data-testid="open-settings">
            Settings
          </button>
          <button className="link-button small" onClick={() => actions.showHelp(true)} data-testid="open-help">
            Shortcuts (F1)
          </button>
        </div>
      </aside>
      <Splitter
        orientation="vertical"
        label="Sidebar width"
        value={width}
        min={SIDEBAR_MIN}
        max={SIDEBAR_MAX}
        step={16}
        fromPointer={(x) => x}
        onChange={(sidebarWidth) => actions.setLayout({ sidebarWidth })}
        testId="sidebar-splitter"
      />
    </>
  );
}
