// Every keyboard shortcut of the window, in one table: the one window listener (installKeymap)
// dispatches from it, and the help (F1 / Ctrl+/) lists it. No component listens on the window.
import type { App, AppState } from "./app";
import { currentPage, emptyProfile } from "./app";

export interface Binding {
  /** As the help shows it. */
  keys: string;
  does: string;
  matches: (e: KeyboardEvent) => boolean;
  run: (app: App) => void;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const key = (e: KeyboardEvent, k: string) => e.key.toLowerCase() === k;
/** Tab, also as GTK reports it with Shift held (ISO_Left_Tab). */
const isTab = (e: KeyboardEvent) => e.key === "Tab" || e.code === "Tab" || e.keyCode === 9;

/** The selected profile and its active tab, when there is one. */
function active(state: AppState) {
  const profileId = state.selectedId;
  const tabs = profileId ? state.tabs[profileId] : undefined;
  const tab = tabs?.tabs.find((t) => t.id === tabs.activeId);
  return { profileId, tab };
}

function withActive(app: App, then: (profileId: string, tabId: number) => void) {
  const { profileId, tab } = active(app.store.get());
  if (profileId && tab) then(profileId, tab.id);
}

export const KEYMAP: Binding[] = [
  {
    keys: "Ctrl+Enter",
    does: "Send the request (on the Connection tab: get the versions)",
    matches: (e) => mod(e) && e.key === "Enter",
    run: (app) =>
      withActive(app, (p, t) => {
        const { tab } = active(app.store.get());
        if (currentPage(tab)) void app.actions.send(p, t);
        else if (tab?.kind === "connection") void app.actions.fetchVersions(p);
      }),
  },
  {
    keys: "Ctrl+T",
    does: "New request tab",
    matches: (e) => mod(e) && !e.shiftKey && key(e, "t"),
    run: (app) => {
      const p = app.store.get().selectedId;
      if (p) void app.actions.newTab(p);
    },
  },
  {
    keys: "Ctrl+W",
    does: "Close the tab (the Connection tab stays)",
    matches: (e) => mod(e) && key(e, "w"),
    run: (app) => withActive(app, (p, t) => app.actions.closeTab(p, t)),
  },
  {
    keys: "Delete (on a tab)",
    does: "Close that tab",
    matches: (e) =>
      e.key === "Delete" && !mod(e) && e.target instanceof Element && e.target.closest(".tab-list [role=tab]") !== null,
    run: (app) => withActive(app, (p, t) => app.actions.closeTab(p, t)),
  },
  {
    keys: "Ctrl+Tab",
    does: "Next tab",
    matches: (e) => e.ctrlKey && !e.shiftKey && isTab(e),
    run: (app) => withActive(app, (p) => app.actions.cycleTab(p, 1)),
  },
  {
    keys: "Ctrl+Shift+Tab",
    does: "Previous tab",
    matches: (e) => e.ctrlKey && e.shiftKey && isTab(e),
    run: (app) => withActive(app, (p) => app.actions.cycleTab(p, -1)),
  },
  {
    keys: "Alt+←",
    does: "Back to the previous page of the tab",
    matches: (e) => e.altKey && e.key === "ArrowLeft",
    run: (app) => withActive(app, (p, t) => app.actions.move(p, t, -1)),
  },
  {
    keys: "Alt+→",
    does: "Forward to the next page of the tab",
    matches: (e) => e.altKey && e.key === "ArrowRight",
    run: (app) => withActive(app, (p, t) => app.actions.move(p, t, 1)),
  },
  {
    keys: "Ctrl+N",
    does: "New connection profile",
    matches: (e) => mod(e) && key(e, "n"),
    run: (app) => app.actions.edit({ profile: emptyProfile() }),
  },
  {
    keys: "Ctrl+B",
    does: "Show or hide the sidebar",
    matches: (e) => mod(e) && key(e, "b"),
    run: (app) => app.actions.setLayout({ sidebarCollapsed: !app.store.get().layout.sidebarCollapsed }),
  },
  {
    keys: "Ctrl+Shift+L",
    does: "Response below or beside the request",
    matches: (e) => mod(e) && e.shiftKey && key(e, "l"),
    run: (app) =>
      app.actions.setLayout({ orientation: app.store.get().layout.orientation === "stacked" ? "side" : "stacked" }),
  },
  {
    keys: "Ctrl++",
    does: "Zoom in",
    matches: (e) => mod(e) && (e.key === "+" || e.key === "="),
    run: (app) => void app.actions.zoom(1),
  },
  {
    keys: "Ctrl+-",
    does: "Zoom out",
    matches: (e) => mod(e) && (e.key === "-" || e.key === "_"),
    run: (app) => void app.actions.zoom(-1),
  },
  {
    keys: "Ctrl+0",
    does: "Actual size",
    matches: (e) => mod(e) && e.key === "0",
    run: (app) => void app.actions.zoom(0),
  },
  {
    keys: "F1 or Ctrl+/",
    does: "Show these shortcuts",
    matches: (e) => e.key === "F1" || (mod(e) && e.key === "/"),
    run: (app) => app.actions.showHelp(!app.store.get().helpOpen),
  },
  {
    keys: "Esc",
    does: "Close the help, the profile editor or Settings",
    matches: (e) => e.key === "Escape",
    run: (app) => {
      if (app.store.get().helpOpen) app.actions.showHelp(false);
      else app.actions.edit(null);
    },
  },
];

/** The window's one keyboard listener. Returns the function that removes it. */
export function installKeymap(app: App): () => void {
  const onKey = (e: KeyboardEvent) => {
    // An editor that handled the key (CodeMirror's Ctrl+Enter) has said so.
    if (e.defaultPrevented) return;
    const binding = KEYMAP.find((b) => b.matches(e));
    if (!binding) return;
    e.preventDefault();
    binding.run(app);
  };
  window.addEventListener("keydown", onKey);
  return () => window.removeEventListener("keydown", onKey);
}
