//! The HTTP client: one reqwest client per trust choice, the redirect rule that keeps credentials
//! with their origin, and reqwest's failures turned into errors a tenant understands.

use crate::error::CoreError;
use crate::http::{client_config, CertificateLog, TlsTrust};
use crate::http::{Body, BodyLimits, BodySink};
use std::error::Error as _;
use std::time::Duration;

/// How requests reach a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpOptions {
    pub trust: TlsTrust,
    /// For the whole request, connection included.
    pub timeout: Duration,
    /// An HTTP(S) proxy; `None` uses HTTPS_PROXY / NO_PROXY from the environment.
    pub proxy: Option<String>,
    /// How much of a body stays in memory, and how large one may be.
    pub body_limits: BodyLimits,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            trust: TlsTrust::System,
            timeout: Duration::from_secs(30),
            proxy: None,
            body_limits: BodyLimits::default(),
        }
    }
}

/// The longest timeout a request may have: an hour covers a large download on a slow line.
pub const MAX_TIMEOUT_SECS: u64 = 3600;

/// A timeout a user gave, in seconds: 0 would fail every request at once, and one over an hour is
/// a typo; both are refused rather than quietly changed.
pub fn timeout_from_secs(seconds: u64) -> Result<Duration, CoreError> {
    if seconds == 0 || seconds > MAX_TIMEOUT_SECS {
        return Err(CoreError::BadTimeout {
            seconds,
            max: MAX_TIMEOUT_SECS,
        });
    }
    Ok(Duration::from_secs(seconds))
}

/// A client and the log of the certificates its connections were shown.
#[derive(Debug, Clone)]
pub struct HttpClient {
    client: reqwest::Client,
    certificates: CertificateLog,
    timeout: Duration,
    body_limits: BodyLimits,
}

impl HttpClient {
    pub fn new(options: &HttpOptions) -> Result<HttpClient, CoreError> {
        let (tls, certificates) = client_config(&options.trust)?;
        let mut builder = reqwest::Client::builder();
        if let Some(proxy) = options.proxy.as_deref().filter(|p| !p.trim().is_empty()) {
            let proxy = reqwest::Proxy::all(proxy.trim()).map_err(|e| CoreError::InvalidUrl {
                input: proxy.to_string(),
                reason: format!("it is not a usable proxy address ({e})"),
            })?;
            builder = builder.proxy(proxy);
        }
        let client = builder
            .redirect(redirect_policy())
            .use_preconfigured_tls(tls)
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .user_agent(concat!("VCD-Workbench/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| CoreError::Internal(format!("HTTP client set-up failed: {e}")))?;
        Ok(HttpClient {
            client,
            certificates,
            timeout: options.timeout,
            body_limits: options.body_limits,
        })
    }

    pub fn body_limits(&self) -> BodyLimits {
        self.body_limits
    }

    pub fn inner(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends a request and reads its whole body. An idempotent request that meets a kept-alive
    /// connection the server had already closed is sent once more, on a fresh connection (as
    /// browsers do); any other failure is explained.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Result<Response, CoreError> {
        let request = request
            .build()
            .map_err(|e| CoreError::Internal(format!("request could not be built: {e}")))?;
        let url = request.url().to_string();
        let method = request.method().to_string();
        let request_headers = request.headers().clone();
        let started = std::time::Instant::now();
        let started_at = std::time::SystemTime::now();
        let again = request.try_clone().filter(|r| is_idempotent(r.method()));
        let response = match self.client.execute(request).await {
            Ok(r) => r,
            Err(e) if again.is_some() && closed_before_answer(&e) => {
                tracing::info!("the server had closed the kept-alive connection: sending again");
                self.client
                    .execute(again.expect("checked above"))
                    .await
                    .map_err(|e| self.explain(&url, e))?
            }
            Err(e) => return Err(self.explain(&url, e)),
        };
        // Where the answer came from, after any same-origin redirects.
        let url = response.url().to_string();
        let status = response.status().as_u16();
        let mut headers = response.headers().clone();
        let body = self.read_body(&url, response, &mut headers).await?;
        Ok(Response {
            method,
            url,
            request_headers,
            status,
            headers,
            body,
            started_at,
            elapsed: started.elapsed(),
        })
    }

    /// Reads a body chunk by chunk into a [`BodySink`]: memory, then a temporary file; gzip is
    /// inflated here (not by reqwest) so that the guard sees compressed and inflated sizes.
    async fn read_body(
        &self,
        url: &str,
        mut response: reqwest::Response,
        headers: &mut reqwest::header::HeaderMap,
    ) -> Result<Body, CoreError> {
        let gzip = headers
            .get(reqwest::header::CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("gzip"));
        let mut sink = BodySink::new(self.body_limits, gzip);
        sink.check_length(response.content_length())
            .map_err(|s| s.into_error(url))?;
        while let Some(chunk) = response.chunk().await.map_err(|e| self.explain(url, e))? {
            // Writing to the spool file blocks for a moment; chunks are small.
            sink.push(&chunk).map_err(|s| s.into_error(url))?;
        }
        let body = sink.finish().map_err(|s| s.into_error(url))?;
        if gzip {
            // The body is kept inflated: say so, as a decoding client does.
            headers.remove(reqwest::header::CONTENT_ENCODING);
            headers.remove(reqwest::header::CONTENT_LENGTH);
        }
        Ok(body)
    }

    fn explain(&self, url: &str, err: reqwest::Error) -> CoreError {
        let url = url.to_string();
        if err.is_timeout() {
            return CoreError::Timeout {
                url,
                seconds: self.timeout.as_secs().max(1),
            };
        }
        let chain = error_chain(&err);
        if let Some(seen) = self.certificates.last() {
            if let Some(reason) = seen.rejected {
                return CoreError::UntrustedCertificate {
                    url,
                    reason,
                    fingerprint: seen.fingerprint.to_string(),
                };
            }
        }
        let mut source = err.source();
        while let Some(s) = source {
            if let Some(io) = s.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::ConnectionRefused {
                    return CoreError::ConnectionRefused { url };
                }
                if io.kind() == std::io::ErrorKind::TimedOut {
                    return CoreError::Timeout {
                        url,
                        seconds: self.timeout.as_secs().max(1),
                    };
                }
            }
            if s.downcast_ref::<rustls::Error>().is_some() {
                return CoreError::Tls { url, reason: chain };
            }
            source = s.source();
        }
        if chain.contains("dns error") || chain.contains("failed to lookup address") {
            return CoreError::HostNotFound { url, reason: chain };
        }
        if chain.contains("Connection refused") {
            return CoreError::ConnectionRefused { url };
        }
        CoreError::Network { url, reason: chain }
    }
}

/// Redirects are followed only within the origin (scheme, host, port) the request went to, at most
/// ten. reqwest alone would follow another origin and strip only `Authorization`, so a legacy
/// `x-vcloud-authorization` would travel on; a browser never sends such headers across origins.
/// A redirect that is not followed comes back as the answer, with its `Location`.
fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let first = attempt.previous().first().cloned();
        let elsewhere = first.is_some_and(|f| !crate::http::same_origin(&f, attempt.url()));
        if attempt.previous().len() > MAX_REDIRECTS || elsewhere {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}

pub const MAX_REDIRECTS: usize = 10;

fn is_idempotent(method: &reqwest::Method) -> bool {
    use reqwest::Method;
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
    ]
    .contains(method)
}

