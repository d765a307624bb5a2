//! The session manager: one live session per profile, shared by every request in flight on it,
//! opened again once after a 401 (once for all the requests that saw it), closed at logout. Every
//! exchange it makes is recorded in the caller's [`Exchange`].

use crate::auth::{
    bearer_headers, header_value, http_error, login, AuthKind, LoginRequest, RequestAuth, Session,
    SessionHeader, SessionSummary,
};
use crate::error::CoreError;
use crate::http::join_path;
use crate::http::RequestBody;
use crate::http::{Exchange, ExchangePurpose};
use crate::http::{HttpClient, HttpOptions, Response};
use reqwest::header::{HeaderMap, ACCEPT};
use reqwest::Method;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Instant;
use vcd_api::xml_accept;

/// One live session per profile: attaches it to requests, logs in again once on 401, logs out.
/// Its methods take `&self`: requests share the session and run side by side.
pub struct SessionManager {
    pub(super) client: HttpClient,
    pub(super) request: LoginRequest,
    /// Swapped whole at login: a request holds the session it was sent with, so after a 401 it
    /// can tell whether another request has already logged in again.
    session: RwLock<Option<Arc<Session>>>,
    /// Held while logging in: one login at a time, the others wait for its session.
    logging_in: tokio::sync::Mutex<()>,
    /// When the session was last used: the server's idle clock restarts then.
    last_used: Mutex<Instant>,
}

impl SessionManager {
    pub fn new(options: &HttpOptions, request: LoginRequest) -> Result<SessionManager, CoreError> {
        Ok(Self::with_client(HttpClient::new(options)?, request))
    }

    fn with_client(client: HttpClient, request: LoginRequest) -> SessionManager {
        SessionManager {
            client,
            request,
            session: RwLock::new(None),
            logging_in: tokio::sync::Mutex::new(()),
            last_used: Mutex::new(Instant::now()),
        }
    }

    /// How large bodies may be, for requests and answers alike.
    pub fn body_limits(&self) -> crate::http::BodyLimits {
        self.client.body_limits()
    }

