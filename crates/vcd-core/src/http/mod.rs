//! The wire: addresses and the checks on them, the HTTP client and its redirect rule, TLS trust,
//! bounded response bodies, and the masked record of each exchange.

mod address;
mod body;
mod client;
mod exchange;
mod tls;

pub use address::*;
pub use body::*;
pub use client::*;
pub use exchange::*;
pub use tls::*;