/// hyper's "connection closed before message completed": a pooled connection the server closed.
fn closed_before_answer(err: &reqwest::Error) -> bool {
    let mut source = err.source();
    while let Some(s) = source {
        if let Some(h) = s.downcast_ref::<hyper::Error>() {
            if h.is_incomplete_message() {
                return true;
            }
        }
        source = s.source();
    }
    false
}

fn error_chain(err: &reqwest::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

/// A whole response; its body may sit in a temporary file (see [`Body`]).
#[derive(Debug, Clone)]
pub struct Response {
    pub method: String,
    pub url: String,
    /// What was sent, so the exchange can be shown (masked) to the user.
    pub request_headers: reqwest::header::HeaderMap,
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Body,
    /// When the request was sent.
    pub started_at: std::time::SystemTime,
    /// From sending the request to the last byte of the body.
    pub elapsed: std::time::Duration,
}

impl Response {
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
    }

    /// The body of a protocol answer (versions, session, login, error), which is small: a body
    /// that went to a temporary file is too large to be one, and is reported as such.
    pub fn protocol_body(&self) -> Result<&[u8], CoreError> {
        self.body.in_memory().ok_or_else(|| CoreError::NotXml {
            url: self.url.clone(),
            detail: format!(
                "the answer is {} MB, far larger than any VCD protocol document",
                self.body.len() / 1024 / 1024
            ),
        })
    }

    /// VCD's error in the body, if it holds one (error bodies are small: one that went to a temporary
    /// file is not read for it).
    pub fn vcd_error(&self) -> Option<crate::xml::VcdError> {
        self.body.in_memory().and_then(crate::xml::VcdError::parse)
    }

    /// For a redirect that came back as the answer: where it points, and why it was not followed.
    pub fn redirect_not_followed(&self) -> Option<(String, String)> {
        if !(300..400).contains(&self.status) {
            return None;
        }
        let location = self.headers.get(reqwest::header::LOCATION)?.to_str().ok()?;
        let here = url::Url::parse(&self.url).ok()?;
        let Ok(there) = here.join(location) else {
            return Some((
                location.to_string(),
                "Not followed: the Location is not a usable URL.".into(),
            ));
        };
        let why = if crate::http::same_origin(&here, &there) {
            format!(
                "Not followed: more than {MAX_REDIRECTS} redirects in a row, which looks like a loop."
            )
        } else {
            format!(
                "Not followed: it leads to another origin ({}) than this request's ({}), and \
                 credentials are only sent to the profile's own address. Open it with Auth: None \
                 if you trust it.",
                crate::http::origin(&there),
                crate::http::origin(&here)
            )
        };
        Some((there.to_string(), why))
    }
}
