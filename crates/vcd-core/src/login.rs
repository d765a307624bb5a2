//! Logging in to VCD (password: legacy `/api/sessions` or CloudAPI sessions, chosen from the
//! `LoginUrl` of the version in use; API token: the OAuth exchange), and the session manager that
//! attaches the session to requests, logs in again once on 401, and logs out.

use crate::address::{
    check_no_secrets, join_path, normalize_base_url, origin, rebase, request_url, same_origin,
};
use crate::error::CoreError;
use crate::exchange::Exchange;
use crate::http::{HttpClient, HttpOptions, Response};
use crate::request_body::RequestBody;
use crate::secret::Secret;
use crate::session_xml::{parse_session, Link, SessionInfo};
use crate::vcd_error::VcdError;
use crate::versions::{fetch_versions, VersionEntry};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use reqwest::Method;
use serde::Serialize;
use ts_rs::TS;
use url::Url;
use vcd_api::{json_accept, xml_accept, ApiVersion};

pub use vcd_api::SYSTEM_ORG;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AuthKind {
    Password,
    ApiToken,
}

/// How the session travels on later requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SessionHeader {
    /// `Authorization: Bearer` + `X-VMWARE-VCLOUD-TOKEN-TYPE` (what current VCD prefers).
    #[default]
    Bearer,
    /// `x-vcloud-authorization`, as the classic guide does (only after a legacy login).
    Legacy,
}

/// Everything needed to log in. The secret is a password or an API token, by `kind`.
#[derive(Debug, Clone)]
pub struct LoginRequest {
    pub base_url: String,
    pub org: String,
    /// The user name (password login); ignored for API tokens, which name their user.
    pub user: String,
    pub kind: AuthKind,
    pub secret: Secret,
    /// `None`: the highest active version the server offers.
    pub version: Option<String>,
    pub session_header: SessionHeader,
}

impl LoginRequest {
    pub fn is_provider(&self) -> bool {
        vcd_api::is_system_org(&self.org)
    }

    fn login_name(&self) -> String {
        format!("{}@{}", self.user, self.org)
    }
}

/// A live session. Its tokens are [`Secret`]s and stay in memory.
#[derive(Debug, Clone)]
pub struct Session {
    pub base: Url,
    pub version: ApiVersion,
    pub user: String,
    pub org: String,
    pub auth: AuthKind,
    /// The LoginUrl (or ProviderLoginUrl) as the server announced it.
    pub login_url: String,
    /// True when that LoginUrl names another host than the profile's: its path was used instead.
    pub login_host_differs: bool,
    pub bearer: Secret,
    pub legacy_token: Option<Secret>,
    /// The Links of the XML Session (`GET /api/session`).
    pub links: Vec<Link>,
    /// The idle timeout the server announced (CloudAPI login, or the token's `expires_in`).
    pub idle_timeout_secs: Option<u64>,
}

/// What `vcdw login --json` prints and the session badge shows: never a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SessionSummary {
    pub user: String,
    pub org: String,
    pub version: String,
    pub auth: AuthKind,
    pub login_url: String,
    pub login_host_differs: bool,
    pub legacy_token: bool,
    pub links: usize,
    /// Seconds of inactivity before the session expires, when the server said.
    #[ts(type = "number | null")]
    pub idle_timeout_secs: Option<u64>,
}

impl Session {
    pub fn summary(&self) -> SessionSummary {
        SessionSummary {
            user: self.user.clone(),
            org: self.org.clone(),
            version: self.version.to_string(),
            auth: self.auth,
            login_url: self.login_url.clone(),
            login_host_differs: self.login_host_differs,
            legacy_token: self.legacy_token.is_some(),
            links: self.links.len(),
            idle_timeout_secs: self.idle_timeout_secs,
        }
    }
}

fn header_value(text: &str) -> Result<HeaderValue, CoreError> {
    HeaderValue::from_str(text).map_err(|_| {
        CoreError::Internal("a header value holds characters HTTP cannot carry".into())
    })
}

