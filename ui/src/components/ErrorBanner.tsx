import type { ErrorKind, ErrorReport } from "../api/backend";

const TITLES: Partial<Record<ErrorKind, string>> = {
  invalid_url: "The address is not usable",
  connection_refused: "Nothing is listening there",
  host_not_found: "Host not found",
  timeout: "No answer in time",
  untrusted_certificate: "Certificate not trusted",
  tls: "Secure connection failed",
  ca_file: "CA file not usable",
  http: "The server answered with an error",
  html_instead_of_api: "That is a web page, not the VCD API",
  not_xml: "Not a VCD answer",
  not_version_list: "Not a VCD version list",
  network: "Network error",
  simulator: "Simulator problem",
  cancelled: "Cancelled",
  session_rejected: "The session was refused",
  not_logged_in: "Not logged in",
  unknown_variable: "A variable has no value",
  bad_body: "The body is not well-formed",
  secret_in_url: "A secret in the URL",
  foreign_origin: "Credentials stay with their server",
};

export function errorTitle(kind: ErrorKind): string {
  return TITLES[kind] ?? "Something went wrong";
}

export function ErrorBanner({ error, onDismiss }: { error: ErrorReport; onDismiss?: () => void }) {
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <div className="error-head">
        <strong>{errorTitle(error.kind)}</strong>
        {error.status !== null && <span className="badge badge-error">HTTP {error.status}</span>}
        {onDismiss && (
          <button className="link-button" onClick={onDismiss} aria-label="Dismiss error">
            Dismiss
          </button>
        )}
      </div>
      <p>{error.message}</p>
      {error.fingerprint && (
        <p className="fingerprint">
          SHA-256 <code data-testid="error-fingerprint">{error.fingerprint}</code>
        </p>
      )}
    </div>
  );
}
