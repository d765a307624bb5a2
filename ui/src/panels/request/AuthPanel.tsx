// The Auth part of the composer: what credentials a request carries (the session, none, Basic,
// a pasted bearer or legacy token, an API token exchanged for it) and what that puts on the wire.
import { useEffect, useState } from "react";
import type { RequestAuth } from "../../api/backend";
import { useActions } from "../../state/app";

type Kind = RequestAuth["kind"];

const KINDS: [Kind, string][] = [
  ["inherit", "Inherit session"],
  ["none", "None"],
  ["basic", "Basic (user@org + password)"],
  ["bearer", "Bearer (paste)"],
  ["legacy", "Legacy session token (paste)"],
  ["api_token", "API token (exchange)"],
];

/** What goes on the wire for `auth`, masked, in vcd-core's words (the code that sends it says it). */
export function useAuthDescription(auth: RequestAuth, legacySession: boolean): string {
  const actions = useActions();
  const [said, setSaid] = useState("");
  useEffect(() => {
    let live = true;
    actions
      .describeAuth(auth, legacySession)
      .then((text) => live && setSaid(text))
      .catch(() => live && setSaid(""));
    return () => {
      live = false;
    };
  }, [actions, auth, legacySession]);
  return said;
}

function blank(kind: Kind, org: string, user: string): RequestAuth {
  switch (kind) {
    case "inherit":
    case "none":
      return { kind };
    case "basic":
      return { kind, user, org, password: "" };
    case "bearer":
    case "legacy":
      return { kind, token: "" };
    case "api_token":
      return { kind, org, token: "" };
  }
}

interface Props {
  auth: RequestAuth;
  onChange: (auth: RequestAuth) => void;
  /** The profile's org and user, to start Basic and API-token fields from. */
  org: string;
  user: string;
  /** What the auth puts on the wire (useAuthDescription). */
  description: string;
}

/** How this request authenticates. Pasted secrets stay in this tab's memory and are never saved. */
export function AuthPanel({ auth, onChange, org, user, description }: Props) {
  return (
    <div className="auth-panel" data-testid="auth-panel">
      <label className="inline small">
        Auth{" "}
        <select
          value={auth.kind}
          aria-label="Authentication"
          data-testid="auth-kind"
          onChange={(e) => onChange(blank(e.target.value as Kind, org, user))}
        >
          {KINDS.map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {auth.kind === "basic" && (
        <>
          <input value={auth.user} aria-label="User" placeholder="user" onChange={(e) => onChange({ ...auth, user: e.target.value })} />
          <span>@</span>
          <input value={auth.org} aria-label="Organization" placeholder="org" onChange={(e) => onChange({ ...auth, org: e.target.value })} />
          <input
            type="password"
            autoComplete="off"
            value={auth.password}
            aria-label="Password"
            placeholder="password"
            onChange={(e) => onChange({ ...auth, password: e.target.value })}
          />
        </>
      )}
      {(auth.kind === "bearer" || auth.kind === "legacy") && (
        <input
          type="password"
          autoComplete="off"
          className="token"
          value={auth.token}
          aria-label="Token"
          placeholder="paste the token"
          onChange={(e) => onChange({ ...auth, token: e.target.value })}
        />
      )}
      {auth.kind === "api_token" && (
        <>
          <input value={auth.org} aria-label="Organization" placeholder="org (System for the provider)" onChange={(e) => onChange({ ...auth, org: e.target.value })} />
          <input
            type="password"
            autoComplete="off"
            className="token"
            value={auth.token}
            aria-label="API token"
            placeholder="API token"
            onChange={(e) => onChange({ ...auth, token: e.target.value })}
          />
        </>
      )}
      <p className="muted small mono" data-testid="auth-header">
        {description}
      </p>
    </div>
  );
}
