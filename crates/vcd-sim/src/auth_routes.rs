//! Logging in and out: legacy `POST /api/sessions`, CloudAPI sessions, the OAuth API-token
//! exchange, `GET`/`DELETE /api/session`, and what expired or missing sessions answer.

use crate::payloads::session_xml;
use crate::routes::{requested_version, vcd_error, xml, Shared, SimState};
use crate::scenario::{OrgSpec, UserSpec};
use crate::sessions::{Lookup, SimSession};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Form;
use axum::Router;
use base64::Engine;
use serde::Deserialize;
use serde_json::json;

use vcd_api::{types, SYSTEM_ORG};

/// The routes of this family (logins, sessions, API tokens); routes.rs merges the families and
/// answers a wrong method once for all.
pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/api/sessions", post(legacy_login))
        .route(
            vcd_api::SESSION_PATH,
            get(get_session).delete(delete_session),
        )
        .route("/api/admin/org/{id}/users", any(user_management))
        .route("/cloudapi/1.0.0/users", any(user_management))
        .route("/cloudapi/1.0.0/tokens", any(user_management))
        .route("/cloudapi/1.0.0/sessions", post(cloudapi_tenant_login))
        .route(
            "/cloudapi/1.0.0/sessions/provider",
            post(cloudapi_provider_login),
        )
        .route("/cloudapi/1.0.0/sessions/current", get(cloudapi_current))
        .route("/oauth/tenant/{org}/token", post(tenant_token))
        .route("/oauth/provider/token", post(provider_token))
}

/// VCD's answer to bad credentials (`http-401-api-sessions-bad-credentials.http`).
fn unauthorized_basic() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(
            header::WWW_AUTHENTICATE,
            "Basic realm=\"vCloud\", SIGN realm=\"vCloud\", Bearer realm=\"vCloud\"",
        )],
    )
        .into_response()
}

/// A legacy `/api` call without a live session: 401 with an empty body
/// (`http-401-expired-session-empty-body.http`).
pub fn unauthorized_api() -> Response {
    StatusCode::UNAUTHORIZED.into_response()
}

/// A CloudAPI call without a live session (`error-401-cloudapi-not-authenticated.json`).
pub fn unauthorized_cloudapi(state: &SimState) -> Response {
    let body = json!({
        "minorErrorCode": "NOT_AUTHENTICATED",
        "message": format!("[ {} ] This operation is denied.", state.sessions.random_hex(8)),
        "stackTrace": null,
    });
    (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response()
}

/// The `user@org` and password of a Basic header.
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (login, password) = text.split_once(':')?;
    let (user, org) = login.rsplit_once('@')?;
    Some((user.to_string(), org.to_string(), password.to_string()))
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

enum CheckedUser<'a> {
    Ok(&'a OrgSpec, &'a UserSpec),
    /// Unknown org, unknown user and wrong password look the same to a client, as in VCD.
    BadCredentials,
    Locked,
    Disabled,
}

fn check_password<'a>(
    state: &'a SimState,
    user: &str,
    org: &str,
    password: &str,
) -> CheckedUser<'a> {
    let Some(o) = state.scenario.org(org) else {
        return CheckedUser::BadCredentials;
    };
    let Some(u) = o.users.iter().find(|u| u.name.eq_ignore_ascii_case(user)) else {
        return CheckedUser::BadCredentials;
    };
    if u.password != password {
        return CheckedUser::BadCredentials;
    }
    if u.locked {
        return CheckedUser::Locked;
    }
    if !u.enabled {
        return CheckedUser::Disabled;
    }
    CheckedUser::Ok(o, u)
}

/// 401 for a locked or disabled account. VCD's exact body for these is not captured; the simulator
/// adds a CloudAPI-style JSON body so a client can tell the cases apart (unconfirmed).
fn account_refused(minor: &str, message: &str) -> Response {
    let mut response = (
        StatusCode::UNAUTHORIZED,
        axum::Json(json!({ "minorErrorCode": minor, "message": message, "stackTrace": null })),
    )
        .into_response();
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(
            "Basic realm=\"vCloud\", SIGN realm=\"vCloud\", Bearer realm=\"vCloud\"",
        ),
    );
    response
}

