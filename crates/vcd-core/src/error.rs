//! The engine's one error type, with messages a tenant understands, and its form for the UI.

use crate::xml::VcdError;
use serde::Serialize;
use ts_rs::TS;

/// Declares [`CoreError`] and [`ErrorKind`] from one list, so a new error is one entry (its fields
/// and its message) and always has a kind.
macro_rules! core_errors {
    ($( $(#[$attr:meta])* $variant:ident $({ $($field:ident : $fty:ty),* $(,)? })? $(( $($tty:ty),* ))? ),* $(,)?) => {
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
        pub enum CoreError {
            $( $(#[$attr])* $variant $({ $($field: $fty),* })? $(( $($tty),* ))? ),*
        }

        /// What kind of error an [`ErrorReport`] is: one name per [`CoreError`] variant, as the UI's union
        /// type and `vcdw --json` spell it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorKind {
            $($variant),*
        }

        impl CoreError {
            /// The kind of error, a stable name the UI and `--json` outputs use.
            pub fn kind(&self) -> ErrorKind {
                match self {
                    $( CoreError::$variant { .. } => ErrorKind::$variant ),*
                }
            }
        }
    };
}

core_errors! {
    #[error("The query at {url} failed: {reason}.")]
    QueryFailed { url: String, reason: String },

    #[error("The task at {href} could not be read: {reason}. It may have expired (VCD keeps ended tasks for a while); look for it in the org's task list.")]
    TaskUnreadable { href: String, reason: String },

    #[error("The task at {href} was not canceled: {reason}. A task that has already ended cannot be canceled.")]
    TaskNotCanceled { href: String, reason: String },

    #[error(
        "'{input}' is not a usable VCD address: {reason}. Enter it like https://vcd.example.com"
    )]
    InvalidUrl { input: String, reason: String },

    #[error("Nothing answered at {url}: the connection was refused. Check the address and port, and that VCD (or the simulator) is running.")]
    ConnectionRefused { url: String },

    #[error("The host name in {url} could not be found ({reason}). Check the spelling, your DNS or your VPN.")]
    HostNotFound { url: String, reason: String },

    #[error("{url} did not answer within {seconds} s. The server may be overloaded, or a firewall may drop the traffic; try again or raise the timeout.")]
    Timeout { url: String, seconds: u64 },

    #[error("The certificate of {url} is not trusted: {reason}. Its SHA-256 fingerprint is {fingerprint}; if your provider confirms it, pin it in the profile (or use the CA file they give you).")]
    UntrustedCertificate {
        url: String,
        reason: String,
        fingerprint: String,
    },

    #[error("The secure connection to {url} failed: {reason}.")]
    Tls { url: String, reason: String },

    #[error("The CA file {path} cannot be used: {reason}.")]
    CaFile { path: String, reason: String },

    #[error("{url} answered HTTP {status}{}", vcd.as_ref().map(|e| format!(": {e}")).unwrap_or_default())]
    Http {
        url: String,
        status: u16,
        vcd: Option<VcdError>,
    },

    #[error("{url} answered with a web page (HTML), not the VCD API. The address probably points at a portal, proxy or login page: use the VCD API endpoint's address.")]
    HtmlInsteadOfApi { url: String },

    #[error("The request uses {{{{{name}}}}}, which has no value. Known: {known}. Add it to the profile's variables.")]
    UnknownVariable { name: String, known: String },

    #[error(
        "'{method}' is not an HTTP method: use GET, POST, PUT, DELETE, PATCH, HEAD or OPTIONS."
    )]
    BadMethod { method: String },

    #[error("The header '{name}' cannot be sent: {reason}. Fix it in the Headers table (or -H) and send again.")]
    BadHeader { name: String, reason: String },

    #[error("A timeout of {seconds} s cannot be used: give 1 to {max} seconds.")]
    BadTimeout { seconds: u64, max: u64 },

    #[error("The body is not well-formed {format}: {reason}. VCD would refuse it; fix it and send again.")]
    BadBody { format: String, reason: String },

    #[error("{url} did not answer with XML ({detail}). Is this a VMware Cloud Director address?")]
    NotXml { url: String, detail: String },

    #[error("{url} answered XML that is not a VCD version list (root element <{root}>, expected <SupportedVersions> in namespace {}).", vcd_api::NS_VERSIONS)]
    NotVersionList { url: String, root: String },

    #[error("The answer of {url} is larger than the {limit_mb} MB limit, so it was not read to its end. Raise the limit in Settings if you need it, or ask for less (a query with a smaller pageSize).")]
    BodyTooLarge { url: String, limit_mb: u64 },

    #[error("The body file {path} is larger than the {limit_mb} MB limit, so it was not sent. Raise the limit in Settings if the server expects such a body.")]
    RequestBodyTooLarge { path: String, limit_mb: u64 },

    #[error("The compressed answer of {url} inflated from {compressed_kb} KB to more than {inflated_mb} MB, which no VCD answer does; it was stopped as a decompression bomb. Check who answers at that address.")]
    DecompressionBomb {
        url: String,
        compressed_kb: u64,
        inflated_mb: u64,
    },

    #[error("The request to {url} failed: {reason}.")]
    Network { url: String, reason: String },

    #[error("VCD refused the login of {login}: the user name, organization or password is wrong. Check all three (the organization is the short name in your portal address, /tenant/<org>).{}", if *legacy { " If they are right, your provider may have disabled the legacy /api/sessions login: pick API 36.0 or newer to log in through CloudAPI." } else { "" })]
    LoginRefused { login: String, legacy: bool },

    #[error("The account {login} cannot log in: {detail}")]
    AccountBlocked { login: String, detail: String },

    #[error("VCD refused the API token for organization {org}: {reason} Check that the token belongs to this organization and has not been revoked; you can create a new one in the tenant portal under User preferences → API Tokens.")]
    ApiTokenRefused { org: String, reason: String },

    #[error("API tokens need VCD {} (API {}) or newer, and this connection uses API {version}. Pick a newer API version, or log in with a password.", vcd_api::API_TOKEN_MIN_RELEASE, vcd_api::API_TOKEN_MIN_VERSION)]
    ApiTokensNeedNewerVcd { version: String },

    #[error("Refused to send: the URL would carry a secret ({what}), and URLs end up in proxy and server logs. VCD takes an API token only in the form body of /oauth/.../token; remove it from the URL.")]
    SecretInUrl { what: String },

    #[error("Refused to send credentials to {url}: it is not this profile's address ({origin}), and the session, password and tokens belong only there. To call another server, set Auth to None for that request.")]
    ForeignOrigin { url: String, origin: String },

    #[error("The server does not offer API version {version}. It offers: {offered}.{}", offer(nearest))]
    VersionNotOffered {
        version: String,
        offered: String,
        nearest: Option<String>,
    },

    #[error("API version {version} cannot log in: {reason}.{}", offer(nearest))]
    VersionCannotLogIn {
        version: String,
        reason: String,
        nearest: Option<String>,
    },

    #[error("VCD refused the session for {url} again after a fresh login. Your account may have lost its rights, or the session was ended by an administrator; log in again.")]
    SessionRejected { url: String },

    #[error("{path} cannot be used: {reason}.")]
    Storage { path: String, reason: String },

    #[error("{0}")]
    Profile(String),

    #[error("Not logged in: log in first.")]
    NotLoggedIn,

    #[error("The request was cancelled; nothing was received.")]
    Cancelled,

    #[error("The built-in simulator could not start: {0}")]
    Simulator(String),

    #[error("Internal error: {0}. Please report it.")]
    Internal(String),
}

/// The sentence that offers the nearest version that can log in.
fn offer(nearest: &Option<String>) -> String {
    nearest
        .as_ref()
        .map(|v| format!(" Pick {v}, the nearest version that can, and log in again."))
        .unwrap_or_default()
}

impl CoreError {
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            kind: self.kind(),
            message: self.to_string(),
            fingerprint: match self {
                CoreError::UntrustedCertificate { fingerprint, .. } => Some(fingerprint.clone()),
                _ => None,
            },
            status: match self {
                CoreError::Http { status, .. } => Some(*status),
                _ => None,
            },
            nearest_version: match self {
                CoreError::VersionNotOffered { nearest, .. }
                | CoreError::VersionCannotLogIn { nearest, .. } => nearest.clone(),
                _ => None,
            },
        }
    }
}

/// An error as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorReport {
    pub kind: ErrorKind,
    /// The whole sentence to show: what happened and what to do.
    pub message: String,
    /// For an untrusted certificate: the fingerprint the user may choose to pin.
    pub fingerprint: Option<String>,
    /// For an HTTP error: the status code.
    pub status: Option<u16>,
    /// For a version that cannot log in: the nearest one that can, to offer instead.
    pub nearest_version: Option<String>,
}
