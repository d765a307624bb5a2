//! The simulator's HTTP routes.

use crate::payloads::{error_xml, versions_xml};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;
use vcd_core::releases::VcdRelease;

pub struct SimState {
    pub release: &'static VcdRelease,
    /// The address the simulator puts into LoginUrl and other absolute hrefs.
    pub public_url: String,
}

type Shared = Arc<SimState>;

pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/api/versions", get(versions).fallback(method_not_allowed))
        .fallback(not_found)
        .with_state(state)
}

fn xml(status: StatusCode, media_type: &str, version: &str, body: String) -> Response {
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

fn vcd_error(state: &SimState, status: StatusCode, minor: &str, message: &str) -> Response {
    xml(
        status,
        "application/vnd.vmware.vcloud.error+xml",
        state.release.max_api,
        error_xml(status.as_u16(), minor, message, &state.public_url),
    )
}

/// No authentication needed; a Basic header is accepted and ignored, as VCD does.
async fn versions(State(state): State<Shared>) -> Response {
    // The real capture records no Content-Type; this is the generic type VCD uses for XML answers.
    xml(
        StatusCode::OK,
        "application/*+xml",
        state.release.max_api,
        versions_xml(state.release, &state.public_url),
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
