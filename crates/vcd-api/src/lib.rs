//! What VMware Cloud Director is, as data: API versions and how they order, the release table,
//! namespaces and media types, the method each link `rel` implies, the OAuth token paths, and the
//! certificate fingerprint users pin. No I/O and no HTTP client, so the simulator, the engine and the
//! UI (through [`VcdFacts`]) read one declaration of each fact instead of writing it again.

mod facts;
mod fingerprint;
mod headers;
mod media;
mod oauth;
mod paths;
mod query;
mod releases;
mod rels;
mod version;

pub use facts::{MediaTypeNote, VcdFacts};
pub use fingerprint::{BadFingerprint, Fingerprint};
pub use headers::{
    ACCESS_TOKEN_HEADER, BEARER_MIN_VERSION, LEGACY_SESSION_HEADER, TOKEN_TYPE_HEADER,
};
pub use media::{
    accept, default_accept, json_accept, types, with_accept_version, xml_accept, BODY_MEDIA_TYPES,
    JSON, NS_OVF, NS_VCLOUD, NS_VERSIONS, NS_VMEXT, NS_XSI, XML_ANY,
};
pub use oauth::{
    is_system_org, token_path, API_TOKEN_MIN_RELEASE, API_TOKEN_MIN_VERSION, PROVIDER_TOKEN_PATH,
    SYSTEM_ORG,
};
pub use paths::{
    CLOUDAPI_CURRENT_SESSION_PATH, CLOUDAPI_EDGE_GATEWAYS, CLOUDAPI_LISTS, CLOUDAPI_LOGIN_PATH,
    CLOUDAPI_ORGS, CLOUDAPI_PROVIDER_LOGIN_PATH, CLOUDAPI_TOKENS, CLOUDAPI_VDCS, LEGACY_LOGIN_PATH,
    ORG_LIST_PATH, QUERY_PATH, SESSION_PATH, VERSIONS_PATH,
};
pub use query::{
    encode_component, escape_filter_value, FILTER_ESCAPE_MIN_VERSION, FILTER_SPECIAL,
    ORG_QUERY_LINKS_MIN_VERSION, QUERY_DEFAULT_PAGE_SIZE, QUERY_MAX_PAGE_SIZE,
};
pub use releases::{
    ServedVersion, VcdRelease, API_RELEASE_NAMES, DEFAULT_RELEASE, SCHEMA_LIST_VERSION,
    SIMULATED_RELEASES,
};
pub use rels::method_for_rel;
pub use version::{ApiVersion, BadApiVersion};
