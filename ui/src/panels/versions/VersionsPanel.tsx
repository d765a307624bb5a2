import { useCallback, useEffect, useState } from "react";
import type { Backend, ConnectionProfile, ErrorReport, VersionList } from "../../api/backend";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Spinner } from "../../components/Spinner";
import { VersionsTable } from "./VersionsTable";

interface Props {
  profile: ConnectionProfile;
  backend: Pick<Backend, "getVersions">;
  /** Called after each attempt, so the status bar can refresh (the simulator may have started). */
  onSettled?: () => void;
}

type Load =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "loaded"; list: VersionList }
  | { state: "failed"; error: ErrorReport };

export function VersionsPanel({ profile, backend, onSettled }: Props) {
  const [load, setLoad] = useState<Load>({ state: "idle" });
  const [selected, setSelected] = useState<string | null>(null);

  const fetchVersions = useCallback(async () => {
    setLoad({ state: "loading" });
    try {
      const list = await backend.getVersions(profile.id);
      setLoad({ state: "loaded", list });
      setSelected(list.default ?? list.versions[0]?.version ?? null);
    } catch (err) {
      setLoad({ state: "failed", error: err as ErrorReport });
    } finally {
      onSettled?.();
    }
  }, [backend, profile.id, onSettled]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
        e.preventDefault();
        void fetchVersions();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [fetchVersions]);

  const list = load.state === "loaded" ? load.list : null;
  const chosen = list?.versions.find((v) => v.version === selected) ?? null;
  const activeCount = list?.versions.filter((v) => !v.deprecated).length ?? 0;

  return (
    <section className="panel" aria-labelledby="versions-title">
      <header className="section-head">
        <h2 id="versions-title">API versions</h2>
        <div className="actions">
          <button
            className="primary"
            onClick={() => void fetchVersions()}
            disabled={load.state === "loading"}
            data-testid="get-versions"
            title="GET /api/versions (Ctrl+Enter)"
          >
            Get versions
          </button>
          <kbd className="hint">Ctrl+Enter</kbd>
        </div>
      </header>

      {load.state === "idle" && (
        <div className="empty-state">
          <p>
            Every VCD session starts by asking the server which API versions it speaks:
            <code> GET /api/versions</code> needs no login.
          </p>
          <p>Press <strong>Get versions</strong> to ask {profile.builtin_simulator ? "the built-in simulator" : "this server"}.</p>
        </div>
      )}
      {load.state === "loading" && (
        <div className="loading">
          <Spinner label={`Asking ${profile.base_url || "the simulator"} for its API versions…`} />
        </div>
      )}
      {load.state === "failed" && (
        <ErrorBanner error={load.error} onDismiss={() => setLoad({ state: "idle" })} />
      )}
      {list && (
        <>
          <div className="accept-box" data-testid="accept-box">
            <div>
              <span className="label">Requests to /api/… will send</span>
              <code className="accept" data-testid="accept-header">
                Accept: {chosen ? chosen.accept_header : "—"}
              </code>
            </div>
            <p className="muted small" data-testid="versions-summary">
              {list.versions.length} versions, {activeCount} active · default{" "}
              <strong>{list.default ?? "none (all deprecated)"}</strong>
              {chosen && chosen.version !== list.default && <> · you picked {chosen.version}</>}
            </p>
          </div>
          <div className="table-wrap">
            <VersionsTable list={list} selected={selected} onSelect={setSelected} />
          </div>
        </>
      )}
    </section>
  );
}
