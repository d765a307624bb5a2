//! The one logging set-up for the app and `vcdw`: `tracing` to stderr, filtered by `VCDW_LOG`.
//! HTTP and TLS libraries are capped at `info` whatever the filter asks: at debug and trace they
//! print headers and handshake bytes, and headers carry session tokens.

use tracing_subscriber::EnvFilter;

const CAPPED: &[&str] = &[
    "hyper",
    "hyper_util",
    "h2",
    "rustls",
    "reqwest",
    "tokio_rustls",
];

pub fn init(default_level: &str) {
    let mut filter =
        EnvFilter::try_from_env("VCDW_LOG").unwrap_or_else(|_| EnvFilter::new(default_level));
    for name in CAPPED {
        if let Ok(directive) = format!("{name}=info").parse() {
            filter = filter.add_directive(directive);
        }
    }
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
