//! The TLS flags every network command takes.

use clap::Args;
use std::path::PathBuf;
use vcd_core::{Fingerprint, TlsTrust};

#[derive(Args, Debug)]
#[group(multiple = false)]
pub struct TrustArgs {
    /// Accept any certificate (prints a warning; prefer --pin or --ca).
    #[arg(long)]
    pub insecure: bool,
    /// Trust exactly the certificate with this SHA-256 fingerprint (colons optional, any case).
    #[arg(long, value_name = "SHA256")]
    pub pin: Option<String>,
    /// Trust certificates signed by the CA(s) in this PEM file, besides the system's.
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
}

impl TrustArgs {
    /// True when any TLS flag was given.
    pub fn given(&self) -> bool {
        self.insecure || self.pin.is_some() || self.ca.is_some()
    }

    pub fn to_trust(&self) -> Result<TlsTrust, String> {
        if self.insecure {
            eprintln!(
                "vcdw: warning: --insecure accepts any certificate, so the connection can be \
                 intercepted. Pin the server's certificate with --pin instead."
            );
            return Ok(TlsTrust::Insecure);
        }
        if let Some(pin) = &self.pin {
            let sha256: Fingerprint = pin
                .parse()
                .map_err(|e: vcd_core::BadFingerprint| e.to_string())?;
            return Ok(TlsTrust::Pinned { sha256 });
        }
        if let Some(path) = &self.ca {
            return Ok(TlsTrust::CaFile { path: path.clone() });
        }
        Ok(TlsTrust::System)
    }
}
