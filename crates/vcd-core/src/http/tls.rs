//! Which server certificates a connection trusts, and the verifier that enforces it.
//!
//! Verification is on by default (system roots). A self-signed certificate is trusted only by an
//! explicit pin of its SHA-256 fingerprint or a private CA file. The verifier remembers the
//! certificate the server presented, so that an untrusted one can be shown to the user with its
//! fingerprint and pinned in one click.

use crate::error::CoreError;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use ts_rs::TS;
use vcd_api::Fingerprint;

/// How a connection decides to trust the server's certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum TlsTrust {
    /// The operating system's certificate authorities.
    #[default]
    System,
    /// The system's authorities plus the ones in a PEM file (an enterprise's private CA).
    CaFile {
        #[ts(type = "string")]
        path: PathBuf,
    },
    /// Exactly the certificate with this SHA-256 fingerprint (a lab's self-signed certificate).
    Pinned {
        #[ts(type = "string")]
        sha256: Fingerprint,
    },
    /// Any certificate. Only the command line offers this, behind `--insecure` and a warning.
    Insecure,
}

/// What the verifier saw during the last handshake of a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresentedCertificate {
    pub fingerprint: Fingerprint,
    /// Why it was refused, in words a user understands; `None` when it was accepted.
    pub rejected: Option<String>,
}

/// Shared with the verifier: read it after a failed request to learn what the server presented.
#[derive(Debug, Clone, Default)]
pub struct CertificateLog(Arc<Mutex<Option<PresentedCertificate>>>);

impl CertificateLog {
    pub fn last(&self) -> Option<PresentedCertificate> {
        self.0.lock().map(|g| g.clone()).unwrap_or(None)
    }

    fn record(&self, seen: PresentedCertificate) {
        if let Ok(mut g) = self.0.lock() {
            *g = Some(seen);
        }
    }
}

#[derive(Debug)]
struct TrustVerifier {
    /// `Err` holds why no chain can be verified (no root certificates at all).
    webpki: Result<Arc<WebPkiServerVerifier>, String>,
    pin: Option<Fingerprint>,
    insecure: bool,
    provider: Arc<CryptoProvider>,
    log: CertificateLog,
}

fn explain(err: &rustls::Error) -> String {
    match err {
        rustls::Error::InvalidCertificate(c) => match c {
            CertificateError::UnknownIssuer => {
                "it is not signed by a certificate authority this computer trusts \
                 (a self-signed or private-CA certificate)"
                    .into()
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                "it has expired".into()
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                "it is not valid yet (check this computer's clock)".into()
            }
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                "it was issued for another host name".into()
            }
            CertificateError::Revoked => "it has been revoked".into(),
            other => format!("it is invalid ({other:?})"),
        },
        other => other.to_string(),
    }
}

impl ServerCertVerifier for TrustVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let fingerprint = Fingerprint::of_der(end_entity);
        let outcome = if self.insecure {
            Ok(ServerCertVerified::assertion())
        } else if let Some(pin) = self.pin {
            if pin == fingerprint {
                Ok(ServerCertVerified::assertion())
            } else {
                self.log.record(PresentedCertificate {
                    fingerprint,
                    rejected: Some(format!(
                        "its fingerprint does not match the pinned one ({pin})"
                    )),
                });
                return Err(rustls::Error::InvalidCertificate(
                    CertificateError::ApplicationVerificationFailure,
                ));
            }
        } else {
            match &self.webpki {
                Ok(v) => {
                    v.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
                }
                Err(why) => {
                    self.log.record(PresentedCertificate {
                        fingerprint,
                        rejected: Some(why.clone()),
                    });
                    return Err(rustls::Error::InvalidCertificate(
                        CertificateError::UnknownIssuer,
                    ));
                }
            }
        };
        self.log.record(PresentedCertificate {
            fingerprint,
            rejected: outcome.as_ref().err().map(explain),
        });
        outcome
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

fn read_ca_file(path: &PathBuf) -> Result<Vec<CertificateDer<'static>>, CoreError> {
    let bytes = std::fs::read(path).map_err(|e| CoreError::CaFile {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let certs: Vec<_> = rustls_pemfile::certs(&mut bytes.as_slice())
        .collect::<Result<_, _>>()
        .map_err(|e| CoreError::CaFile {
            path: path.display().to_string(),
            reason: format!("it is not a readable PEM file ({e})"),
        })?;
    if certs.is_empty() {
        return Err(CoreError::CaFile {
            path: path.display().to_string(),
            reason: "it holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)".into(),
        });
    }
    Ok(certs)
}

/// A rustls client configuration for this trust choice, and the log its verifier writes to.
pub fn client_config(
    trust: &TlsTrust,
) -> Result<(rustls::ClientConfig, CertificateLog), CoreError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = RootCertStore::empty();
    let (pin, insecure) = match trust {
        TlsTrust::Pinned { sha256 } => (Some(*sha256), false),
        TlsTrust::Insecure => (None, true),
        TlsTrust::System | TlsTrust::CaFile { .. } => (None, false),
    };
    if pin.is_none() && !insecure {
        // Unreadable system certificates are skipped: the ones that load still count.
        let native = rustls_native_certs::load_native_certs();
        roots.add_parsable_certificates(native.certs);
        if let TlsTrust::CaFile { path } = trust {
            let (added, _) = roots.add_parsable_certificates(read_ca_file(path)?);
            if added == 0 {
                return Err(CoreError::CaFile {
                    path: path.display().to_string(),
                    reason: "none of its certificates could be used as a trust anchor".into(),
                });
            }
        }
    }
    let webpki = if roots.is_empty() {
        Err(
            "this computer has no trusted certificate authorities installed \
             (install ca-certificates, or pin the certificate)"
                .to_string(),
        )
    } else {
        WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
            .build()
            .map_err(|e| e.to_string())
    };
    let log = CertificateLog::default();
    let verifier = TrustVerifier {
        webpki,
        pin,
        insecure,
        provider: provider.clone(),
        log: log.clone(),
    };
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| CoreError::Internal(format!("TLS set-up failed: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok((config, log))
}
