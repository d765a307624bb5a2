import type { RequestAuth, VcdFacts } from "../../api/backend";
import { tokenPath, useFacts } from "../../state/facts";

type Kind = RequestAuth["kind"];

const KINDS: [Kind, string][] = [
  ["inherit", "Inherit session"],
  ["none", "None"],
  ["basic", "Basic (user@org + password)"],
  ["bearer", "Bearer (paste)"],
  ["legacy", "x-vcloud-authorization (paste)"],
  ["api_token", "API token (exchange)"],
];

/** What goes on the wire for each kind, masked: the panel says it before anything is sent. */
export function describeAuth(auth: RequestAuth, legacySession: boolean, facts: VcdFacts | null): string {
  switch (auth.kind) {
    case "inherit":
      return legacySession
        ? "x-vcloud-authorization: •••••••• (the session's)"
        : "Authorization: Bearer •••••••• and X-VMWARE-VCLOUD-TOKEN-TYPE: Bearer (the session's)";
    case "none":
      return "No credentials.";
    case "basic":
      return `Authorization: Basic •••••••• (${auth.user || "user"}@${auth.org || "org"}:password, base64)`;
    case "bearer":
      return "Authorization: Bearer •••••••• and X-VMWARE-VCLOUD-TOKEN-TYPE: Bearer";
    case "legacy":
      return "x-vcloud-authorization: ••••••••";
    case "api_token":
      return `Authorization: Bearer •••••••• — exchanged first at ${tokenPath(
        facts,
        auth.org,
      )} with the API token in the form body; that session is closed after the request.`;
  }
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
  legacySession: boolean;
}

/** How this request authenticates. Pasted secrets stay in this tab's memory and are never saved. */
export function AuthPanel({ auth, onChange, org, user, legacySession }: Props) {
  const facts = useFacts();
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
        {describeAuth(auth, legacySession, facts)}
      </p>
    </div>
  );
}
