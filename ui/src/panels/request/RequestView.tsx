// A request tab: the composer and the response, split by a draggable divider (stacked or side by
// side, Ctrl+Shift+L); each pane scrolls on its own, so the answer is in view the moment it arrives.
import { useEffect, useMemo, useRef, useState } from "react";
import type { ConnectionProfile, VariableUse } from "../../api/backend";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Spinner } from "../../components/Spinner";
import { Splitter } from "../../components/Splitter";
import { useActions, useApp, useBadge, type RequestTab } from "../../state/app";
import { Composer } from "./Composer";
import { ResponsePanel } from "../response/ResponsePanel";

const NO_VERSIONS: string[] = [];

export function RequestView({ profile, tab }: { profile: ConnectionProfile; tab: RequestTab }) {
  const actions = useActions();
  const page = tab.pages[tab.at];
  const badge = useBadge(profile.id);
  const versionsLoad = useApp((s) => s.versionLists[profile.id]);
  const chosen = useApp((s) => s.version[profile.id]);
  const inFlight = useApp((s) => s.inFlight[tab.id]);
  const largeBodyMb = useApp((s) => s.settings.large_body_mb);
  const orientation = useApp((s) => s.layout.orientation);
  const bodySplit = useApp((s) => s.layout.split);
  const noBodySplit = useApp((s) => s.layout.splitNoBody);
  const area = useRef<HTMLDivElement>(null);
  const [variables, setVariables] = useState<VariableUse[]>([]);
  const draft = page?.draft ?? null;
  const version = chosen ?? badge?.summary.version ?? "";
  // The picker offers the server's active versions (newest first, as vcd-core sorts them).
  const versions = useMemo(() => {
    const active =
      versionsLoad?.state === "loaded"
        ? versionsLoad.list.versions.filter((v) => !v.deprecated).map((v) => v.version)
        : NO_VERSIONS;
    return active.length > 0 ? active : version ? [version] : NO_VERSIONS;
  }, [versionsLoad, version]);

  // The {{names}} the draft uses, with their values (vcd-core resolves them when it sends).
  useEffect(() => {
    if (!draft || !JSON.stringify(draft).includes("{{")) {
      setVariables([]);
      return;
    }
    let live = true;
    actions
      .draftVariables(profile.id, draft)
      .then((uses) => live && setVariables(uses))
      .catch(() => live && setVariables([]));
    return () => {
      live = false;
    };
  }, [actions, profile.id, draft]);

  if (!page) return null;
  const side = orientation === "side";
  // A GET has no body to edit: stacked, its composer takes just its height until the divider moves.
  const withBody = !!page.draft.body || ["POST", "PUT", "PATCH"].includes(page.draft.method.toUpperCase());
  const fitted = !side && !withBody;
  const split = fitted ? noBodySplit : bodySplit;
  const measured = () => {
    const box = area.current?.getBoundingClientRect();
    const composer = area.current?.querySelector(".composer-pane")?.getBoundingClientRect();
    return box && composer && box.height > 0 ? composer.height / box.height : 0.25;
  };
  const fraction = (client: number) => {
    const box = area.current?.getBoundingClientRect();
    if (!box) return split ?? measured();
    return side ? (client - box.left) / box.width : (client - box.top) / box.height;
  };

  return (
    <div className={`request-view ${side ? "side" : "stacked"}`} ref={area} data-testid="workbench">
      <section
        className="pane composer-pane"
        aria-label="Request"
        style={{ flexBasis: split === null ? "auto" : `${split * 100}%` }}
        data-fitted={split === null}
      >
        <div className="pane-toolbar">
          <button onClick={() => actions.move(profile.id, tab.id, -1)} disabled={tab.at === 0} title="Back (Alt+←)" aria-label="Back" data-testid="back">
            ←
          </button>
          <button
            onClick={() => actions.move(profile.id, tab.id, 1)}
            disabled={tab.at >= tab.pages.length - 1}
            title="Forward (Alt+→)"
            aria-label="Forward"
            data-testid="forward"
          >
            →
          </button>
          <span className="muted small">
            Page {tab.at + 1} of {tab.pages.length}
          </span>
          <button
            className="orientation"
            onClick={() => actions.setLayout({ orientation: side ? "stacked" : "side" })}
            aria-pressed={side}
            title="Response beside or below the request (Ctrl+Shift+L)"
            data-testid="toggle-orientation"
          >
            {side ? "Response below" : "Response beside"}
          </button>
        </div>
        {!badge && (
          <p className="note small" role="status">
            This profile is logged out: log in on its Connection tab, then send.
          </p>
        )}
        <Composer
          key={`${tab.id}/${tab.at}`}
          draft={page.draft}
          onChange={(d) => actions.editDraft(profile.id, tab.id, d)}
          variables={variables}
          auth={page.auth}
          onAuth={(auth) => actions.editAuth(profile.id, tab.id, auth)}
          org={profile.org}
          user={profile.user}
          legacySession={badge?.summary.session_header === "legacy"}
          version={version}
          versions={versions}
          onVersion={(v) => void actions.changeVersion(profile.id, tab.id, v)}
          busy={inFlight !== undefined}
          onSend={() => void actions.send(profile.id, tab.id)}
          onCancel={() => actions.cancel(tab.id)}
          focusUrl={tab.pages.length === 1 && !page.sent && !page.error && !page.edited && tab.fresh === true}
        />
      </section>
      <Splitter
        orientation={side ? "vertical" : "horizontal"}
        label="Request and response sizes"
        value={split ?? Math.round(measured() * 100) / 100}
        min={0.15}
        max={0.85}
        step={0.05}
        fromPointer={fraction}
        onChange={(v) => actions.setLayout(fitted ? { splitNoBody: v } : { split: v })}
        testId="split"
      />
      <section className="pane response-pane" aria-label="Response area" data-testid="response-pane">
        {inFlight !== undefined && <Spinner label="Waiting for the server…" />}
        {page.error && <ErrorBanner error={page.error} />}
        {page.sent && page.error && (
          <p className="warning small" data-testid="stale-response">
            The last send failed: the answer below is the previous one, from{" "}
            {new Date(page.sent.wire[page.sent.wire.length - 1]?.started_at_ms ?? Date.now()).toLocaleTimeString()}.
          </p>
        )}
        {page.sent && (
          <div className={page.error ? "stale" : undefined} data-testid={page.error ? "stale-answer" : undefined}>
          <ResponsePanel
            sent={page.sent}
            largeBodyBytes={largeBodyMb * 1024 * 1024}
            onOpen={(t, inNewTab) => void actions.follow(profile.id, tab.id, t, inNewTab)}
            onSaveLinks={() =>
              page.sent ? actions.saveLinks(profile.id, page.sent.id, "response-links.csv") : Promise.resolve(null)
            }
          />
          </div>
        )}
        {!page.sent && !page.error && inFlight === undefined && (
          <p className="muted empty-state">Press Send (Ctrl+Enter) to see the answer, its headers and its links.</p>
        )}
      </section>
    </div>
  );
}
