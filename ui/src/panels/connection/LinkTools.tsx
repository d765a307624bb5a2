// The Connection tab's link tools: Save all links (every link seen in this run), and Discover, which
// maps the API from the Session breadth-first with progress and Cancel.
import { useEffect, useState } from "react";
import type { DiscoverProgress, DiscoverSummary, ErrorReport } from "../../api/backend";
import { ErrorBanner } from "../../components/ErrorBanner";
import { useActions } from "../../state/app";

interface Props {
  profileId: string;
  /** Changes whenever a response arrives, so the count of seen links refreshes. */
  revision: number;
}

/** Save every link seen in this run, and Discover: map the API from the Session, breadth-first. */
export function LinkTools({ profileId, revision }: Props) {
  const actions = useActions();
  const [seen, setSeen] = useState(0);
  const [depth, setDepth] = useState(4);
  const [progress, setProgress] = useState<DiscoverProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<DiscoverSummary | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);

  useEffect(() => {
    void actions.linksSeen(profileId).then(setSeen).catch(() => setSeen(0));
  }, [actions, profileId, revision, summary]);

  useEffect(() => {
    const stop = actions.onDiscoverProgress((e) => {
      if (e.profile_id === profileId) setProgress(e.progress);
    });
    return () => {
      void stop.then((unlisten) => unlisten());
    };
  }, [actions, profileId]);

  const discover = async () => {
    setRunning(true);
    setSummary(null);
    setError(null);
    setProgress(null);
    try {
      setSummary(await actions.discover(profileId, depth));
    } catch (e) {
      setError(e as ErrorReport);
    } finally {
      setRunning(false);
    }
  };

  const saveAll = async () => {
    setError(null);
    try {
      const result = await actions.saveLinks(profileId, null, "vcd-links.csv");
      if (result) setSaved(`Saved ${result.count} links to ${result.path}.`);
    } catch (e) {
      setError(e as ErrorReport);
    }
  };

  return (
    <div className="link-tools" data-testid="link-tools">
      <button onClick={() => void saveAll()} disabled={seen === 0} data-testid="save-all-links" title="All links seen in this run, deduplicated, with the page each was found on">
        Save all links ({seen})…
      </button>
      <label className="inline small">
        Discover depth{" "}
        <select value={depth} onChange={(e) => setDepth(Number(e.target.value))} aria-label="Discover depth" disabled={running}>
          {[1, 2, 3, 4, 5, 6, 8].map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
      </label>
      {running ? (
        <button onClick={() => void actions.cancelDiscover(profileId)} data-testid="cancel-discover">
          Cancel
        </button>
      ) : (
        <button onClick={() => void discover()} data-testid="discover" title="Follow GET links from the Session, breadth-first">
          Discover
        </button>
      )}
      {running && (
        <span className="progress" data-testid="discover-progress">
          <progress max={progress?.pages_known ?? 1} value={progress?.pages_done ?? 0} />{" "}
          {progress ? `${progress.pages_done} of ${progress.pages_known} pages · ${progress.links} links` : "Starting…"}
        </span>
      )}
      {summary && !running && (
        <span className="small" data-testid="discover-summary">
          {summary.cancelled ? "Stopped" : "Done"}: {summary.pages} pages read, {summary.links} links known
          {summary.failed.length > 0 && ` (${summary.failed.length} pages could not be read)`}.
        </span>
      )}
      {saved && (
        <span className="small ok-note" data-testid="links-saved">
          {saved}
        </span>
      )}
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
