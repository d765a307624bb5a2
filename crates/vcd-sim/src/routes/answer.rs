//! What every route family shares: an XML answer with its versioned media type, VCD's `Error`, the
//! API version a request asks for (406 when not served), the caller's live session (401 without
//! one), and [`Caller`], which checks both before a legacy-API handler runs.

use crate::sessions::{Lookup, SimSession};
use crate::state::{Shared, SimState};
use crate::xml::{Xml, VCLOUD};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use vcd_api::types;

pub fn xml(status: StatusCode, media_type: &str, version: &str, body: String) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            format!("{media_type};version={version}"),
        )],
        body,
    )
        .into_response()
}

pub fn vcd_error(state: &SimState, status: StatusCode, minor: &str, message: &str) -> Response {
    xml(
        status,
        types::ERROR,
        state.release.max_api,
        error_xml(status.as_u16(), minor, message, &state.public_url),
    )
}

/// The API version a request asks for in its Accept header, or VCD's message when the release
/// does not serve it ("Invalid API version requested. Supported API versions are: [...]").
pub fn served_version(state: &SimState, headers: &HeaderMap) -> Result<String, String> {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let version = accept
        .split([';', ','])
        .filter_map(|p| p.trim().strip_prefix("version="))
        .map(|v| v.trim_matches('"').to_string())
        .next();
    let served = state.release.served_versions();
    match version {
        Some(v) if served.iter().any(|s| s.version.as_str() == v) => Ok(v),
        _ => {
            let list: Vec<String> = served.iter().map(|s| s.version.to_string()).collect();
            Err(format!(
                "Invalid API version requested. Supported API versions are: [{}]",
                list.join(", ")
            ))
        }
    }
}

/// [`served_version`] for the legacy API: 406 with VCD's XML `Error`.
pub fn requested_version(state: &SimState, headers: &HeaderMap) -> Result<String, Response> {
    served_version(state, headers)
        .map_err(|m| vcd_error(state, StatusCode::NOT_ACCEPTABLE, "NOT_ACCEPTABLE", &m))
}

/// A VCD `Error` body (`error-403-access-forbidden.xml` shape, default namespace).
pub fn error_xml(major: u16, minor: &str, message: &str, public_url: &str) -> String {
    let major = major.to_string();
    let schema = format!(
        "{} {public_url}/api/v1.5/schema/master.xsd",
        vcd_api::NS_VCLOUD
    );
    let mut x = Xml::document();
    x.empty_root(
        "Error",
        VCLOUD,
        &[
            ("majorErrorCode", &major),
            ("minorErrorCode", minor),
            ("message", message),
            ("xsi:schemaLocation", &schema),
        ],
    );
    x.finish()
}

/// A legacy `/api` call without a live session: 401 with an empty body
/// (`http-401-expired-session-empty-body.http`).
pub fn unauthorized_api() -> Response {
    StatusCode::UNAUTHORIZED.into_response()
}

/// CloudAPI's JSON error (`{minorErrorCode, message, stackTrace}`).
pub fn json_error(status: StatusCode, minor: &str, message: &str) -> Response {
    let body = json!({
        "minorErrorCode": minor,
        "message": message,
        "stackTrace": null,
    });
    (status, axum::Json(body)).into_response()
}

/// A CloudAPI call without a live session (`error-401-cloudapi-not-authenticated.json`).
pub fn unauthorized_cloudapi(state: &SimState) -> Response {
    let message = format!(
        "[ {} ] This operation is denied.",
        state.sessions.random_hex(8)
    );
    json_error(StatusCode::UNAUTHORIZED, "NOT_AUTHENTICATED", &message)
}

/// The bearer or legacy token a request carries.
pub fn presented_token(headers: &HeaderMap) -> Option<String> {
    if let Some(v) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        if let Some(t) = v.strip_prefix("Bearer ") {
            return Some(t.trim().to_string());
        }
    }
    headers
        .get(vcd_api::LEGACY_SESSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(|t| t.trim().to_string())
}

/// The live session of a request, or the 401 a real VCD answers (`cloudapi` picks the JSON shape).
pub fn require_session(
    state: &SimState,
    headers: &HeaderMap,
    cloudapi: bool,
) -> Result<SimSession, Response> {
    let refuse = || {
        if cloudapi {
            unauthorized_cloudapi(state)
        } else {
            unauthorized_api()
        }
    };
    let token = presented_token(headers).ok_or_else(refuse)?;
    match state.sessions.touch(&token) {
        Lookup::Live(session) => Ok(session),
        Lookup::Expired | Lookup::Unknown => Err(refuse()),
    }
}

/// A legacy-API caller: the version its Accept asks for and its live session. Extracting it answers
/// as VCD does when either is missing: 406 for a version the release does not serve, then 401.
pub struct Caller {
    pub version: String,
    pub session: SimSession,
}

impl FromRequestParts<Shared> for Caller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Caller, Response> {
        let version = requested_version(state, &parts.headers)?;
        let session = require_session(state, &parts.headers, false)?;
        Ok(Caller { version, session })
    }
}
