//! The VCD Workbench engine. Everything a button in the app does is a function here, callable from
//! tests and the `vcdw` command line without a window.
//!
//! The modules are private and grouped by concern; this facade is the whole API front ends use, so
//! the file layout can change without touching them. VCD facts that need no I/O (versions, media
//! types, the release table) live in the `vcd-api` crate; the ones front ends need are re-exported
//! here.

mod auth;
mod discover;
mod error;
mod files;
mod http;
mod links;
mod logging;
mod query;
mod request;
mod secret;
mod store;
mod syntax;
mod tasks;
#[cfg(test)]
mod test_samples;
mod view;
mod workbench;
mod xml;

/// Errors, written for a tenant, and the serializable report a front end shows.
pub use error::{CoreError, ErrorKind, ErrorReport};
pub use vcd_api::{
    with_accept_version, ApiVersion, BadFingerprint, Fingerprint, VcdFacts, SYSTEM_ORG,
};

/// The log filter each binary installs: HTTP and TLS libraries capped so headers never reach a log.
pub use logging::log_filter;

/// Secrets (passwords, API tokens, session tokens): never serialized or shown.
pub use secret::Secret;

/// Logging in, sessions and per-request auth.
pub use auth::{
    discover_versions, login, parse_session, parse_versions, AuthKind, LoginRequest, RequestAuth,
    Session, SessionHeader, SessionManager, SessionSummary, VersionEntry, VersionList,
};

/// The wire: addresses and their checks, the client, TLS trust, bounded bodies, exchange records.
pub use http::{
    check_no_secrets, clean_spool_leftovers, normalize_base_url, request_url, same_origin,
    timeout_from_secs, Body, BodyLimits, Exchange, ExchangePurpose, ExchangeStep, HeaderLine,
    HeaderSide, HttpClient, HttpOptions, Response, TlsTrust,
};

/// What a user composes, and the pipeline that sends it.
pub use request::{
    defined_variables, AdvertisedLink, DraftHeader, DraftSeed, PreparedRequest, RequestDraft,
    SendOutcome, VariableUse,
};

/// The syntax of bodies: the check a body passes before it is sent, and pretty-printing.
pub use syntax::{check_well_formed, pretty, pretty_body, pretty_xml_into};

/// Links: extracting them from a page and the map of what was found.
pub use links::{
    extract_links, parse_link_header, save_link_map, ExportFormat, Link, LinkMap, MapRow,
    PageLinks, Reference, MAX_PAGE_LINKS,
};

/// Discover: walking an API's GET links from a start page.
pub use discover::{discover, page_links, DiscoverLimits, DiscoverProgress};

/// What is kept between runs: profiles, settings, secrets in the keyring, atomic writes.
pub use files::write_atomic_with;
pub use store::{
    ConnectionProfile, KeyringStatus, ProfileStore, SecretLocation, SecretStore, Settings,
    DEMO_PROFILE_ID, MAX_FETCH_CONCURRENCY,
};

/// The query service: a query's URL, its pages read into records, Fetch all, export.
pub use query::{
    export_records, fetch_all, filter_value, parse_list_page, parse_query_page, FilterRow,
    QueryForm, QueryPage, QueryRecord, QuerySpec, FILTER_OPERATORS,
};

/// VCD's async tasks: reading them from responses, following them to their end, canceling.
pub use tasks::{
    cancel_task, parse_tasks, poll_delays, read_task, tasks_in, watch_task, TaskState, TaskStatus,
};

/// What a front end shows of a response.
pub use view::{format_ms, terminal_safe, ResponseView};

/// VCD's own error documents, decoded.
pub use xml::VcdError;

/// The workbench a front end holds: stores, one shared session per profile, kept responses and
/// their body chunks, link maps, cancellable requests and discoveries.
pub use workbench::{
    check_savable, BodyChunk, DiscoverSummary, FetchProgress, FetchedRecords, LoginView,
    SavedLinks, SavedProfile, SentResponse, SessionBadge, SimulatorStatus, TaskView, Workbench,
};
