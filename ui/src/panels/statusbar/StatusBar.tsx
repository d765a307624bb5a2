import type { AppStatus } from "../../api/backend";

export function StatusBar({ status }: { status: AppStatus | null }) {
  const sim = status?.simulator ?? null;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span>Not logged in</span>
      <span className="sep">·</span>
      {sim ? (
        <span>
          Simulator running at <span className="mono">{sim.url}</span> (VCD {sim.release}, API {sim.max_api})
        </span>
      ) : (
        <span>Simulator idle</span>
      )}
    </footer>
  );
}