/// `Authorization: Bearer <token>` and `X-VMWARE-VCLOUD-TOKEN-TYPE: Bearer`, as VCD wants them.
fn bearer_headers(headers: &mut HeaderMap, token: &Secret) -> Result<(), CoreError> {
    headers.insert(
        AUTHORIZATION,
        header_value(&format!("Bearer {}", token.expose()))?,
    );
    headers.insert(
        "X-VMWARE-VCLOUD-TOKEN-TYPE",
        HeaderValue::from_static("Bearer"),
    );
    Ok(())
}

fn read_header(response: &Response, name: &str) -> Option<String> {
    response
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The path of an absolute LoginUrl, used against the profile's own base URL; and whether its host
/// differs from the profile's (VCD builds LoginUrl from its configured public address).
fn login_target(base: &Url, login_url: &str) -> (Url, bool) {
    match Url::parse(login_url) {
        Ok(announced) => (rebase(base, &announced), !same_origin(&announced, base)),
        Err(_) => (join_path(base, login_url), false),
    }
}

fn choose_version<'a>(
    list: &'a crate::versions::VersionList,
    wanted: Option<&str>,
) -> Result<&'a VersionEntry, CoreError> {
    match wanted {
        Some(v) => list.find(v).ok_or_else(|| CoreError::VersionNotOffered {
            version: v.to_string(),
            offered: list
                .versions
                .iter()
                .filter(|e| !e.deprecated)
                .map(|e| e.version.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }),
        None => list
            .default_entry()
            .ok_or_else(|| CoreError::VersionNotOffered {
                version: "(any active)".into(),
                offered: "only deprecated versions".into(),
            }),
    }
}

/// A 401 or other failure of a password login, explained.
fn password_refused(request: &LoginRequest, response: &Response, legacy: bool) -> CoreError {
    if response.status == 401 {
        if let Some(err) = response.vcd_error() {
            if matches!(
                err.minor.as_deref(),
                Some("ACCOUNT_LOCKED" | "ACCOUNT_DISABLED")
            ) {
                return CoreError::AccountBlocked {
                    login: request.login_name(),
                    detail: err.message,
                };
            }
        }
        return CoreError::LoginRefused {
            login: request.login_name(),
            legacy,
        };
    }
    http_error(response)
}

pub(crate) fn http_error(response: &Response) -> CoreError {
    CoreError::Http {
        url: response.url.clone(),
        status: response.status,
        vcd: response.vcd_error(),
    }
}

/// Logs in; returns the session and the exchange as it happened (secrets masked).
pub async fn login(
    client: &HttpClient,
    request: &LoginRequest,
) -> Result<(Session, Exchange), CoreError> {
    let base = normalize_base_url(&request.base_url)?;
    let versions = fetch_versions(client, &base).await?;
    let entry = choose_version(&versions, request.version.as_deref())?;
    let version: ApiVersion = entry
        .version
        .parse()
        .map_err(|e: vcd_api::BadApiVersion| CoreError::Internal(e.to_string()))?;
    let mut steps = Exchange::default();
    let (bearer, legacy_token, login_url, differs, idle) = match request.kind {
        AuthKind::ApiToken => {
            let (bearer, url, idle) =
                exchange_api_token(client, &base, &version, request, &mut steps).await?;
            (bearer, None, url, false, idle)
        }
        AuthKind::Password => {
            password_login(client, &base, &version, entry, request, &mut steps).await?
        }
    };
    // Always read the XML Session, so the legacy link tree is known whichever login was used.
    let response = get_session(client, &base, &version, &bearer).await?;
    steps.record(&response);
    let info = read_session(&response)?;
    let session = Session {
        base,
        version,
        user: info.user,
        org: info.org,
        auth: request.kind,
        login_url,
        login_host_differs: differs,
        bearer,
        legacy_token,
        links: info.links,
        idle_timeout_secs: idle,
    };
    Ok((session, steps))
}

/// `GET /api/session` with a bearer.
async fn get_session(
    client: &HttpClient,
    base: &Url,
    version: &ApiVersion,
    bearer: &Secret,
) -> Result<Response, CoreError> {
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, header_value(&xml_accept(version))?);
    bearer_headers(&mut headers, bearer)?;
    client
        .send(
            client
                .inner()
                .get(join_path(base, "/api/session"))
                .headers(headers),
        )
        .await
}

