//! The auth family: `/api/versions` (where a client finds its login URL), logging in and out
//! (legacy `POST /api/sessions`, CloudAPI sessions, the OAuth API-token exchange,
//! `GET`/`DELETE /api/session`), and user management, refused to API-token sessions.

mod payloads;

use crate::routes::answer::{requested_version, require_session, vcd_error, xml, Caller};
use crate::routes::paths;
use crate::scenario::{OrgSpec, UserSpec};
use crate::sessions::SimSession;
use crate::state::{Shared, SimState};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Form;
use axum::Router;
use base64::Engine;
use payloads::{session_xml, versions_xml};
use serde::Deserialize;
use serde_json::json;
use vcd_api::{types, SYSTEM_ORG};

/// The routes of this family; routes/mod.rs merges the families and answers a wrong method once
/// for all.
pub fn routes() -> Router<Shared> {
    Router::new()
        .route(vcd_api::VERSIONS_PATH, get(versions))
        .route(vcd_api::LEGACY_LOGIN_PATH, post(legacy_login))
        .route(
            vcd_api::SESSION_PATH,
            get(get_session).delete(delete_session),
        )
        .route(paths::ORG_USERS, any(user_management))
        .route(paths::CLOUDAPI_USERS, any(user_management))
        .route(vcd_api::CLOUDAPI_LOGIN_PATH, post(cloudapi_tenant_login))
        .route(
            vcd_api::CLOUDAPI_PROVIDER_LOGIN_PATH,
            post(cloudapi_provider_login),
        )
        .route(
            vcd_api::CLOUDAPI_CURRENT_SESSION_PATH,
            get(cloudapi_current),
        )
        // The OAuth paths as clients build them ({org} is also axum's parameter syntax).
        .route(&vcd_api::token_path("{org}"), post(tenant_token))
        .route(vcd_api::PROVIDER_TOKEN_PATH, post(provider_token))
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
pub async fn get_session(State(state): State<Shared>, caller: Caller) -> Response {
    session_body(&state, &caller.session, &caller.version)
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
            &format!("The System org uses {}.", vcd_api::PROVIDER_TOKEN_PATH),
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

/// No authentication needed; a Basic header is accepted and ignored, as VCD does.
async fn versions(State(state): State<Shared>) -> Response {
    // The real capture records no Content-Type; this is the generic type VCD uses for XML answers.
    xml(
        StatusCode::OK,
        vcd_api::XML_ANY,
        state.release.max_api,
        versions_xml(state.release, &state.public_url),
    )
}
