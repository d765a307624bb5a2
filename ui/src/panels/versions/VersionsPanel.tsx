// The Connection tab's versions: GET /api/versions for the profile, the table, and the Accept
// header requests will carry.
import type { ConnectionProfile } from "../../api/backend";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Spinner } from "../../components/Spinner";
import { useActions, useApp, versionToUse, type VersionsLoad } from "../../state/app";
import { VersionsTable } from "./VersionsTable";

interface Props {
  profile: ConnectionProfile;
}

const IDLE: VersionsLoad = { state: "idle" };

/** The versions the profile's server offers (from the store: they stay while tabs change), and the
 * Accept header of the one picked. */
export function VersionsPanel({ profile }: Props) {
  const actions = useActions();
  const load = useApp((s) => s.versionLists[profile.id] ?? IDLE);
  // The picked version is the store's: login and the composer's Accept use it too.
  const picked = useApp((s) => s.version[profile.id] ?? null);
  const setSelected = (version: string) => void actions.changeVersion(profile.id, null, version);
  const fetchVersions = () => void actions.fetchVersions(profile.id);
  const loaded = load.state === "loaded" ? load.list : null;
  const selected = versionToUse(loaded, picked, profile.api_version);

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
            onClick={fetchVersions}
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
        <ErrorBanner error={load.error} />
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
