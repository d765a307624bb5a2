// The status bar: who is logged in where, with which API version, the session's idle time left,
// the keyring and the simulator.
import { useEffect, useState } from "react";
import type { AppStatus, SessionBadge } from "../../api/backend";

/** mm:ss */
export function formatIdle(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function Badge({ badge, since }: { badge: SessionBadge; since: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, []);
  const s = badge.summary;
  const left = badge.idle_left_secs === null ? null : badge.idle_left_secs - (now - since) / 1000;
  return (
    <span className="session-badge" data-testid="session-badge">
      <span className="dot dot-on" aria-hidden="true" /> {s.user}@{s.org} · API {s.version} ·{" "}
      {s.auth === "api_token" ? "API token" : "password"}
      {left !== null && <> · {left > 0 ? `session idle ${formatIdle(left)} left` : "session may have expired"}</>}
    </span>
  );
}

export function StatusBar({ status, badge, fetchedAt }: { status: AppStatus | null; badge: SessionBadge | null; fetchedAt: number }) {
  const sim = status?.simulator ?? null;
  return (
    <footer className="status-bar" data-testid="status-bar">
      {badge ? <Badge badge={badge} since={fetchedAt} /> : <span>Not logged in</span>}
      <span className="sep">·</span>
      {sim ? (
        <span className="sim-part" title={`Simulator running at ${sim.url} (VCD ${sim.release}, API ${sim.max_api})`}>
          Simulator running at <span className="mono">{sim.url}</span> (VCD {sim.release}, API {sim.max_api})
        </span>
      ) : (
        <span>Simulator idle</span>
      )}
      {status && !status.keyring.available && (
        <span className="keyring-warning" title={status.keyring.message}>
          · No OS keyring: secrets kept for this run only
        </span>
      )}
    </footer>
  );
}
