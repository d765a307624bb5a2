//! The HTTP headers VCD adds to the standard ones for sessions, spelled once (in lower case, as
//! HTTP/2 and the `http` crate want them; HTTP header names match in any case).

/// The legacy session token: answered by `POST /api/sessions`, sent back on every request
/// (the classic guide's way).
pub const LEGACY_SESSION_HEADER: &str = "x-vcloud-authorization";

/// The first API version (VCD 10.0) with CloudAPI sessions and their bearer token: a session
/// opened at an older version travels in [`LEGACY_SESSION_HEADER`], as VCD 9.x knew only that.
pub const BEARER_MIN_VERSION: &str = "33.0";

/// The bearer token a login answers with (sent back as `Authorization: Bearer`).
pub const ACCESS_TOKEN_HEADER: &str = "x-vmware-vcloud-access-token";

/// Says which kind of token `Authorization` carries (`Bearer`).
pub const TOKEN_TYPE_HEADER: &str = "x-vmware-vcloud-token-type";
