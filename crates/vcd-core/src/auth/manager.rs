//! The session manager: one live session per profile, attached to each request, opened again once
//! after a 401, closed at logout.

use crate::auth::{
    bearer_headers, header_value, http_error, login, AuthKind, LoginRequest, RequestAuth, Session,
    SessionHeader, SessionSummary,
};
use crate::error::CoreError;
use crate::http::join_path;
use crate::http::Exchange;
use crate::http::{HttpClient, HttpOptions, Response};
use crate::request::RequestBody;
use reqwest::header::{HeaderMap, ACCEPT};
use reqwest::Method;
use vcd_api::{json_accept, xml_accept};

/// One live session per profile: attaches it to requests, logs in again once on 401, logs out.
pub struct SessionManager {
    pub(super) client: HttpClient,
    pub(super) request: LoginRequest,
    pub(super) session: Option<Session>,
    /// When the session was last used: the server's idle clock restarts then.
    pub(super) last_used: std::time::Instant,
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
    pub fn body_limits(&self) -> crate::http::BodyLimits {
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