fn read_session(response: &Response) -> Result<SessionInfo, CoreError> {
    if response.status != 200 {
        return Err(http_error(response));
    }
    parse_session(response.protocol_body()?).map_err(|why| CoreError::NotXml {
        url: response.url.clone(),
        detail: format!("the body is not a VCD Session: {why}"),
    })
}

/// A session as `vcdw login --keep` leaves it in the keyring for later commands (one JSON secret).
/// User, org and Links are not kept: resuming reads them again from `GET /api/session`.
#[derive(Serialize, serde::Deserialize)]
struct KeptSession {
    base: String,
    version: String,
    auth: AuthKind,
    login_url: String,
    login_host_differs: bool,
    bearer: String,
    legacy_token: Option<String>,
    idle_timeout_secs: Option<u64>,
}

async fn password_login(
    client: &HttpClient,
    base: &Url,
    version: &ApiVersion,
    entry: &VersionEntry,
    request: &LoginRequest,
    steps: &mut Exchange,
) -> Result<(Secret, Option<Secret>, String, bool, Option<u64>), CoreError> {
    let announced = if request.is_provider() {
        entry
            .provider_login_url
            .as_deref()
            .unwrap_or(&entry.login_url)
    } else {
        &entry.login_url
    };
    let (target, differs) = login_target(base, announced);
    let legacy = target.path().ends_with("/api/sessions");
    let accept = if legacy {
        xml_accept(version)
    } else {
        json_accept(version)
    };
    let response = client
        .send(
            client
                .inner()
                .post(target)
                .header(ACCEPT, header_value(&accept)?)
                .basic_auth(request.login_name(), Some(request.secret.expose())),
        )
        .await?;
    steps.record(&response);
    if response.status != 200 {
        return Err(password_refused(request, &response, legacy));
    }
    let bearer = read_header(&response, "x-vmware-vcloud-access-token").map(Secret::new);
    let legacy_token = read_header(&response, "x-vcloud-authorization").map(Secret::new);
    let bearer = match (bearer, &legacy_token) {
        (Some(b), _) => b,
        // An older VCD answers only the legacy token; it is accepted as a bearer too.
        (None, Some(l)) => l.clone(),
        (None, None) => {
            return Err(CoreError::Http {
                url: response.url.clone(),
                status: response.status,
                vcd: Some(VcdError {
                    major: None,
                    minor: None,
                    message: "the login answer carried no session token".into(),
                }),
            })
        }
    };
    let idle =
        serde_json::from_slice::<serde_json::Value>(response.body.in_memory().unwrap_or_default())
            .ok()
            .and_then(|v| v.get("sessionIdleTimeoutMinutes")?.as_u64())
            .map(|m| m * 60);
    Ok((bearer, legacy_token, announced.to_string(), differs, idle))
}

async fn exchange_api_token(
    client: &HttpClient,
    base: &Url,
    version: &ApiVersion,
    request: &LoginRequest,
    steps: &mut Exchange,
) -> Result<(Secret, String, Option<u64>), CoreError> {
    if !version.at_least("36.1") {
        return Err(CoreError::ApiTokensNeedNewerVcd {
            version: version.to_string(),
        });
    }
    let path = vcd_api::token_path(&request.org);
    let url = join_path(base, &path);
    // The token goes in the form body only: a URL is kept in proxy and server logs.
    let body = format!(
        "grant_type=refresh_token&refresh_token={}",
        form_encode(request.secret.expose())
    );
    let response = client
        .send(
            client
                .inner()
                .post(url.clone())
                .header(ACCEPT, "application/json")
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(body),
        )
        .await?;
    steps.record(&response);
    if response.status != 200 {
        if matches!(response.status, 400 | 401 | 403) {
            let reason = serde_json::from_slice::<serde_json::Value>(
                response.body.in_memory().unwrap_or_default(),
            )
            .ok()
            .and_then(|v| {
                v.get("error_description")
                    .or_else(|| v.get("message"))
                    .and_then(|m| m.as_str())
                    .map(str::to_string)
            })
            .unwrap_or_else(|| format!("HTTP {}.", response.status));
            return Err(CoreError::ApiTokenRefused {
                org: request.org.clone(),
                reason,
            });
        }
        return Err(http_error(&response));
    }
    let answer =
        serde_json::from_slice::<serde_json::Value>(response.body.in_memory().unwrap_or_default())
            .ok();
    let idle = answer.as_ref().and_then(|v| v.get("expires_in")?.as_u64());
    let access = answer
        .and_then(|v| {
            v.get("access_token")
                .and_then(|t| t.as_str())
                .map(Secret::new)
        })
        .ok_or_else(|| CoreError::NotXml {
            url: response.url.clone(),
            detail: "the token answer holds no access_token".into(),
        })?;
    Ok((access, url.to_string(), idle))
}

