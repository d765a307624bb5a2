//! The fixed paths of VCD's API that a client starts from: the version list (no login needed) and
//! the current session (where the classic guide starts browsing, and where a logout goes).

/// `GET` lists the API versions and their login URLs; needs no session.
pub const VERSIONS_PATH: &str = "/api/versions";

/// The current session: `GET` shows it (with links to the orgs), `DELETE` logs out.
pub const SESSION_PATH: &str = "/api/session";
