//! The simulator's HTTP routes and what they share.

use crate::auth_routes as auth;
use crate::payloads::{error_xml, org_list_xml, org_xml, versions_xml};
use crate::scenario::{OrgSpec, Scenario};
use crate::sessions::{uuid_from_hex, SessionStore};
use crate::world_routes as world;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use vcd_api::{types, VcdRelease};

pub struct SimState {
    pub release: &'static VcdRelease,
    /// The address the simulator puts into LoginUrl and other absolute hrefs.
    pub public_url: String,
    pub scenario: Scenario,
    pub sessions: SessionStore,
    /// vApps in each tenant org's VDC (`--scale`).
    pub vapps_per_vdc: usize,
}

pub type Shared = Arc<SimState>;

fn uuid_from(text: &str) -> String {
    let h: String = Sha256::digest(text.as_bytes())[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    uuid_from_hex(&h)
}

impl SimState {
    pub fn org_id(&self, org: &OrgSpec) -> String {
        org.id
            .clone()
            .unwrap_or_else(|| uuid_from(&format!("org:{}", org.name)))
    }

    pub fn user_id(&self, org: &str, user: &str) -> String {
        uuid_from(&format!("user:{org}:{user}"))
    }
}

pub fn router(state: Shared) -> Router {
    Router::new()
        .route(vcd_api::VERSIONS_PATH, get(versions))
        .route("/api/org", get(org_list))
        .route("/api/org/", get(org_list))
        .route("/api/org/{id}", get(org))
        .merge(auth::routes())
        .merge(world::routes())
        // One answer, as VCD words it, for a path that exists with a method it does not take.
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .with_state(state)
}

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

/// The API version a request asks for in its Accept header; 406 when the release does not serve it
/// ("Invalid API version requested. Supported API versions are: [...]").
pub fn requested_version(state: &SimState, headers: &HeaderMap) -> Result<String, Response> {
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
            let message = format!(
                "Invalid API version requested. Supported API versions are: [{}]",
                list.join(", ")
            );
            Err(vcd_error(
                state,
                StatusCode::NOT_ACCEPTABLE,
                "NOT_ACCEPTABLE",
                &message,
            ))
        }
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

/// The orgs a session may see: all of them for the provider, its own for a tenant.
pub fn visible_orgs<'a>(state: &'a SimState, session_org: &str) -> Vec<&'a OrgSpec> {
    let provider = session_org.eq_ignore_ascii_case("System");
    state
        .scenario
        .orgs
        .iter()
        .filter(|o| provider || o.name.eq_ignore_ascii_case(session_org))
        .collect()
}

async fn org_list(State(state): State<Shared>, headers: HeaderMap) -> Response {
    let version = match requested_version(&state, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let session = match auth::require_session(&state, &headers, false) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let orgs: Vec<(String, String)> = visible_orgs(&state, &session.org)
        .into_iter()
        .map(|o| (state.org_id(o), o.name.clone()))
        .collect();
    xml(
        StatusCode::OK,
        types::ORG_LIST,
        &version,
        org_list_xml(&state.public_url, &orgs),
    )
}

async fn org(State(state): State<Shared>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let version = match requested_version(&state, &headers) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let session = match auth::require_session(&state, &headers, false) {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(org) = state.scenario.orgs.iter().find(|o| state.org_id(o) == id) else {
        return vcd_error(
            &state,
            StatusCode::FORBIDDEN,
            "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
            &format!("No access to entity \"(com.vmware.vcloud.entity.org:{id})\"."),
        );
    };
    if !visible_orgs(&state, &session.org)
        .iter()
        .any(|o| o.name == org.name)
    {
        return vcd_error(
            &state,
            StatusCode::FORBIDDEN,
            "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
            &format!("No access to entity \"(com.vmware.vcloud.entity.org:{id})\"."),
        );
    }
    xml(
        StatusCode::OK,
        types::ORG,
        &version,
        org_xml(
            &state.public_url,
            &id,
            &org.name,
            org.full_name.as_deref().unwrap_or(&org.name),
            |x| world::org_world_links(x, &state.public_url, &id, org),
        ),
    )
}

async fn not_found(State(state): State<Shared>, request: Request) -> Response {
    let message = format!(
        "The requested resource {} could not be found.",
        request.uri().path()
    );
    vcd_error(
        &state,
        StatusCode::NOT_FOUND,
        "RESOURCE_NOT_FOUND",
        &message,
    )
}

async fn method_not_allowed(State(state): State<Shared>, request: Request) -> Response {
    let message = format!(
        "HTTP method {} is not supported for {}.",
        request.method(),
        request.uri().path()
    );
    vcd_error(
        &state,
        StatusCode::METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        &message,
    )
}
