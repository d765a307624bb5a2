//! The simulator's HTTP routes, by family: each family (auth: versions, logins, sessions, API
//! tokens; world: orgs and their entities) owns its router and payloads; answer.rs holds what they
//! share and paths.rs every path template, which routes and hrefs alike are built from.

pub(crate) mod answer;
mod auth;
pub(crate) mod paths;
mod world;

use crate::state::Shared;
use answer::vcd_error;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Router;

pub fn router(state: Shared) -> Router {
    Router::new()
        .merge(auth::routes())
        .merge(world::routes())
        // One answer, as VCD words it, for a path that exists with a method it does not take.
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .with_state(state)
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
