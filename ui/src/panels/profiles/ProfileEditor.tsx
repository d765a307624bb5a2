// The profile editor (+ New, Edit): where the VCD is, who logs in and how, TLS trust (system, a
// pinned fingerprint or a CA file), the profile's variables; Test connection before saving.
import { useState } from "react";
import type { ConnectionProfile, ErrorReport, TlsTrust } from "../../api/backend";
import { ErrorBanner } from "../../components/ErrorBanner";
import { KeyValueTable, pairsOf, rowsOf } from "../../components/KeyValueTable";
import { Spinner } from "../../components/Spinner";
import { useActions } from "../../state/app";

interface Props {
  initial: ConnectionProfile;
  onSaved: (profile: ConnectionProfile, note: string | null) => void;
  onDeleted: () => void;
  onCancel: () => void;
}

type TrustMode = TlsTrust["mode"];

/** Create or change a connection profile. The secret goes to the OS keyring, never into the profile. */
export function ProfileEditor({ initial, onSaved, onDeleted, onCancel }: Props) {
  const actions = useActions();
  const [draft, setDraft] = useState<ConnectionProfile>(initial);
  const [secret, setSecret] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const [tested, setTested] = useState<string | null>(null);
  const isNew = initial.id === "";

  const set = <K extends keyof ConnectionProfile>(key: K, value: ConnectionProfile[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const setTrustMode = (mode: TrustMode) => {
    const trust: TlsTrust =
      mode === "ca_file"
        ? { mode, path: draft.trust.mode === "ca_file" ? draft.trust.path : "" }
        : mode === "pinned"
          ? { mode, sha256: draft.trust.mode === "pinned" ? draft.trust.sha256 : "" }
          : { mode: "system" };
    set("trust", trust);
  };

  const run = async (label: string, action: () => Promise<void>) => {
    setBusy(label);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err as ErrorReport);
    } finally {
      setBusy(null);
    }
  };

  const test = () =>
    run("Testing the connection…", async () => {
      setTested(null);
      const list = await actions.testConnection(draft);
      setTested(`Connected: ${list.versions.length} API versions, default ${list.default ?? "none"}.`);
    });

  const save = () =>
    run("Saving…", async () => {
      const saved = await actions.saveProfile(draft, secret || null);
      const note =
        saved.secret_location === "memory_only"
          ? "No OS keyring is reachable: the secret is kept for this run only."
          : saved.secret_location === "keyring"
            ? "The secret is stored in the OS keyring."
            : null;
      onSaved(saved.profile, note);
    });

  return (
    <section className="panel editor" aria-labelledby="editor-title">
      <header className="section-head">
        <h2 id="editor-title">{isNew ? "New connection profile" : `Edit ${initial.name}`}</h2>
      </header>
      {/* Not a <form>: the CSP forbids form submission, and WebDriver waits on a submit's navigation. */}
      <div
        className="form-grid"
        role="form"
        aria-labelledby="editor-title"
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT" && busy === null) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <label>
          Name
          <input value={draft.name} onChange={(e) => set("name", e.target.value)} required data-testid="profile-name" />
        </label>
        <label>
          VCD address
          <input
            value={draft.base_url}
            onChange={(e) => set("base_url", e.target.value)}
            placeholder="https://vcd.example.com"
            data-testid="profile-base-url"
          />
        </label>
        <label>
          Organization
          <input
            value={draft.org}
            onChange={(e) => set("org", e.target.value)}
            placeholder="acme (System for the provider)"
            data-testid="profile-org"
          />
        </label>
        <fieldset>
          <legend>Log in with</legend>
          <label className="inline">
            <input type="radio" checked={draft.auth === "password"} onChange={() => set("auth", "password")} /> user
            and password
          </label>
          <label className="inline">
            <input type="radio" checked={draft.auth === "api_token"} onChange={() => set("auth", "api_token")} /> API
            token (VCD 10.3.1+)
          </label>
        </fieldset>
        {draft.auth === "password" && (
          <label>
            User
            <input value={draft.user} onChange={(e) => set("user", e.target.value)} data-testid="profile-user" />
          </label>
        )}
        <label>
          {draft.auth === "password" ? "Password" : "API token"}
          <input
            type="password"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            placeholder={isNew ? "stored in the OS keyring" : "leave empty to keep the stored one"}
            data-testid="profile-secret"
          />
        </label>
        <label>
          API version
          <input
            value={draft.api_version ?? ""}
            onChange={(e) => set("api_version", e.target.value.trim() === "" ? null : e.target.value.trim())}
            placeholder="auto: the highest active version"
          />
        </label>
        <fieldset>
          <legend>Certificate</legend>
          {(
            [
              ["system", "Verify with the system's authorities"],
              ["ca_file", "Verify with a private CA file"],
              ["pinned", "Trust one pinned certificate (SHA-256)"],
            ] as [TrustMode, string][]
          ).map(([mode, label]) => (
            <label className="inline" key={mode}>
              <input type="radio" checked={draft.trust.mode === mode} onChange={() => setTrustMode(mode)} /> {label}
            </label>
          ))}
          {draft.trust.mode === "ca_file" && (
            <input
              value={draft.trust.path}
              onChange={(e) => set("trust", { mode: "ca_file", path: e.target.value })}
              placeholder="/path/to/ca.pem"
              aria-label="CA file"
            />
          )}
          {draft.trust.mode === "pinned" && (
            <input
              className="mono"
              value={draft.trust.sha256}
              onChange={(e) => set("trust", { mode: "pinned", sha256: e.target.value })}
              placeholder="AB:CD:…"
              aria-label="Pinned SHA-256 fingerprint"
            />
          )}
        </fieldset>
        <label>
          Proxy
          <input
            value={draft.proxy ?? ""}
            onChange={(e) => set("proxy", e.target.value.trim() === "" ? null : e.target.value.trim())}
            placeholder="none: HTTPS_PROXY from the environment"
          />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={draft.session_header === "legacy"}
            onChange={(e) => set("session_header", e.target.checked ? "legacy" : "bearer")}
          />{" "}
          Send the session as <code>x-vcloud-authorization</code> (as the classic guide does)
        </label>
        <fieldset className="wide">
          <legend>
            Variables: <code>{"{{name}}"}</code> in a request's URL, headers or body (not for secrets)
          </legend>
          <KeyValueTable
            rows={rowsOf(Object.entries(draft.variables).map(([k, v]) => [k, v ?? ""]))}
            noun="variable"
            testId="profile-variables"
            onChange={(rows) => set("variables", Object.fromEntries(pairsOf(rows)))}
          />
        </fieldset>
        <div className="form-actions">
          <button type="button" className="primary" onClick={() => void save()} disabled={busy !== null} data-testid="profile-save">
            Save
          </button>
          <button type="button" onClick={() => void test()} disabled={busy !== null} data-testid="profile-test">
            Test connection
          </button>
          <button type="button" onClick={onCancel} disabled={busy !== null}>
            Cancel
          </button>
          {!isNew && (
            <>
              <button
                type="button"
                onClick={() => void run("Forgetting…", () => actions.forgetSecret(initial.id))}
                disabled={busy !== null}
              >
                Forget secret
              </button>
              <button
                type="button"
                className="danger"
                onClick={() =>
                  void run("Deleting…", async () => {
                    await actions.deleteProfile(initial.id);
                    onDeleted();
                  })
                }
                disabled={busy !== null}
              >
                Delete profile
              </button>
            </>
          )}
        </div>
      </div>
      {busy && <Spinner label={busy} />}
      {tested && <p className="ok-note" data-testid="test-result">{tested}</p>}
      {error && (
        <>
          <ErrorBanner error={error} onDismiss={() => setError(null)} />
          {error.fingerprint && (
            <button
              data-testid="pin-certificate"
              onClick={() => {
                set("trust", { mode: "pinned", sha256: error.fingerprint ?? "" });
                setError(null);
              }}
            >
              Pin this certificate
            </button>
          )}
        </>
      )}
    </section>
  );
}
