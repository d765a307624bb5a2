//! The fixed paths of VCD's API that a client starts from: the version list (no login needed), the
//! logins, and the current session (where the classic guide starts browsing, and where a logout goes).

/// `GET` lists the API versions and their login URLs; needs no session.
pub const VERSIONS_PATH: &str = "/api/versions";

/// The orgs the caller may see (a new request tab starts here).
pub const ORG_LIST_PATH: &str = "/api/org";

/// The current session: `GET` shows it (with links to the orgs), `DELETE` logs out.
pub const SESSION_PATH: &str = "/api/session";

/// The legacy login (`POST`, Basic `user@org:password`), before API 36.0 the only one.
pub const LEGACY_LOGIN_PATH: &str = "/api/sessions";

/// The CloudAPI tenant login (API 36.0 and later).
pub const CLOUDAPI_LOGIN_PATH: &str = "/cloudapi/1.0.0/sessions";

/// The CloudAPI provider (System org) login.
pub const CLOUDAPI_PROVIDER_LOGIN_PATH: &str = "/cloudapi/1.0.0/sessions/provider";

/// The CloudAPI form of the current session.
pub const CLOUDAPI_CURRENT_SESSION_PATH: &str = "/cloudapi/1.0.0/sessions/current";

/// The query service: without a type the QueryList, with one its records.
pub const QUERY_PATH: &str = "/api/query";

/// CloudAPI's paged JSON lists of orgs, VDCs, edge gateways and the caller's API tokens.
pub const CLOUDAPI_ORGS: &str = "/cloudapi/1.0.0/orgs";
pub const CLOUDAPI_VDCS: &str = "/cloudapi/1.0.0/vdcs";
pub const CLOUDAPI_EDGE_GATEWAYS: &str = "/cloudapi/1.0.0/edgeGateways";
pub const CLOUDAPI_TOKENS: &str = "/cloudapi/1.0.0/tokens";

/// The CloudAPI lists the query builder offers beside the query service's types, by the name it
/// shows.
pub const CLOUDAPI_LISTS: &[(&str, &str)] = &[
    ("orgs", CLOUDAPI_ORGS),
    ("vdcs", CLOUDAPI_VDCS),
    ("edgeGateways", CLOUDAPI_EDGE_GATEWAYS),
    ("tokens", CLOUDAPI_TOKENS),
];
