// The Session panel of the Connection tab: log in (with the secret typed, the keyring's or the
// demo's own) and out, and the login exchange as it happened, secrets masked.
import { useState } from "react";
import type { ConnectionProfile, ErrorReport, LoginView } from "../../api/backend";
import { ErrorBanner } from "../../components/ErrorBanner";
import { Spinner } from "../../components/Spinner";
import { useActions, useApp, versionToUse } from "../../state/app";
import { ExchangeView } from "./ExchangeView";

interface Props {
  profile: ConnectionProfile;
  login: LoginView | null;
}

/** Log in and out, and see the login exchange as it happened (secrets masked). */
export function SessionPanel({ profile, login }: Props) {
  const actions = useActions();
  const [secret, setSecret] = useState("");
  const [busy, setBusy] = useState<null | "in" | "out">(null);
  const [error, setError] = useState<ErrorReport | null>(null);
  const secretLabel = profile.auth === "api_token" ? "API token" : "Password";
  // Where the login will go: the picked version's LoginUrl, once the versions are known.
  const picked = useApp((s) => s.version[profile.id] ?? null);
  const versions = useApp((s) => s.versionLists[profile.id]);
  const list = versions?.state === "loaded" ? versions.list : null;
  const target = list?.versions.find((v) => v.version === versionToUse(list, picked, profile.api_version)) ?? null;

  const doLogin = async (version?: string) => {
    setBusy("in");
    setError(null);
    try {
      if (version) await actions.changeVersion(profile.id, null, version);
      await actions.logIn(profile.id, secret || null);
      setSecret("");
    } catch (err) {
      setError(err as ErrorReport);
    } finally {
      setBusy(null);
    }
  };

  const doLogout = async () => {
    setBusy("out");
    setError(null);
    try {
      await actions.logOut(profile.id);
    } catch (err) {
      setError(err as ErrorReport);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="session-title">
      <header className="section-head">
        <h2 id="session-title">Session</h2>
        <div className="actions">
          {!login && !profile.builtin_simulator && (
            <input
              type="password"
              className="secret-input"
              placeholder={`${secretLabel} (empty: use the keyring)`}
              aria-label={secretLabel}
              value={secret}
              autoComplete="off"
              onChange={(e) => setSecret(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") void doLogin();
              }}
            />
          )}
          {login ? (
            <button onClick={() => void doLogout()} disabled={busy !== null} data-testid="logout">
              Log out
            </button>
          ) : (
            <button className="primary" onClick={() => void doLogin()} disabled={busy !== null} data-testid="login">
              Log in
            </button>
          )}
        </div>
      </header>
      {busy === "in" && <Spinner label="Logging in…" />}
      {busy === "out" && <Spinner label="Logging out…" />}
      {error && (
        <ErrorBanner error={error} onDismiss={() => setError(null)}>
          {error.nearest_version && (
            <button onClick={() => void doLogin(error.nearest_version ?? undefined)} data-testid="login-nearest">
              Log in with API {error.nearest_version}
            </button>
          )}
        </ErrorBanner>
      )}
      {!login && target && !busy && (
        <p className="muted small" data-testid="login-target">
          Logs in with API <strong>{target.version}</strong>
          {target.release && <> (VCD {target.release})</>} at <code>{target.login_url}</code>
          {target.deprecated && <> · deprecated: the server may refuse it</>}
        </p>
      )}
      {login ? (
        <>
          <p className="session-line" data-testid="session-line">
            Logged in as <strong>{login.badge.summary.user}@{login.badge.summary.org}</strong> with API{" "}
            {login.badge.summary.version} ({login.badge.summary.auth === "api_token" ? "API token" : "password"}) via{" "}
            <code>{login.badge.summary.login_url}</code> · {login.badge.summary.links} links in the session · requests
            carry it in{" "}
            <code data-testid="session-header">{login.badge.summary.carried_in}</code>
          </p>
          {login.badge.summary.login_host_differs && (
            <p className="warning">
              The server announced its login URL on another host; the app sent the login to this profile's address
              instead, with the same path.
            </p>
          )}
          <ExchangeView
            steps={login.steps}
            reveal={(step, side, index) => actions.revealHeader(profile.id, step, side, index)}
          />
        </>
      ) : (
        !busy &&
        !error && (
          <p className="muted">
            {profile.auth === "api_token"
              ? "Logging in exchanges the API token for a session at /oauth/…/token (the token travels in the form body)."
              : "Logging in sends user@org and the password to the login URL that /api/versions names for the chosen version."}
          </p>
        )
      )}
    </section>
  );
}
