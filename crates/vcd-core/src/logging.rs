//! The log filter every front end installs: `VCDW_LOG` (or the binary's default level), with HTTP and
//! TLS libraries capped at `info` whatever it asks: at debug and trace they print headers and
//! handshake bytes, and headers carry session tokens. The library installs no subscriber itself;
//! each binary does, with this filter.

use tracing_subscriber::EnvFilter;

const CAPPED: &[&str] = &[
    "hyper",
    "hyper_util",
    "h2",
    "rustls",
    "reqwest",
    "tokio_rustls",
];

pub fn log_filter(default_level: &str) -> EnvFilter {
    let mut filter =
        EnvFilter::try_from_env("VCDW_LOG").unwrap_or_else(|_| EnvFilter::new(default_level));
    for name in CAPPED {
        if let Ok(directive) = format!("{name}=info").parse() {
            filter = filter.add_directive(directive);
        }
    }
    filter
}