    /// The open session, if any.
    pub fn session(&self) -> Option<Arc<Session>> {
        self.session
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub(super) fn set_session(&self, session: Option<Session>) {
        *self.session.write().unwrap_or_else(PoisonError::into_inner) = session.map(Arc::new);
        self.touch();
    }

    fn take_session(&self) -> Option<Arc<Session>> {
        self.session
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    fn touch(&self) {
        *self
            .last_used
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Instant::now();
    }

    /// Seconds until the session idles out, when its timeout is known.
    pub fn idle_left_secs(&self) -> Option<u64> {
        let timeout = self.session()?.idle_timeout_secs?;
        let idle = self
            .last_used
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .elapsed()
            .as_secs();
        Some(timeout.saturating_sub(idle))
    }

    /// Logs in (again, if a session is open) and returns the exchange as it happened.
    pub async fn login(&self) -> Result<(SessionSummary, Exchange), CoreError> {
        let _one_at_a_time = self.logging_in.lock().await;
        let (session, steps) = login(&self.client, &self.request).await?;
        let summary = session.summary();
        self.set_session(Some(session));
        Ok((summary, steps))
    }

    /// The open session, or a new one (recorded in `exchange`) when there is none.
    pub async fn ensure_session(&self, exchange: &mut Exchange) -> Result<Arc<Session>, CoreError> {
        if let Some(s) = self.session() {
            return Ok(s);
        }
        self.renew(None, exchange).await
    }

    /// Logs in again unless another request already did since `failed` was refused: whoever
    /// holds the login lock first logs in, the others take its session.
    async fn renew(
        &self,
        failed: Option<&Arc<Session>>,
        exchange: &mut Exchange,
    ) -> Result<Arc<Session>, CoreError> {
        let _one_at_a_time = self.logging_in.lock().await;
        if let Some(current) = self.session() {
            if failed.is_none_or(|f| !Arc::ptr_eq(f, &current)) {
                return Ok(current);
            }
        }
        let (session, steps) = login(&self.client, &self.request).await?;
        exchange.extend(steps);
        let session = Arc::new(session);
        *self.session.write().unwrap_or_else(PoisonError::into_inner) = Some(session.clone());
        self.touch();
        Ok(session)
    }

    fn auth_headers(&self, session: &Session, headers: &mut HeaderMap) -> Result<(), CoreError> {
        match (session.header, &session.legacy_token) {
            (SessionHeader::Legacy, Some(token)) => {
                headers.insert(
                    vcd_api::LEGACY_SESSION_HEADER,
                    header_value(token.expose())?,
                );
            }
            _ => {
                bearer_headers(headers, &session.bearer)?;
            }
        }
        Ok(())
    }

    /// Sends a request with the session (logging in first when there is none), recording every
    /// exchange in `exchange`. `path` is absolute (`https://...`) or relative to the profile's base
    /// URL. Without an explicit Accept header, `/api/...` gets the XML one and `/cloudapi/...` the
    /// JSON one for the session's version.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        extra_headers: &HeaderMap,
        body: Option<RequestBody>,
        exchange: &mut Exchange,
    ) -> Result<Response, CoreError> {
        let mut session = self.ensure_session(exchange).await?;
        let mut purpose = ExchangePurpose::Request;
        loop {
            let url = self.target(path, &RequestAuth::Inherit)?;
            let mut headers = extra_headers.clone();
            if !headers.contains_key(ACCEPT) {
                let accept = vcd_api::default_accept(url.path(), &session.version);
                headers.insert(ACCEPT, header_value(&accept)?);
            }
            self.auth_headers(&session, &mut headers)?;
            let mut builder = self
                .client
                .inner()
                .request(method.clone(), url.clone())
                .headers(headers);
            if let Some(b) = &body {
                builder = builder.body(b.to_reqwest().await?);
            }
            let response = self.client.send(builder).await?;
            exchange.record(purpose, &response);
            self.touch();
            match (response.status, purpose) {
                (401, ExchangePurpose::Request) => {
                    tracing::info!("session refused (401): logging in again once");
                    session = self.renew(Some(&session), exchange).await?;
                    purpose = ExchangePurpose::Retry;
                }
                (401, _) => {
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
        &self,
        auth: &RequestAuth,
        method: Method,
        path: &str,
        extra_headers: &HeaderMap,
        body: Option<RequestBody>,
        exchange: &mut Exchange,
    ) -> Result<Response, CoreError> {
        if matches!(auth, RequestAuth::Inherit) {
            return self.send(method, path, extra_headers, body, exchange).await;
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
        let mut exchanged: Option<SessionManager> = None;
        match auth {
            RequestAuth::Inherit => {}
            RequestAuth::None => {}
            // Set on the request below: reqwest encodes `user@org:password`.
            RequestAuth::Basic { .. } => {}
            RequestAuth::Bearer { token } => {
                bearer_headers(&mut headers, token)?;
            }
            RequestAuth::Legacy { token } => {
                headers.insert(
                    vcd_api::LEGACY_SESSION_HEADER,
                    header_value(token.expose())?,
                );
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
                let manager = SessionManager::with_client(self.client.clone(), request);
                let (session, steps) = login(&manager.client, &manager.request).await?;
                exchange.extend(steps);
                bearer_headers(&mut headers, &session.bearer)?;
                manager.set_session(Some(session));
                exchanged = Some(manager);
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
        if let Ok(response) = &result {
            exchange.record(ExchangePurpose::Request, response);
        }
        if let Some(manager) = exchanged {
            let _ = manager.logout(exchange).await;
        }
        result
    }

    /// `DELETE /api/session`, then forgets the tokens (also when the server already ended it).
    pub async fn logout(&self, exchange: &mut Exchange) -> Result<(), CoreError> {
        let Some(session) = self.take_session() else {
            return Ok(());
        };
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, header_value(&xml_accept(&session.version))?);
        self.auth_headers(&session, &mut headers)?;
        let url = join_path(&session.base, vcd_api::SESSION_PATH);
        let response = self
            .client
            .send(self.client.inner().delete(url).headers(headers))
            .await?;
        exchange.record(ExchangePurpose::Logout, &response);
        match response.status {
            200..=299 | 401 => Ok(()),
            _ => Err(http_error(&response)),
        }
    }
}