fn authenticate(state: &SimState, headers: &HeaderMap) -> Result<(OrgSpec, UserSpec), Response> {
    let (user, org, password) = basic_credentials(headers).ok_or_else(unauthorized_basic)?;
    match check_password(state, &user, &org, &password) {
        CheckedUser::Ok(o, u) => Ok((o.clone(), u.clone())),
        CheckedUser::BadCredentials => Err(unauthorized_basic()),
        CheckedUser::Locked => Err(account_refused(
            "ACCOUNT_LOCKED",
            "The account is locked after too many failed logins. Ask your organization administrator to unlock it.",
        )),
        CheckedUser::Disabled => Err(account_refused(
            "ACCOUNT_DISABLED",
            "The account is disabled. Ask your organization administrator to enable it.",
        )),
    }
}

fn session_headers(response: &mut Response, session: &SimSession, legacy: bool) {
    let headers = response.headers_mut();
    if legacy {
        if let Ok(v) = HeaderValue::from_str(&session.legacy_token) {
            headers.insert(vcd_api::LEGACY_SESSION_HEADER, v);
        }
    }
    if let Ok(v) = HeaderValue::from_str(&session.bearer) {
        headers.insert(vcd_api::ACCESS_TOKEN_HEADER, v);
    }
    headers.insert(
        vcd_api::TOKEN_TYPE_HEADER,
        HeaderValue::from_static("Bearer"),
    );
}

fn session_body(state: &SimState, session: &SimSession, version: &str) -> Response {
    let org = state.scenario.org(&session.org);
    let org_id = org.map(|o| state.org_id(o)).unwrap_or_default();
    xml(
        StatusCode::OK,
        types::SESSION,
        version,
        session_xml(
            &state.public_url,
            &session.user,
            &state.user_id(&session.org, &session.user),
            &session.org,
            &org_id,
            &session.role,
            session.org.eq_ignore_ascii_case(SYSTEM_ORG),
        ),
    )
}

