//! The simulator's HTTP routes, by family: each family (auth: versions, logins, sessions, API
//! tokens; world: orgs, their entities and the actions on them; tasks; the query service;
//! CloudAPI lists) owns its router and payloads; answer.rs holds what they
//! share and paths.rs every path template, which routes and hrefs alike are built from.

pub(crate) mod answer;
pub(crate) mod auth;
mod cloudapi;
mod paging;
pub(crate) mod paths;
pub(crate) mod query;
pub(crate) mod tasks;
pub(crate) mod world;

use crate::state::Shared;
use answer::vcd_error;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use std::time::Duration;

pub fn router(state: Shared, latency: Duration) -> Router {
    let router = Router::new()
        .merge(auth::routes())
        .merge(world::routes())
        .merge(tasks::routes())
        .merge(query::routes())
        .merge(cloudapi::routes())
        // One answer, as VCD words it, for a path that exists with a method it does not take.
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), settle_first));
    let router = if latency.is_zero() {
        router
    } else {
        router.layer(middleware::from_fn(
            move |request: Request, next: Next| async move {
                tokio::time::sleep(latency).await;
                next.run(request).await
            },
        ))
    };
    router.with_state(state)
}

/// Tasks whose time is up end before a request reads the world, so every answer agrees with the
/// tasks' statuses.
async fn settle_first(State(state): State<Shared>, request: Request, next: Next) -> Response {
    state.live.settle();
    next.run(request).await
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
