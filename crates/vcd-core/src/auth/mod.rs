//! Who a request is made as: logging in (password or API token), the session that results, the
//! manager that attaches it to requests and logs in again after a 401, and the URL guard every
//! request passes.

mod guard;
mod kept;
mod login;
mod manager;
mod request_auth;
mod session;
mod session_xml;
mod versions;

pub use login::login;
pub use manager::SessionManager;
pub use request_auth::RequestAuth;
pub use session::{AuthKind, LoginRequest, Session, SessionHeader, SessionSummary};
pub use session_xml::{parse_session, SessionInfo};
pub use versions::{discover_versions, fetch_versions, parse_versions, VersionEntry, VersionList};

// Shared by this folder's files only.
use login::{bearer_headers, get_session, header_value, http_error, read_session};
use request_auth::auth_secrets;
