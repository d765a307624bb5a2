// The error banner: a title per error kind above the engine's sentence (what happened, what to do),
// and the certificate fingerprint a user may choose to pin.
import type { ReactNode } from "react";
import type { ErrorKind, ErrorReport } from "../api/backend";

// Every kind has a title: a new kind in Rust without one here does not compile.
const TITLES: Record<ErrorKind, string> = {
  invalid_url: "The address is not usable",
  query_failed: "The query failed",
  task_unreadable: "The task could not be read",
  task_not_canceled: "The task was not canceled",
  connection_refused: "Nothing is listening there",
  host_not_found: "Host not found",
  timeout: "No answer in time",
  untrusted_certificate: "Certificate not trusted",
  tls: "Secure connection failed",
  ca_file: "CA file not usable",
  http: "The server answered with an error",
  html_instead_of_api: "That is a web page, not the VCD API",
  unknown_variable: "A variable has no value",
  bad_method: "Not an HTTP method",
  bad_header: "A header cannot be sent",
  bad_timeout: "The timeout cannot be used",
  bad_body: "The body is not well-formed",
  not_xml: "Not a VCD answer",
  not_version_list: "Not a VCD version list",
  body_too_large: "The answer is over the size limit",
  request_body_too_large: "The body file is over the size limit",
  decompression_bomb: "The answer was a decompression bomb",
  network: "Network error",
  login_refused: "Login refused",
  account_blocked: "The account cannot log in",
  api_token_refused: "API token refused",
  api_tokens_need_newer_vcd: "API tokens need a newer VCD",
  secret_in_url: "A secret in the URL",
  foreign_origin: "Credentials stay with their server",
  version_not_offered: "API version not offered",
  version_cannot_log_in: "That API version cannot log in",
  session_rejected: "The session was refused",
  storage: "A file cannot be used",
  profile: "Profile problem",
  not_logged_in: "Not logged in",
  cancelled: "Cancelled",
  simulator: "Simulator problem",
  internal: "Something went wrong inside VCD Workbench",
};

export function errorTitle(kind: ErrorKind): string {
  return TITLES[kind];
}

/** An error's title and sentence; `children` are what the user can do about it (buttons). */
export function ErrorBanner({
  error,
  onDismiss,
  children,
}: {
  error: ErrorReport;
  onDismiss?: () => void;
  children?: ReactNode;
}) {
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
      {children && <div className="error-actions">{children}</div>}
    </div>
  );
}
