//! Binding, serving HTTP or HTTPS, and stopping.

use crate::cert::self_signed;
use crate::live::Live;
use crate::routes::router;
use crate::scenario::Scenario;
use crate::sessions::SessionStore;
use crate::state::SimState;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder;
use hyper_util::service::TowerToHyperService;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;
use vcd_api::Fingerprint;
use vcd_api::{VcdRelease, DEFAULT_RELEASE};

#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("unknown VCD release '{0}': the simulator knows {known}", known = VcdRelease::names().join(", "))]
    UnknownRelease(String),
    #[error("cannot listen on 127.0.0.1:{port}: {reason}")]
    Bind { port: u16, reason: String },
    #[error("TLS set-up failed: {0}")]
    Tls(String),
    #[error("{0}")]
    PublicUrl(String),
}

/// How to run the simulator.
#[derive(Debug, Clone)]
pub struct SimOptions {
    pub release: &'static VcdRelease,
    /// HTTPS with a self-signed certificate made at start.
    pub tls: bool,
    /// 0 picks a free port.
    pub port: u16,
    /// Orgs, users, tokens; the demo world by default.
    pub scenario: Scenario,
    /// Overrides the scenario's idle timeout.
    pub session_idle: Option<Duration>,
    /// Overrides the scenario's public address (what LoginUrl and hrefs name).
    pub public_url: Option<String>,
    /// vApps in each tenant org's VDC: a large number makes large responses.
    pub scale: usize,
    /// Overrides the scenario's task duration.
    pub task_duration: Option<Duration>,
    /// Added before every answer (`--latency-ms`), for benchmarks over a slow link.
    pub latency: Duration,
}

impl Default for SimOptions {
    fn default() -> Self {
        SimOptions {
            release: VcdRelease::find(DEFAULT_RELEASE).unwrap_or(&vcd_api::SIMULATED_RELEASES[0]),
            tls: false,
            port: 0,
            scenario: Scenario::demo(),
            session_idle: None,
            public_url: None,
            scale: 3,
            task_duration: None,
            latency: Duration::ZERO,
        }
    }
}

impl SimOptions {
    pub fn for_release(name: &str) -> Result<SimOptions, SimError> {
        let release =
            VcdRelease::find(name).ok_or_else(|| SimError::UnknownRelease(name.to_string()))?;
        Ok(SimOptions {
            release,
            ..SimOptions::default()
        })
    }

    pub fn with_tls(mut self, tls: bool) -> SimOptions {
        self.tls = tls;
        self
    }
}

/// A simulator that is accepting connections. Dropping it stops it too.
pub struct RunningSim {
    url: String,
    addr: SocketAddr,
    fingerprint: Option<Fingerprint>,
    certificate_pem: Option<String>,
    release: &'static VcdRelease,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl RunningSim {
    /// `http://127.0.0.1:PORT` or `https://127.0.0.1:PORT` (no trailing slash).
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The SHA-256 fingerprint of the certificate, when serving HTTPS.
    pub fn fingerprint(&self) -> Option<Fingerprint> {
        self.fingerprint
    }

    /// The certificate in PEM, when serving HTTPS (a client may use it as a CA file).
    pub fn certificate_pem(&self) -> Option<&str> {
        self.certificate_pem.as_deref()
    }

    pub fn release(&self) -> &'static VcdRelease {
        self.release
    }

    /// Stops accepting, closes open connections and waits until the server is gone.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningSim {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Binds 127.0.0.1 and starts serving; returns once connections are accepted.
pub async fn start(options: SimOptions) -> Result<RunningSim, SimError> {
    if let Some(url) = &options.public_url {
        crate::scenario::check_public_url(url).map_err(SimError::PublicUrl)?;
    }
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, options.port))
        .await
        .map_err(|e| SimError::Bind {
            port: options.port,
            reason: e.to_string(),
        })?;
    let addr = listener.local_addr().map_err(|e| SimError::Bind {
        port: options.port,
        reason: e.to_string(),
    })?;
    let (acceptor, fingerprint, certificate_pem) = if options.tls {
        let cert = self_signed()?;
        (
            Some(TlsAcceptor::from(cert.config)),
            Some(cert.fingerprint),
            Some(cert.pem),
        )
    } else {
        (None, None, None)
    };
    let scheme = if options.tls { "https" } else { "http" };
    let url = format!("{scheme}://{addr}");
    let idle = options
        .session_idle
        .unwrap_or(Duration::from_secs(options.scenario.session_idle_seconds));
    let public_url = options
        .public_url
        .or_else(|| options.scenario.public_url.clone())
        .map(|u| u.trim_end_matches('/').to_string())
        .unwrap_or_else(|| url.clone());
    let task_duration = options
        .task_duration
        .unwrap_or(Duration::from_millis(options.scenario.task_ms));
    let live = Live::new(
        options.scale,
        task_duration,
        options.scenario.failing_operations.clone(),
    );
    let app = router(
        Arc::new(SimState {
            release: options.release,
            public_url,
            sessions: SessionStore::new(idle, options.scenario.session_max_requests),
            scenario: options.scenario,
            live,
        }),
        options.latency,
    );
    let (shutdown, mut stop) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let mut connections = JoinSet::new();
        loop {
            tokio::select! {
                _ = &mut stop => break,
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    let service = TowerToHyperService::new(app.clone());
                    let acceptor = acceptor.clone();
                    connections.spawn(async move {
                        let builder = Builder::new(TokioExecutor::new());
                        match acceptor {
                            Some(acceptor) => {
                                // A client that refuses the certificate ends the handshake: nothing to serve.
                                if let Ok(tls) = acceptor.accept(stream).await {
                                    let _ = builder.serve_connection_with_upgrades(TokioIo::new(tls), service).await;
                                }
                            }
                            None => {
                                let _ = builder.serve_connection_with_upgrades(TokioIo::new(stream), service).await;
                            }
                        }
                    });
                }
                Some(_) = connections.join_next(), if !connections.is_empty() => {}
            }
        }
        connections.abort_all();
    });
    Ok(RunningSim {
        url,
        addr,
        fingerprint,
        certificate_pem,
        release: options.release,
        shutdown: Some(shutdown),
        task: Some(task),
    })
}