/// `application/x-www-form-urlencoded` for one value.
fn form_encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// How one request authenticates (the composer's Auth panel). Secrets stay [`Secret`]s: they are
/// sent, never shown, logged or kept.
#[derive(Debug, Clone, serde::Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum RequestAuth {
    /// Whatever the session manager attaches (the default).
    Inherit,
    /// No credentials at all (e.g. `GET /api/versions`).
    None,
    /// `Authorization: Basic` of `user@org:password`, as a login sends.
    Basic {
        user: String,
        org: String,
        #[ts(type = "string")]
        password: Secret,
    },
    /// A pasted bearer token.
    Bearer {
        #[ts(type = "string")]
        token: Secret,
    },
    /// A pasted legacy `x-vcloud-authorization` token.
    Legacy {
        #[ts(type = "string")]
        token: Secret,
    },
    /// An API token exchanged at `/oauth/.../token` for this request's bearer.
    ApiToken {
        org: String,
        #[ts(type = "string")]
        token: Secret,
    },
}

fn auth_secrets(auth: &RequestAuth) -> Vec<(&str, &'static str)> {
    match auth {
        RequestAuth::Basic { password, .. } => vec![(password.expose(), "the password")],
        RequestAuth::Bearer { token } | RequestAuth::Legacy { token } => {
            vec![(token.expose(), "the session token")]
        }
        RequestAuth::ApiToken { token, .. } => vec![(token.expose(), "the API token")],
        RequestAuth::Inherit | RequestAuth::None => Vec::new(),
    }
}

/// One live session per profile: attaches it to requests, logs in again once on 401, logs out.
pub struct SessionManager {
    client: HttpClient,
    request: LoginRequest,
    session: Option<Session>,
    /// When the session was last used: the server's idle clock restarts then.
    last_used: std::time::Instant,
}

impl SessionManager {
    pub fn new(options: &HttpOptions, request: LoginRequest) -> Result<SessionManager, CoreError> {
        Ok(SessionManager {
            client: HttpClient::new(options)?,
            request,
            session: None,
            last_used: std::time::Instant::now(),
        })
    }

