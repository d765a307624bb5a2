//! The wire: addresses and the checks on them, the HTTP client and its redirect rule, TLS trust,
//! bounded response bodies, and the masked record of each exchange.

mod address;
mod body;
mod client;
mod exchange;
mod request_body;
mod tls;

pub use address::{
    check_no_secrets, join_path, normalize_base_url, origin, rebase, request_url, same_origin,
};
pub use body::BodySink;
pub use body::{
    clean_spool_leftovers, open_spool_file, spool_dir, Body, BodyLimits, DEFAULT_MAX_BODY,
};
pub use client::{timeout_from_secs, HttpClient, HttpOptions, Response};
pub use exchange::header_lines;
pub use exchange::{Exchange, ExchangePurpose, ExchangeStep, HeaderLine, HeaderSide};
pub use request_body::RequestBody;
pub use tls::TlsTrust;

// Shared by this folder's files only.
use tls::{client_config, CertificateLog};
