//! The tasks family: `GET /api/task/{id}`, `POST …/action/cancel` (204 while it runs), the org's
//! `tasksList`, and the Task body (task-*.xml shape) that actions answer with and entities embed.
//! A task of another org answers 403 as VCD does.

use crate::clock::iso8601;
use crate::live::{Outcome, Task};
use crate::routes::answer::{vcd_error, xml, Caller};
use crate::routes::paths;
use crate::routes::world::media;
use crate::state::{Shared, SimState};
use crate::world::{self, Kind};
use crate::xml::{self as xmlns, Xml};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::time::{Duration, Instant};
use vcd_api::types;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(paths::TASK, get(task))
        .route(&paths::sub(paths::TASK, "action/cancel"), post(cancel))
        .route(paths::TASKS_LIST, get(tasks_list))
}

/// Writes a Task element: `root` makes it a document of its own (with namespaces).
pub fn task_xml(
    x: &mut Xml,
    base: &str,
    task: &Task,
    owner_href: &str,
    owner_type: &str,
    owner_name: &str,
    root: bool,
) {
    let status = task.status(Instant::now());
    let href = paths::href(base, paths::TASK, &task.id);
    let id = format!("urn:vcloud:task:{}", task.id);
    let start = iso8601(task.started_wall);
    let expiry = iso8601(task.started_wall + Duration::from_secs(90 * 86_400));
    let end = task.ended_wall.map(iso8601);
    let mut attrs: Vec<(&str, &str)> = vec![(
        "cancelRequested",
        if task.outcome == Outcome::Canceled {
            "true"
        } else {
            "false"
        },
    )];
    if let Some(end) = &end {
        attrs.push(("endTime", end));
    }
    attrs.extend([
        ("expiryTime", expiry.as_str()),
        ("operation", task.operation.as_str()),
        ("operationName", task.operation_name),
        ("serviceNamespace", "com.vmware.vcloud"),
        ("startTime", start.as_str()),
        ("status", status.name),
        ("name", "task"),
        ("id", id.as_str()),
        ("type", types::TASK),
        ("href", href.as_str()),
    ]);
    x.root("Task", if root { xmlns::VCLOUD } else { &[] }, &attrs);
    if task.is_running() {
        x.link("task:cancel", &format!("{href}/action/cancel"), None);
    }
    x.reference("Owner", owner_href, owner_name, owner_type);
    if let Outcome::Error(message) = &task.outcome {
        x.empty(
            "Error",
            &[
                ("majorErrorCode", "500"),
                ("minorErrorCode", "INTERNAL_SERVER_ERROR"),
                ("message", message),
            ],
        );
    }
    let user_href = paths::href(base, paths::USER, &task.user_id);
    let org_href = paths::href(base, paths::ORG, &task.org_id);
    x.reference("User", &user_href, &task.user, types::USER)
        .reference("Organization", &org_href, &task.org_name, types::ORG)
        .leaf("Progress", &status.progress.to_string())
        .empty("Details", &[])
        .end();
}

/// The entity a task acts on: its href, media type and name.
pub fn owner_of(state: &SimState, task: &Task) -> (String, &'static str, String) {
    let (org_id, kind, index) = &task.target;
    let id = world::href_id(org_id, *kind, *index);
    let href = paths::href(
        &state.public_url,
        crate::routes::world::route_template(*kind),
        &id,
    );
    (href, media(*kind), task.target_name.clone())
}

/// A Task as a document of its own.
pub fn task_document(state: &SimState, task: &Task) -> String {
    let (href, t, name) = owner_of(state, task);
    let mut x = Xml::document();
    task_xml(&mut x, &state.public_url, task, &href, t, &name, true);
    x.finish()
}

/// What an action answers: 202 Accepted, the Task, and its href in `Location`.
pub fn accepted(state: &SimState, version: &str, task: &Task) -> Response {
    let location = paths::href(&state.public_url, paths::TASK, &task.id);
    let mut r = xml(
        StatusCode::ACCEPTED,
        types::TASK,
        version,
        task_document(state, task),
    );
    if let Ok(v) = location.parse() {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// May this caller see tasks of `org_name`? The provider sees all.
fn may_see(caller: &Caller, org_name: &str) -> bool {
    vcd_api::is_system_org(&caller.session.org) || caller.session.org.eq_ignore_ascii_case(org_name)
}

fn no_task(state: &SimState, id: &str) -> Response {
    vcd_error(
        state,
        StatusCode::FORBIDDEN,
        "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
        &format!("No access to entity \"(com.vmware.vcloud.entity.task:{id})\"."),
    )
}

async fn task(State(state): State<Shared>, Path(id): Path<String>, caller: Caller) -> Response {
    match state.live.task(&id) {
        Some(t) if may_see(&caller, &t.org_name) => xml(
            StatusCode::OK,
            types::TASK,
            &caller.version,
            task_document(&state, &t),
        ),
        _ => no_task(&state, &id),
    }
}

async fn cancel(State(state): State<Shared>, Path(id): Path<String>, caller: Caller) -> Response {
    match state.live.task(&id) {
        Some(t) if may_see(&caller, &t.org_name) => match state.live.cancel(&id) {
            Ok(()) => StatusCode::NO_CONTENT.into_response(),
            Err(ended) => vcd_error(
                &state,
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                &format!(
                    "The task {} cannot be canceled: it has already ended with status {ended}.",
                    t.operation_name
                ),
            ),
        },
        _ => no_task(&state, &id),
    }
}

async fn tasks_list(
    State(state): State<Shared>,
    Path(id): Path<String>,
    caller: Caller,
) -> Response {
    let Some(org) = state.scenario.orgs.iter().find(|o| state.org_id(o) == id) else {
        return forbidden_org(&state, &id);
    };
    if !may_see(&caller, &org.name) {
        return forbidden_org(&state, &id);
    }
    let href = paths::href(&state.public_url, paths::TASKS_LIST, &id);
    let mut x = Xml::document();
    x.root(
        "TasksList",
        xmlns::VCLOUD,
        &[
            ("href", &href),
            ("name", "Tasks Lists"),
            ("type", types::TASKS_LIST),
        ],
    );
    for t in state.live.tasks(Some(&id)) {
        let (owner, t_type, name) = owner_of(&state, &t);
        task_xml(&mut x, &state.public_url, &t, &owner, t_type, &name, false);
    }
    xml(
        StatusCode::OK,
        types::TASKS_LIST,
        &caller.version,
        x.finish(),
    )
}

fn forbidden_org(state: &SimState, id: &str) -> Response {
    vcd_error(
        state,
        StatusCode::FORBIDDEN,
        "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
        &format!("No access to entity \"(com.vmware.vcloud.entity.org:{id})\"."),
    )
}

/// `vApp`, `vm`, … as a `TaskRecord`'s `objectType` names the kind.
pub fn object_type(kind: Kind) -> &'static str {
    match kind {
        Kind::VApp => "vApp",
        Kind::Vm => "vm",
        Kind::EdgeGateway => "edgeGateway",
        Kind::Vdc => "vdc",
        Kind::Catalog => "catalog",
        Kind::CatalogItem => "catalogItem",
        Kind::Template => "vAppTemplate",
        Kind::Network => "orgVdcNetwork",
        Kind::StorageProfile => "vdcStorageProfile",
        Kind::Media => "media",
    }
}
