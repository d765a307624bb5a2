// The selected profile's tabs across the top of the main area: the Connection tab, then request
// tabs with their method, name, a mark for unsent edits and a close button (middle-click and
// Ctrl+W close too), and + for a new one. Arrow keys move between tabs (one tab stop).
import { useRef, type KeyboardEvent } from "react";
import { tabTitle, useActions, useApp, type ProfileTabs } from "../../state/app";

export function tabDomId(tabId: number) {
  return `tab-${tabId}`;
}
export function panelDomId(tabId: number) {
  return `tabpanel-${tabId}`;
}

export function TabStrip({ profileId, tabs }: { profileId: string; tabs: ProfileTabs }) {
  const actions = useActions();
  const inFlight = useApp((s) => s.inFlight);
  const strip = useRef<HTMLDivElement>(null);

  const focusTab = (index: number) => {
    const t = tabs.tabs[(index + tabs.tabs.length) % tabs.tabs.length];
    if (!t) return;
    actions.selectTab(profileId, t.id);
    strip.current?.querySelector<HTMLElement>(`#${tabDomId(t.id)}`)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    if (e.key === "ArrowRight") focusTab(index + 1);
    else if (e.key === "ArrowLeft") focusTab(index - 1);
    else if (e.key === "Home") focusTab(0);
    else if (e.key === "End") focusTab(tabs.tabs.length - 1);
    else return;
    e.preventDefault();
  };

  return (
    <div className="tab-strip" ref={strip}>
      <div role="tablist" aria-label="Open tabs" className="tab-list">
        {tabs.tabs.map((t, i) => {
          const selected = t.id === tabs.activeId;
          const page = t.kind === "request" ? t.pages[t.at] : null;
          const method = page?.draft.method ?? "";
          return (
            <div
              key={t.id}
              role="presentation"
              className={`${t.kind === "request" ? "request-tab" : "connection-tab"}${selected ? " selected" : ""}`}
              onAuxClick={(e) => {
                if (e.button === 1) actions.closeTab(profileId, t.id);
              }}
            >
              <button
                role="tab"
                id={tabDomId(t.id)}
                aria-selected={selected}
                aria-controls={panelDomId(t.id)}
                tabIndex={selected ? 0 : -1}
                onClick={() => actions.selectTab(profileId, t.id)}
                onKeyDown={(e) => onKeyDown(e, i)}
                aria-keyshortcuts={t.kind === "request" ? "Delete Control+W" : undefined}
                data-testid={t.kind === "request" ? "request-tab" : "connection-tab"}
                title={page ? `${method} ${page.draft.url}` : "Connection: versions, log in and out"}
              >
                {page && <span className={`method method-${method.toLowerCase()}`}>{method}</span>}{" "}
                <span className="tab-name">{tabTitle(t)}</span>
                {page?.edited && (
                  <span className="unsent" aria-label="unsent edits" title="Edited since it was last sent" data-testid="unsent-mark">
                    •
                  </span>
                )}
                {inFlight[t.id] !== undefined && <span className="spinner tab-spinner" aria-label="sending" />}
              </button>
              {t.kind === "request" && (
                // Out of the tab order and hidden from assistive tech: a tablist holds only tabs, and
                // Delete or Ctrl+W on the tab closes it from the keyboard.
                <button
                  className="tab-close"
                  aria-hidden="true"
                  title="Close (Ctrl+W, middle-click)"
                  tabIndex={-1}
                  onClick={() => actions.closeTab(profileId, t.id)}
                  data-testid="close-tab"
                >
                  ×
                </button>
              )}
            </div>
          );
        })}
      </div>
      <button className="new-tab" onClick={() => void actions.newTab(profileId)} title="New tab (Ctrl+T)" aria-label="New tab" data-testid="new-tab">
        +
      </button>
    </div>
  );
}
