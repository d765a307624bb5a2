//! The one request pipeline. A draft becomes a [`PreparedRequest`] (its `{{variables}}` resolved,
//! headers and body checked, the auth chosen), which is exactly what goes out; what comes back is
//! [`SendOutcome`]: the response and the masked record of every exchange it took (a login first, a
//! re-login after a 401, an API token exchange). The app, `vcdw` and later the history and the
//! runner all send through here.

use crate::auth::{RequestAuth, SessionManager};
use crate::error::CoreError;
use crate::http::RequestBody;
use crate::http::{timeout_from_secs, Exchange, Response};
use crate::request::RequestDraft;
use reqwest::header::HeaderMap;
use reqwest::Method;
use std::collections::BTreeMap;
use std::time::Duration;

/// A request ready for the wire.
pub struct PreparedRequest {
    pub method: Method,
    /// As resolved from the draft: a path on the profile's address, or a full URL (the session
    /// manager's guard checks it when it is sent).
    pub url: String,
    pub headers: HeaderMap,
    pub body: Option<RequestBody>,
    /// This request's own time limit, when the draft has one.
    pub timeout: Option<Duration>,
    pub auth: RequestAuth,
}

/// A response and the exchanges behind it, in the order they happened.
#[derive(Debug)]
pub struct SendOutcome {
    pub response: Response,
    pub exchange: Exchange,
}

impl RequestDraft {
    /// The request this draft makes with `vars` (see [`RequestDraft::variables`]).
    pub fn prepare_with(
        &self,
        vars: &BTreeMap<String, String>,
        auth: &RequestAuth,
        manager: &SessionManager,
    ) -> Result<PreparedRequest, CoreError> {
        let this = self.resolved(vars)?;
        let (method, headers, body) = this.prepare()?;
        let body = match &this.body_file {
            Some(path) => Some(RequestBody::File {
                path: path.clone(),
                cap: manager.body_limits().max,
            }),
            None => body.map(RequestBody::from),
        };
        Ok(PreparedRequest {
            method,
            url: this.url.trim().to_string(),
            headers,
            body,
            timeout: self.timeout_secs.map(timeout_from_secs).transpose()?,
            auth: auth.clone(),
        })
    }

    /// Sends it authenticated as `auth` says (the session, or credentials for this request only),
    /// with `{{name}}` resolved from the session and `defined` (see [`crate::defined_variables`]).
    pub async fn send_as(
        &self,
        manager: &SessionManager,
        auth: &RequestAuth,
        defined: &BTreeMap<String, String>,
    ) -> Result<SendOutcome, CoreError> {
        let mut exchange = Exchange::default();
        if matches!(auth, RequestAuth::Inherit) {
            // The session's own variables ({{org}}, {{version}}) exist only once it is open.
            manager.ensure_session(&mut exchange).await?;
        }
        let prepared = self.prepare_with(&Self::variables(manager, defined), auth, manager)?;
        let response = prepared.send(manager, &mut exchange).await?;
        Ok(SendOutcome { response, exchange })
    }
}

impl PreparedRequest {
    /// Sends it with `manager`, recording each exchange in `exchange`.
    pub async fn send(
        self,
        manager: &SessionManager,
        exchange: &mut Exchange,
    ) -> Result<Response, CoreError> {
        let sending = manager.send_as(
            &self.auth,
            self.method,
            &self.url,
            &self.headers,
            self.body,
            exchange,
        );
        match self.timeout {
            Some(limit) => {
                tokio::time::timeout(limit, sending)
                    .await
                    .map_err(|_| CoreError::Timeout {
                        url: self.url.clone(),
                        seconds: limit.as_secs(),
                    })?
            }
            None => sending.await,
        }
    }
}
