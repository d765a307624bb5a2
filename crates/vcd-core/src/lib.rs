//! The VCD Workbench engine. Everything a button in the app does is a function here, callable from
//! tests and the `vcdw` command line without a window.

pub mod address;
pub mod body;
pub mod body_check;
pub mod discover;
pub mod error;
pub mod exchange;
pub mod http;
pub mod link_map;
pub mod links;
pub mod logging;
pub mod login;
pub mod pretty;
pub mod profile;
pub mod request_body;
pub mod request_draft;
pub mod response_view;
pub mod secret;
pub mod secrets;
pub mod session_xml;
pub mod settings;
pub mod storage;
pub mod synthetic;
pub mod terminal;
pub mod tls;
pub mod variables;
pub mod vcd_error;
pub mod versions;
pub mod xml;

pub use error::{CoreError, ErrorReport};
pub use http::HttpOptions;
pub use login::{login, AuthKind, LoginRequest, Session, SessionManager, SessionSummary};
pub use secret::Secret;
pub use tls::TlsTrust;
pub use vcd_api::{ApiVersion, BadFingerprint, Fingerprint};
pub use versions::{discover_versions, VersionEntry, VersionList};