/// `POST /api/sessions`: the classic login of the seed guide.
pub async fn legacy_login(State(state): State<Shared>, headers: HeaderMap) -> Response {
    let version = match requested_version(&state, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    if !state.scenario.legacy_login_enabled {
        return unauthorized_basic();
    }
    let (org, user) = match authenticate(&state, &headers) {
        Ok(found) => found,
        Err(r) => return r,
    };
    let session = state
        .sessions
        .open(&user.name, &org.name, &user.role, false);
    let mut response = session_body(&state, &session, &version);
    session_headers(&mut response, &session, true);
    response
}

fn cloudapi_session_json(state: &SimState, session: &SimSession) -> serde_json::Value {
    let org_id = state
        .scenario
        .org(&session.org)
        .map(|o| state.org_id(o))
        .unwrap_or_default();
    json!({
        "id": format!("urn:vcloud:session:{}", session.id),
        "site": { "name": "vcd-sim", "id": "urn:vcloud:site:00000000-0000-0000-0000-000000000001" },
        "user": { "name": session.user, "id": format!("urn:vcloud:user:{}", state.user_id(&session.org, &session.user)) },
        "org": { "name": session.org, "id": format!("urn:vcloud:org:{org_id}") },
        "operatingOrg": { "name": session.org, "id": format!("urn:vcloud:org:{org_id}") },
        "location": format!("{org_id}@sim"),
        "roles": [session.role],
        "roleRefs": [{ "name": session.role, "id": "urn:vcloud:role:00000000-0000-0000-0000-000000000002" }],
        "sessionIdleTimeoutMinutes": state.sessions.idle().as_secs().div_ceil(60),
    })
}

async fn cloudapi_login(state: Shared, headers: HeaderMap, provider: bool) -> Response {
    if !state.release.has_cloudapi_login() {
        return vcd_error(
            &state,
            StatusCode::NOT_FOUND,
            "RESOURCE_NOT_FOUND",
            "CloudAPI sessions are not available in this release.",
        );
    }
    if let Err(r) = requested_version(&state, &headers) {
        return r;
    }
    let (org, user) = match authenticate(&state, &headers) {
        Ok(found) => found,
        Err(r) => return r,
    };
    // The provider logs in at /sessions/provider, tenants at /sessions.
    if provider != org.name.eq_ignore_ascii_case(SYSTEM_ORG) {
        return unauthorized_basic();
    }
    let session = state
        .sessions
        .open(&user.name, &org.name, &user.role, false);
    let mut response = axum::Json(cloudapi_session_json(&state, &session)).into_response();
    session_headers(&mut response, &session, false);
    response
}

pub async fn cloudapi_tenant_login(State(state): State<Shared>, headers: HeaderMap) -> Response {
    cloudapi_login(state, headers, false).await
}

pub async fn cloudapi_provider_login(State(state): State<Shared>, headers: HeaderMap) -> Response {
    cloudapi_login(state, headers, true).await
}

/// `GET /cloudapi/1.0.0/sessions/current`.
pub async fn cloudapi_current(State(state): State<Shared>, headers: HeaderMap) -> Response {
    match require_session(&state, &headers, true) {
        Ok(session) => axum::Json(cloudapi_session_json(&state, &session)).into_response(),
        Err(r) => r,
    }
}

/// `GET /api/session`: the XML Session of the caller's session (pyvcloud does this after a
/// CloudAPI login).
pub async fn get_session(State(state): State<Shared>, headers: HeaderMap) -> Response {
    let version = match requested_version(&state, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    match require_session(&state, &headers, false) {
        Ok(session) => session_body(&state, &session, &version),
        Err(r) => r,
    }
}

/// `DELETE /api/session`: logout.
pub async fn delete_session(State(state): State<Shared>, headers: HeaderMap) -> Response {
    match require_session(&state, &headers, false) {
        Ok(session) => {
            state.sessions.close(&session.id);
            StatusCode::NO_CONTENT.into_response()
        }
        Err(r) => r,
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    grant_type: Option<String>,
    refresh_token: Option<String>,
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    // OAuth 2 error shape (RFC 6749 §5.2); VCD's exact body is not captured (unconfirmed).
    (
        status,
        axum::Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

async fn exchange_token(
    state: Shared,
    org_name: &str,
    query: Option<String>,
    form: TokenForm,
) -> Response {
    if !state.release.has_api_tokens() {
        return vcd_error(
            &state,
            StatusCode::NOT_FOUND,
            "RESOURCE_NOT_FOUND",
            &format!(
                "API tokens need VCD {} (API {}) or later.",
                vcd_api::API_TOKEN_MIN_RELEASE,
                vcd_api::API_TOKEN_MIN_VERSION
            ),
        );
    }
    if query
        .as_deref()
        .is_some_and(|q| q.contains("refresh_token"))
    {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The token must be sent in the form body, not in the URL.",
        );
    }
    if form.grant_type.as_deref() != Some("refresh_token") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "grant_type must be refresh_token.",
        );
    }
    let Some(presented) = form.refresh_token else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "refresh_token is missing.",
        );
    };
    let found = state.scenario.org(org_name).and_then(|org| {
        org.api_tokens
            .iter()
            .find(|t| t.token == presented)
            .and_then(|t| {
                org.users
                    .iter()
                    .find(|u| u.name == t.user)
                    .map(|u| (org, t, u))
            })
    });
    let Some((org, token, user)) = found else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "The API token is not valid for this organization.",
        );
    };
    if token.revoked {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "The API token has been revoked.",
        );
    }
    let session = state.sessions.open(&user.name, &org.name, &user.role, true);
    axum::Json(json!({
        "access_token": session.bearer,
        "token_type": "Bearer",
        "expires_in": state.sessions.idle().as_secs(),
        "refresh_token": null,
    }))
    .into_response()
}

/// `POST /oauth/tenant/{org}/token`.
pub async fn tenant_token(
    State(state): State<Shared>,
    Path(org): Path<String>,
    RawQuery(query): RawQuery,
    Form(form): Form<TokenForm>,
) -> Response {
    if org.eq_ignore_ascii_case(SYSTEM_ORG) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "The System org uses /oauth/provider/token.",
        );
    }
    exchange_token(state, &org, query, form).await
}

/// `POST /oauth/provider/token`.
pub async fn provider_token(
    State(state): State<Shared>,
    RawQuery(query): RawQuery,
    Form(form): Form<TokenForm>,
) -> Response {
    exchange_token(state, SYSTEM_ORG, query, form).await
}

/// User and token management, which VCD refuses to sessions opened with an API token.
pub async fn user_management(State(state): State<Shared>, headers: HeaderMap) -> Response {
    let cloudapi = false;
    match require_session(&state, &headers, cloudapi) {
        Ok(session) if session.via_api_token => vcd_error(
            &state,
            StatusCode::FORBIDDEN,
            "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
            "This operation is not allowed in a session opened with an API token.",
        ),
        Ok(_) => vcd_error(
            &state,
            StatusCode::NOT_IMPLEMENTED,
            "NOT_IMPLEMENTED",
            "The simulator does not manage users yet.",
        ),
        Err(r) => r,
    }
}
