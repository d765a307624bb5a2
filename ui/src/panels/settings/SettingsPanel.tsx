// Settings: the large-body threshold, the largest answer a request may receive, and the environment
// (`{{name}}` values for every profile).
import { useState } from "react";
import type { ErrorReport, Settings } from "../../api/backend";
import { ErrorBanner } from "../../components/ErrorBanner";
import { KeyValueTable, pairsOf, rowsOf } from "../../components/KeyValueTable";
import { useActions } from "../../state/app";

interface Props {
  settings: Settings;
  onSaved: (settings: Settings) => void;
  onClose: () => void;
}

/** The app's settings (saved beside the profiles). */
export function SettingsPanel({ settings, onSaved, onClose }: Props) {
  const actions = useActions();
  const [draft, setDraft] = useState(settings);
  const [error, setError] = useState<ErrorReport | null>(null);
  return (
    <section className="panel" aria-labelledby="settings-title" data-testid="settings">
      <header className="section-head">
        <h2 id="settings-title">Settings</h2>
      </header>
      <div className="form-grid">
        <label>
          Ask before showing a body larger than (MB)
          <input
            type="number"
            min={1}
            value={draft.large_body_mb}
            data-testid="large-body-mb"
            onChange={(e) => setDraft({ ...draft, large_body_mb: Number(e.target.value) })}
          />
        </label>
        <p className="muted small">
          Its links are listed at once and <strong>Save body…</strong> works whatever the size; only the text view
          waits for a click.
        </p>
        <label>
          Largest response a request may receive (MB)
          <input
            type="number"
            min={1}
            value={draft.max_body_mb}
            data-testid="max-body-mb"
            onChange={(e) => setDraft({ ...draft, max_body_mb: Number(e.target.value) })}
          />
        </label>
        <p className="muted small">
          A larger answer, or a compressed one that inflates far beyond its size, ends its request with an error;
          answers over 8 MB wait in a temporary file that is removed with them.
        </p>
        <label>
          Pages Fetch all reads at once
          <input
            type="number"
            min={1}
            max={16}
            value={draft.fetch_concurrency}
            data-testid="fetch-concurrency"
            onChange={(e) => setDraft({ ...draft, fetch_concurrency: Number(e.target.value) })}
          />
        </label>
        <p className="muted small">
          Fetch all (the query service and CloudAPI lists) reads this many pages side by side, 1 to 16; more only
          loads the server.
        </p>
        <fieldset className="wide">
          <legend>
            Environment: <code>{"{{name}}"}</code> values for every profile (a profile's own variables win; not for
            secrets)
          </legend>
          <KeyValueTable
            rows={rowsOf(Object.entries(draft.variables).map(([k, v]) => [k, v ?? ""]))}
            noun="variable"
            testId="environment-variables"
            onChange={(rows) =>
              setDraft({ ...draft, variables: Object.fromEntries(pairsOf(rows)) })
            }
          />
        </fieldset>
        <div className="form-actions">
          <button
            className="primary"
            data-testid="save-settings"
            onClick={() =>
              void actions
                .saveSettings(draft)
                .then(onSaved)
                .catch((e) => setError(e as ErrorReport))
            }
          >
            Save
          </button>
          <button onClick={onClose}>Cancel</button>
        </div>
      </div>
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
    </section>
  );
}
