//! The simulator's self-signed certificate, made anew at every start.

use crate::server::SimError;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::sync::Arc;
use vcd_api::Fingerprint;

pub struct SelfSigned {
    pub config: Arc<rustls::ServerConfig>,
    pub fingerprint: Fingerprint,
    pub pem: String,
}

pub fn self_signed() -> Result<SelfSigned, SimError> {
    let names = vec!["localhost".to_string(), "127.0.0.1".to_string()];
    let generated = rcgen::generate_simple_self_signed(names)
        .map_err(|e| SimError::Tls(format!("could not make a certificate: {e}")))?;
    let der: CertificateDer<'static> = generated.cert.der().clone();
    let fingerprint = Fingerprint::of_der(&der);
    let pem = generated.cert.pem();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        generated.signing_key.serialize_der(),
    ));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| SimError::Tls(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(vec![der], key)
        .map_err(|e| SimError::Tls(e.to_string()))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(SelfSigned {
        config: Arc::new(config),
        fingerprint,
        pem,
    })
}
