//! Who a request is made as: logging in (password or API token), the session that results, the
//! manager that attaches it to requests and logs in again after a 401, the URL guard every request
//! passes, and the `Secret` type that keeps credentials out of logs and files.

mod guard;
mod kept;
mod login;
mod manager;
mod request_auth;
mod secret;
mod session;
mod session_xml;
mod versions;

pub use login::*;
pub use manager::*;
pub use request_auth::*;
pub use secret::*;
pub use session::*;
pub use session_xml::*;
pub use versions::*;