    /// How large bodies may be, for requests and answers alike.
    pub fn body_limits(&self) -> crate::body::BodyLimits {
        self.client.body_limits()
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// Seconds until the session idles out, when its timeout is known.
    pub fn idle_left_secs(&self) -> Option<u64> {
        let timeout = self.session.as_ref()?.idle_timeout_secs?;
        Some(timeout.saturating_sub(self.last_used.elapsed().as_secs()))
    }

    pub async fn login(&mut self) -> Result<(SessionSummary, Exchange), CoreError> {
        let (session, steps) = login(&self.client, &self.request).await?;
        let summary = session.summary();
        self.session = Some(session);
        self.last_used = std::time::Instant::now();
        Ok((summary, steps))
    }

    /// The open session as one secret to keep in the keyring, for a later process to resume.
    pub fn kept(&self) -> Option<Secret> {
        let s = self.session.as_ref()?;
        let kept = KeptSession {
            base: s.base.to_string(),
            version: s.version.to_string(),
            auth: s.auth,
            login_url: s.login_url.clone(),
            login_host_differs: s.login_host_differs,
            bearer: s.bearer.expose().to_string(),
            legacy_token: s.legacy_token.as_ref().map(|t| t.expose().to_string()),
            idle_timeout_secs: s.idle_timeout_secs,
        };
        serde_json::to_string(&kept).ok().map(Secret::new)
    }

    /// Takes up a kept session if the server still knows it (`GET /api/session`). `Ok(false)` when
    /// it has ended (idled out, logged out) or belongs to another address or login kind: the next
    /// request then logs in anew.
    pub async fn resume(&mut self, kept: &Secret) -> Result<bool, CoreError> {
        let Ok(kept) = serde_json::from_str::<KeptSession>(kept.expose()) else {
            return Ok(false);
        };
        let base = normalize_base_url(&self.request.base_url)?;
        let Ok(version) = kept.version.parse::<ApiVersion>() else {
            return Ok(false);
        };
        if kept.base != base.as_str() || kept.auth != self.request.kind {
            return Ok(false);
        }
        let bearer = Secret::new(kept.bearer);
        let response = get_session(&self.client, &base, &version, &bearer).await?;
        if response.status == 401 {
            return Ok(false);
        }
        let info = read_session(&response)?;
        self.session = Some(Session {
            base,
            version,
            user: info.user,
            org: info.org,
            auth: kept.auth,
            login_url: kept.login_url,
            login_host_differs: kept.login_host_differs,
            bearer,
            legacy_token: kept.legacy_token.map(Secret::new),
            links: info.links,
            idle_timeout_secs: kept.idle_timeout_secs,
        });
        self.last_used = std::time::Instant::now();
        Ok(true)
    }

    /// Where a request for `path` (a path, or a full URL) goes, checked once for every way of
    /// sending: no secret in it (this profile's, the session's, or `auth`'s own), and credentials
    /// only to the profile's own origin. An href naming the public address VCD announced (its
    /// LoginUrl's host, when that differs) is reached by its path on the profile's address, as login
    /// does; any other origin is refused unless the request carries no credentials.
    fn target(&self, path: &str, auth: &RequestAuth) -> Result<Url, CoreError> {
        let base = match &self.session {
            Some(s) => s.base.clone(),
            None => normalize_base_url(&self.request.base_url)?,
        };
        let mut url = request_url(&base, path)?;
        let mut known = vec![(
            self.request.secret.expose(),
            match self.request.kind {
                AuthKind::ApiToken => "the API token",
                AuthKind::Password => "the password",
            },
        )];
        if let Some(s) = &self.session {
            known.push((s.bearer.expose(), "the session token"));
            if let Some(l) = &s.legacy_token {
                known.push((l.expose(), "the session token"));
            }
        }
        known.extend(auth_secrets(auth));
        check_no_secrets(&url, &known)?;
        if !same_origin(&url, &base) {
            let announced = self
                .session
                .as_ref()
                .filter(|s| s.login_host_differs)
                .and_then(|s| Url::parse(&s.login_url).ok());
            if announced.is_some_and(|a| same_origin(&a, &url)) {
                url = rebase(&base, &url);
            } else if !matches!(auth, RequestAuth::None) {
                return Err(CoreError::ForeignOrigin {
                    url: url.to_string(),
                    origin: origin(&base),
                });
            }
        }
        Ok(url)
    }

    fn auth_headers(&self, session: &Session, headers: &mut HeaderMap) -> Result<(), CoreError> {
        match (self.request.session_header, &session.legacy_token) {
            (SessionHeader::Legacy, Some(token)) => {
                headers.insert("x-vcloud-authorization", header_value(token.expose())?);
            }
            _ => {
                bearer_headers(headers, &session.bearer)?;
            }
        }
        Ok(())
    }

    /// Sends a request with the session (logging in first when there is none). `path` is absolute
    /// (`https://...`) or relative to the profile's base URL. Without an explicit Accept header,
    /// `/api/...` gets the XML one and `/cloudapi/...` the JSON one for the session's version.
    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        extra_headers: &HeaderMap,
        body: Option<RequestBody>,
    ) -> Result<Response, CoreError> {
        if self.session.is_none() {
            self.login().await?;
        }
        let mut retried = false;
        loop {
            let url = self.target(path, &RequestAuth::Inherit)?;
            let session = self.session.as_ref().ok_or(CoreError::NotLoggedIn)?;
            let mut headers = extra_headers.clone();
            if !headers.contains_key(ACCEPT) {
                let accept = if url.path().contains("/cloudapi/") {
                    json_accept(&session.version)
                } else {
                    xml_accept(&session.version)
                };
                headers.insert(ACCEPT, header_value(&accept)?);
            }
            self.auth_headers(session, &mut headers)?;
            let mut builder = self
                .client
                .inner()
                .request(method.clone(), url.clone())
                .headers(headers);
            if let Some(b) = &body {
                builder = builder.body(b.to_reqwest().await?);
            }
            let response = self.client.send(builder).await?;
            self.last_used = std::time::Instant::now();
            match response.status {
                401 if !retried => {
                    tracing::info!("session refused (401): logging in again once");
                    retried = true;
                    self.session = None;
                    self.login().await?;
                }
                401 => {
                    return Err(CoreError::SessionRejected {
                        url: url.to_string(),
                    })
                }
                _ => return Ok(response),
            }
        }
    }

    /// Sends a request authenticated as `auth` says: the session (`Inherit`), or other credentials
    /// for this request only (the session is left as it is).
    pub async fn send_as(
        &mut self,
        auth: &RequestAuth,
        method: Method,
        path: &str,
        extra_headers: &HeaderMap,
        body: Option<RequestBody>,
    ) -> Result<Response, CoreError> {
        if matches!(auth, RequestAuth::Inherit) {
            return self.send(method, path, extra_headers, body).await;
        }
        // Where it goes and what it carries are checked before an API token opens a session, so a
        // refused request leaves no session open on the server.
        let url = self.target(path, auth)?;
        let body = match body {
            Some(b) => Some(b.to_reqwest().await?),
            None => None,
        };
        let mut headers = extra_headers.clone();
        // An exchanged API token opens a session of its own, closed again after the request.
        let mut exchanged: Option<(Session, SessionManager)> = None;
        match auth {
            RequestAuth::Inherit => {}
            RequestAuth::None => {}
            // Set on the request below: reqwest encodes `user@org:password`.
            RequestAuth::Basic { .. } => {}
            RequestAuth::Bearer { token } => {
                bearer_headers(&mut headers, token)?;
            }
            RequestAuth::Legacy { token } => {
                headers.insert("x-vcloud-authorization", header_value(token.expose())?);
            }
            RequestAuth::ApiToken { org, token } => {
                let request = LoginRequest {
                    org: org.clone(),
                    user: String::new(),
                    kind: AuthKind::ApiToken,
                    secret: token.clone(),
                    session_header: SessionHeader::Bearer,
                    ..self.request.clone()
                };
                let manager = SessionManager {
                    client: self.client.clone(),
                    request,
                    session: None,
                    last_used: std::time::Instant::now(),
                };
                let (session, _) = login(&manager.client, &manager.request).await?;
                bearer_headers(&mut headers, &session.bearer)?;
                exchanged = Some((session, manager));
            }
        }
        let mut builder = self.client.inner().request(method, url).headers(headers);
        if let RequestAuth::Basic {
            user,
            org,
            password,
        } = auth
        {
            builder = builder.basic_auth(format!("{user}@{org}"), Some(password.expose()));
        }
        if let Some(b) = body {
            builder = builder.body(b);
        }
        let result = self.client.send(builder).await;
        if let Some((session, mut manager)) = exchanged {
            manager.session = Some(session);
            let _ = manager.logout().await;
        }
        result
    }

    /// `DELETE /api/session`, then forgets the tokens (also when the server already ended it).
    pub async fn logout(&mut self) -> Result<(), CoreError> {
        let Some(session) = self.session.take() else {
            return Ok(());
        };
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, header_value(&xml_accept(&session.version))?);
        self.auth_headers(&session, &mut headers)?;
        let url = join_path(&session.base, "/api/session");
        let response = self
            .client
            .send(self.client.inner().delete(url).headers(headers))
            .await?;
        match response.status {
            200..=299 | 401 => Ok(()),
            _ => Err(http_error(&response)),
        }
    }
}
