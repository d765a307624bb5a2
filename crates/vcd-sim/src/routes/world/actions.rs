//! Actions on the world, through the links its pages advertise: power and deploy actions, delete
//! and edit of vApps and VMs, instantiate and compose on the VDC, metadata, and the edge gateway's
//! services. Each checks its body as VCD does (body.rs), refuses an entity that a running task holds
//! (400 BUSY_ENTITY) or whose state does not allow the action, and starts a task that changes the
//! world when it succeeds (live/).

use super::payloads::{metadata_value_xml, metadata_xml, vapp_xml};
use super::{kinds_at, with_entity, Hrefs};
use crate::body::{self, many, one, opt, Node, Particle, Refusal};
use crate::live::{key, op, Effect, MetaValue, Power, Shown};
use crate::routes::answer::{vcd_error, xml, Caller};
use crate::routes::paths;
use crate::routes::tasks::accepted;
use crate::state::{Shared, SimState};
use crate::world::{self, EntityId, Kind};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::Response;
use vcd_api::types;

fn refuse(state: &SimState, r: Refusal) -> Response {
    let status = StatusCode::from_u16(r.status).unwrap_or(StatusCode::BAD_REQUEST);
    vcd_error(state, status, r.minor, &r.message)
}

fn bad_request(state: &SimState, message: String) -> Response {
    vcd_error(state, StatusCode::BAD_REQUEST, "BAD_REQUEST", &message)
}

fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
}

/// `vApp` or `VM`, as VCD's messages name them.
fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Vm => "VM",
        Kind::VApp => "vApp",
        Kind::EdgeGateway => "edge gateway",
        _ => "entity",
    }
}

/// 400 BUSY_ENTITY while a task holds the entity (or its vApp, or one of its VMs).
fn busy(state: &SimState, e: &EntityId, name: &str) -> Result<(), Response> {
    match state.live.busy(e.org_id, e.kind, e.index) {
        Some(task) => Err(vcd_error(
            state,
            StatusCode::BAD_REQUEST,
            "BUSY_ENTITY",
            &format!(
                "The requested operation could not be executed since {} \"{name}\" is busy \
                 completing an operation {}. Wait for its task to end: {}",
                noun(e.kind),
                task.operation_constant(),
                paths::href(&state.public_url, paths::TASK, &task.id)
            ),
        )),
        None => Ok(()),
    }
}

fn shown(state: &SimState, e: &EntityId) -> Shown {
    state.live.shown(e.org, e.org_id, e.kind, e.index)
}

/// Starts a task on `e` for the caller and answers 202 with it.
fn start(
    state: &SimState,
    caller: &Caller,
    e: &EntityId,
    name: &str,
    operation_name: &'static str,
    operation: String,
    effect: Effect,
) -> Response {
    let task = state.live.start_task(
        state.sessions.random_uuid(),
        (e.org_id, &e.org.name),
        (
            &caller.session.user,
            &state.user_id(&caller.session.org, &caller.session.user),
        ),
        operation_name,
        operation,
        key(e.org_id, e.kind, e.index),
        name.to_string(),
        effect,
    );
    accepted(state, &caller.version, &task)
}

/// `Starting Virtual Application web-frontend(uuid)`: VCD's operation sentence.
fn sentence(verb: &str, e: &EntityId, name: &str) -> String {
    let what = if e.kind == Kind::Vm {
        "Virtual Machine"
    } else {
        "Virtual Application"
    };
    format!(
        "{verb} {what} {name}({})",
        world::uuid(e.org_id, e.kind, e.index)
    )
}

/// Refuses an action on a vApp that is still being made (or failed to be).
fn resolved(state: &SimState, e: &EntityId, s: &Shown) -> Result<(), Response> {
    if s.status <= 0 {
        return Err(bad_request(
            state,
            format!(
                "The requested operation could not be executed on {} \"{}\": it is {}.",
                noun(e.kind),
                s.name,
                if s.status == 0 {
                    "still being created; wait for its task"
                } else {
                    "a failed creation; delete it"
                }
            ),
        ));
    }
    Ok(())
}

pub async fn power(
    State(state): State<Shared>,
    Path((id, action)): Path<(String, String)>,
    caller: Caller,
) -> Response {
    with_entity(&state, &caller, &id, kinds_at(paths::VAPP), |_h, e| {
        let s = shown(&state, e);
        if let Err(r) = busy(&state, e, &s.name).and_then(|_| resolved(&state, e, &s)) {
            return r;
        }
        let running = s.power == Some(Power::On);
        let (operation_name, verb, to, allowed) = match action.as_str() {
            "powerOn" => (op::VAPP_POWER_ON, "Starting", Power::On, !running),
            "powerOff" => (
                op::VAPP_POWER_OFF,
                "Stopping",
                Power::Off,
                s.power != Some(Power::Off),
            ),
            "reboot" => (op::VAPP_REBOOT, "Rebooting", Power::On, running),
            "reset" => (op::VAPP_RESET, "Resetting", Power::On, running),
            "suspend" => (op::VAPP_SUSPEND, "Suspending", Power::Suspended, running),
            "shutdown" => (
                op::VAPP_SHUTDOWN_GUEST,
                "Shutting down",
                Power::Off,
                running,
            ),
            _ => {
                return vcd_error(
                    &state,
                    StatusCode::NOT_FOUND,
                    "RESOURCE_NOT_FOUND",
                    &format!("The requested resource power/action/{action} could not be found."),
                )
            }
        };
        if !allowed {
            let why = match (action.as_str(), s.power) {
                ("powerOn", _) => "is already powered on",
                ("powerOff", _) => "is already powered off",
                _ => "is not powered on",
            };
            return bad_request(
                &state,
                format!(
                    "The requested operation could not be executed since {} \"{}\" {why}.",
                    noun(e.kind),
                    s.name
                ),
            );
        }
        let deployed = (to == Power::On).then_some(true);
        start(
            &state,
            &caller,
            e,
            &s.name,
            operation_name,
            sentence(verb, e, &s.name),
            Effect::Power { to, deployed },
        )
    })
}

pub async fn deploy(
    State(state): State<Shared>,
    Path(id): Path<String>,
    caller: Caller,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    with_entity(&state, &caller, &id, kinds_at(paths::VAPP), |_h, e| {
        let params = match body::expect_in_order(
            content_type(&headers),
            &bytes,
            types::DEPLOY_PARAMS,
            "DeployVAppParams",
            &[],
        ) {
            Ok(n) => n,
            Err(r) => return refuse(&state, r),
        };
        let power_on = match params.attr("powerOn") {
            None | Some("true") | Some("1") => true,
            Some("false") | Some("0") => false,
            Some(other) => {
                return bad_request(
                    &state,
                    format!(
                        "cvc-datatype-valid.1.2.1: '{other}' is not a valid value for 'boolean'."
                    ),
                )
            }
        };
        let s = shown(&state, e);
        if let Err(r) = busy(&state, e, &s.name).and_then(|_| resolved(&state, e, &s)) {
            return r;
        }
        if s.deployed {
            return bad_request(
                &state,
                format!(
                    "The requested operation could not be executed since {} \"{}\" is already deployed.",
                    noun(e.kind),
                    s.name
                ),
            );
        }
        let to = if power_on {
            Power::On
        } else {
            s.power.unwrap_or(Power::Off)
        };
        start(
            &state,
            &caller,
            e,
            &s.name,
            op::VAPP_DEPLOY,
            sentence("Starting", e, &s.name),
            Effect::Power {
                to,
                deployed: Some(true),
            },
        )
    })
}

const UNDEPLOY_ACTIONS: [&str; 5] = ["powerOff", "suspend", "shutdown", "force", "default"];

pub async fn undeploy(
    State(state): State<Shared>,
    Path(id): Path<String>,
    caller: Caller,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    with_entity(&state, &caller, &id, kinds_at(paths::VAPP), |_h, e| {
        let params = match body::expect_in_order(
            content_type(&headers),
            &bytes,
            types::UNDEPLOY_PARAMS,
            "UndeployVAppParams",
            &[opt("UndeployPowerAction")],
        ) {
            Ok(n) => n,
            Err(r) => return refuse(&state, r),
        };
        let action = params.text_of("UndeployPowerAction").unwrap_or("default");
        if !UNDEPLOY_ACTIONS.contains(&action) {
            return bad_request(
                &state,
                format!(
                    "cvc-enumeration-valid: Value '{action}' is not facet-valid with respect to enumeration '[{}]'. It must be a value from the enumeration.",
                    UNDEPLOY_ACTIONS.join(", ")
                ),
            );
        }
        let s = shown(&state, e);
        if let Err(r) = busy(&state, e, &s.name).and_then(|_| resolved(&state, e, &s)) {
            return r;
        }
        if !s.deployed {
            return bad_request(
                &state,
                format!(
                    "The requested operation could not be executed since {} \"{}\" is not deployed.",
                    noun(e.kind),
                    s.name
                ),
            );
        }
        let (to, operation_name) = if action == "suspend" {
            (Power::Suspended, op::VAPP_UNDEPLOY_SUSPEND)
        } else {
            (Power::Off, op::VAPP_UNDEPLOY_POWER_OFF)
        };
        start(
            &state,
            &caller,
            e,
            &s.name,
            operation_name,
            sentence("Stopping", e, &s.name),
            Effect::Power {
                to,
                deployed: Some(false),
            },
        )
    })
}

pub async fn delete(
    State(state): State<Shared>,
    Path(id): Path<String>,
    caller: Caller,
) -> Response {
    with_entity(&state, &caller, &id, kinds_at(paths::VAPP), |_h, e| {
        let s = shown(&state, e);
        if let Err(r) = busy(&state, e, &s.name) {
            return r;
        }
        if e.kind == Kind::Vm {
            return bad_request(
                &state,
                format!(
                    "The VM \"{}\" cannot be deleted on its own here: delete its vApp, or recompose the vApp without it.",
                    s.name
                ),
            );
        }
        if s.deployed {
            return bad_request(
                &state,
                format!(
                    "The requested operation could not be executed on vApp \"{}\". Stop the vApp and try again: undeploy it first.",
                    s.name
                ),
            );
        }
        start(
            &state,
            &caller,
            e,
            &s.name,
            op::VDC_DELETE_VAPP,
            sentence("Deleting", e, &s.name),
            Effect::Delete,
        )
    })
}

const VAPP_EDIT: &[Particle] = &[
    many("Link"),
    opt("Description"),
    opt("Tasks"),
    opt("DateCreated"),
    opt("Owner"),
    opt("InMaintenanceMode"),
    opt("Children"),
];
const VM_EDIT: &[Particle] = &[
    many("Link"),
    opt("Description"),
    opt("Tasks"),
    opt("VmSpecSection"),
    opt("StorageProfile"),
];

/// The `name` an edit or a creation gives, which VCD requires and keeps unique in the VDC.
fn new_name(
    state: &SimState,
    h: &Hrefs,
    e: &EntityId,
    n: &Node,
    except: Option<usize>,
) -> Result<String, Response> {
    let Some(name) = n.attr("name") else {
        return Err(bad_request(
            state,
            format!(
                "cvc-complex-type.4: Attribute 'name' must appear on element '{}'.",
                n.name
            ),
        ));
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(bad_request(
            state,
            format!("The name of a {} cannot be empty.", noun(e.kind)),
        ));
    }
    if e.kind != Kind::Vm {
        let taken = h
            .live
            .vapps(h.org_id)
            .into_iter()
            .filter(|i| Some(*i) != except)
            .any(|i| h.live.name(e.org, h.org_id, Kind::VApp, i) == name);
        if taken {
            return Err(vcd_error(
                state,
                StatusCode::BAD_REQUEST,
                "DUPLICATE_NAME",
                &format!("The VCD entity {name} already exists."),
            ));
        }
    }
    Ok(name.to_string())
}

pub async fn edit(
    State(state): State<Shared>,
    Path(id): Path<String>,
    caller: Caller,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    with_entity(&state, &caller, &id, kinds_at(paths::VAPP), |h, e| {
        let (media_type, root, sequence) = match e.kind {
            Kind::Vm => (types::VM, "Vm", VM_EDIT),
            _ => (types::VAPP, "VApp", VAPP_EDIT),
        };
        let n =
            match body::expect_in_order(content_type(&headers), &bytes, media_type, root, sequence)
            {
                Ok(n) => n,
                Err(r) => return refuse(&state, r),
            };
        let s = shown(&state, e);
        if let Err(r) = busy(&state, e, &s.name) {
            return r;
        }
        let name = match new_name(&state, h, e, &n, Some(e.index)) {
            Ok(name) => name,
            Err(r) => return r,
        };
        let description = n.text_of("Description").map(str::to_string);
        start(
            &state,
            &caller,
            e,
            &s.name,
            op::VAPP_UPDATE_V_APP,
            sentence("Updating", e, &s.name),
            Effect::Rename { name, description },
        )
    })
}

const INSTANTIATE: &[Particle] = &[
    opt("Description"),
    opt("VAppParent"),
    opt("InstantiationParams"),
    one("Source"),
    opt("IsSourceDelete"),
    many("SourcedItem"),
    opt("AllEULAsAccepted"),
    opt("ComputePolicy"),
];
const COMPOSE: &[Particle] = &[
    opt("Description"),
    opt("VAppParent"),
    opt("InstantiationParams"),
    many("SourcedItem"),
    opt("AllEULAsAccepted"),
];

/// The entity an href in a body names, if it is one of `kinds` in the same org.
fn source(
    state: &SimState,
    e: &EntityId,
    href: Option<&str>,
    kinds: &[Kind],
) -> Option<(Kind, usize)> {
    let id = href?.trim_end_matches('/').rsplit('/').next()?;
    let orgs = super::orgs_with_ids(state);
    let s = world::parse(id, &orgs)?;
    (s.org_id == e.org_id
        && kinds.contains(&s.kind)
        && state.live.exists(s.org_id, s.kind, s.index))
    .then_some((s.kind, s.index))
}

/// Makes a vApp in the VDC: 201 with the new vApp, which embeds its running creation task.
fn create(
    state: &SimState,
    caller: &Caller,
    h: &Hrefs,
    vdc: &EntityId,
    n: &Node,
    vms: usize,
    operation_name: &'static str,
) -> Response {
    let name = match new_name(state, h, vdc, n, None) {
        Ok(name) => name,
        Err(r) => return r,
    };
    let description = n.text_of("Description").map(str::to_string);
    let index = state
        .live
        .make_vapp(vdc.org_id, name.clone(), description, vms);
    let e = EntityId {
        kind: Kind::VApp,
        index,
        ..*vdc
    };
    let task = state.live.start_task(
        state.sessions.random_uuid(),
        (e.org_id, &e.org.name),
        (
            &caller.session.user,
            &state.user_id(&caller.session.org, &caller.session.user),
        ),
        operation_name,
        sentence("Creating", &e, &name),
        key(e.org_id, Kind::VApp, index),
        name,
        Effect::Create,
    );
    let _ = task;
    let mut r = xml(
        StatusCode::CREATED,
        types::VAPP,
        &caller.version,
        vapp_xml(h, &e),
    );
    let href = h.of(Kind::VApp, index);
    if let Ok(v) = href.parse() {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

pub async fn instantiate(
    State(state): State<Shared>,
    Path(id): Path<String>,
    caller: Caller,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    with_entity(&state, &caller, &id, &[Kind::Vdc], |h, vdc| {
        let n = match body::expect_in_order(
            content_type(&headers),
            &bytes,
            types::INSTANTIATE_PARAMS,
            "InstantiateVAppTemplateParams",
            INSTANTIATE,
        ) {
            Ok(n) => n,
            Err(r) => return refuse(&state, r),
        };
        let href = n.child("Source").and_then(|s| s.attr("href"));
        if source(&state, vdc, href, &[Kind::Template]).is_none() {
            return bad_request(
                &state,
                format!(
                    "The Source href {} does not name a vApp template of this org. Take the href of a VAppTemplate from the catalog or the VDC's ResourceEntities.",
                    href.unwrap_or("(none)")
                ),
            );
        }
        create(
            &state,
            &caller,
            h,
            vdc,
            &n,
            world::VMS_PER_VAPP,
            op::VDC_INSTANTIATE_VAPP,
        )
    })
}

pub async fn compose(
    State(state): State<Shared>,
    Path(id): Path<String>,
    caller: Caller,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    with_entity(&state, &caller, &id, &[Kind::Vdc], |h, vdc| {
        let n = match body::expect_in_order(
            content_type(&headers),
            &bytes,
            types::COMPOSE_PARAMS,
            "ComposeVAppParams",
            COMPOSE,
        ) {
            Ok(n) => n,
            Err(r) => return refuse(&state, r),
        };
        let mut vms = 0;
        for item in n.children_named("SourcedItem") {
            let href = item.child("Source").and_then(|s| s.attr("href"));
            if source(&state, vdc, href, &[Kind::Template, Kind::Vm]).is_none() {
                return bad_request(
                    &state,
                    format!(
                        "The SourcedItem's Source href {} does not name a vApp template or VM of this org.",
                        href.unwrap_or("(none)")
                    ),
                );
            }
            vms += 1;
        }
        if vms > world::VMS_PER_VAPP {
            return bad_request(
                &state,
                format!(
                    "The simulator makes vApps of at most {} VMs; this composition has {vms}.",
                    world::VMS_PER_VAPP
                ),
            );
        }
        create(&state, &caller, h, vdc, &n, vms, op::VDC_COMPOSE_VAPP)
    })
}

/// The route template an entity's metadata path starts with, from the request's own path.
fn metadata_holder(uri: &Uri) -> &'static str {
    let path = uri.path();
    super::METADATA_HOLDERS
        .into_iter()
        .find(|t| path.starts_with(t.trim_end_matches("{id}")))
        .unwrap_or(paths::VAPP)
}

const METADATA_TYPES: [&str; 4] = [
    "MetadataStringValue",
    "MetadataNumberValue",
    "MetadataBooleanValue",
    "MetadataDateTimeValue",
];

/// A typed value, checked for its type as VCD does.
fn typed_value(n: &Node) -> Result<MetaValue, String> {
    let Some(tv) = n.child("TypedValue") else {
        return Err(format!(
            "cvc-complex-type.2.4.b: The content of element '{}' is not complete. One of '{{\"{}\":TypedValue}}' is expected.",
            n.name,
            vcd_api::NS_VCLOUD
        ));
    };
    let Some(t) = tv.attr("xsi:type") else {
        return Err("The TypedValue needs an xsi:type: MetadataStringValue, MetadataNumberValue, MetadataBooleanValue or MetadataDateTimeValue.".into());
    };
    if !METADATA_TYPES.contains(&t) {
        return Err(format!(
            "cvc-elt.4.2: Cannot resolve '{t}' to a type definition for element 'TypedValue'."
        ));
    }
    let value = tv.text_of("Value").unwrap_or("").to_string();
    let ok = match t {
        "MetadataNumberValue" => value.parse::<f64>().is_ok(),
        "MetadataBooleanValue" => matches!(value.as_str(), "true" | "false"),
        "MetadataDateTimeValue" => crate::clock::parse_iso8601(&value).is_some(),
        _ => true,
    };
    if !ok {
        return Err(format!("The value '{value}' is not a valid {t}."));
    }
    Ok(MetaValue {
        xsi_type: t.to_string(),
        value,
    })
}

pub async fn metadata_get(
    State(state): State<Shared>,
    Path(id): Path<String>,
    uri: Uri,
    caller: Caller,
) -> Response {
    let kinds = kinds_at(metadata_holder(&uri));
    with_entity(&state, &caller, &id, kinds, |h, e| {
        xml(
            StatusCode::OK,
            types::METADATA,
            &caller.version,
            metadata_xml(h, e),
        )
    })
}

/// The name a metadata task shows for its entity.
fn entity_name(state: &SimState, e: &EntityId) -> String {
    state.live.name(e.org, e.org_id, e.kind, e.index)
}

pub async fn metadata_merge(
    State(state): State<Shared>,
    Path(id): Path<String>,
    uri: Uri,
    caller: Caller,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let kinds = kinds_at(metadata_holder(&uri));
    with_entity(&state, &caller, &id, kinds, |_h, e| {
        let sequence = [many("Link"), many("MetadataEntry")];
        let n = match body::expect_in_order(
            content_type(&headers),
            &bytes,
            types::METADATA,
            "Metadata",
            &sequence,
        ) {
            Ok(n) => n,
            Err(r) => return refuse(&state, r),
        };
        let mut entries = Vec::new();
        for entry in n.children_named("MetadataEntry") {
            let checked = body::check_sequence(
                entry,
                &[many("Link"), opt("Domain"), one("Key"), one("TypedValue")],
            );
            if let Err(r) = checked {
                return refuse(&state, r);
            }
            let key_text = entry.text_of("Key").unwrap_or("").to_string();
            if key_text.is_empty() {
                return bad_request(&state, "A metadata entry's Key cannot be empty.".into());
            }
            match typed_value(entry) {
                Ok(v) => entries.push((key_text, Some(v))),
                Err(m) => return bad_request(&state, m),
            }
        }
        let name = entity_name(&state, e);
        if let Err(r) = busy(&state, e, &name) {
            return r;
        }
        let sentence = format!("Updating metadata of {name}");
        start(
            &state,
            &caller,
            e,
            &name,
            op::METADATA_UPDATE,
            sentence,
            Effect::Metadata(entries),
        )
    })
}

pub async fn metadata_value_get(
    State(state): State<Shared>,
    Path((id, k)): Path<(String, String)>,
    uri: Uri,
    caller: Caller,
) -> Response {
    let kinds = kinds_at(metadata_holder(&uri));
    with_entity(&state, &caller, &id, kinds, |h, e| {
        match h.live.metadata(e.org_id, e.kind, e.index).get(&k) {
            Some(v) => xml(
                StatusCode::OK,
                types::METADATA_VALUE,
                &caller.version,
                metadata_value_xml(h, e, &k, v),
            ),
            None => no_key(&state, &k),
        }
    })
}

fn no_key(state: &SimState, k: &str) -> Response {
    vcd_error(
        state,
        StatusCode::NOT_FOUND,
        "RESOURCE_NOT_FOUND",
        &format!("There is no metadata entry with the key \"{k}\" on this entity."),
    )
}

pub async fn metadata_value_put(
    State(state): State<Shared>,
    Path((id, k)): Path<(String, String)>,
    uri: Uri,
    caller: Caller,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let kinds = kinds_at(metadata_holder(&uri));
    with_entity(&state, &caller, &id, kinds, |_h, e| {
        let sequence = [many("Link"), opt("Domain"), one("TypedValue")];
        let n = match body::expect_in_order(
            content_type(&headers),
            &bytes,
            types::METADATA_VALUE,
            "MetadataValue",
            &sequence,
        ) {
            Ok(n) => n,
            Err(r) => return refuse(&state, r),
        };
        let value = match typed_value(&n) {
            Ok(v) => v,
            Err(m) => return bad_request(&state, m),
        };
        let name = entity_name(&state, e);
        if let Err(r) = busy(&state, e, &name) {
            return r;
        }
        let sentence = format!("Updating metadata of {name}");
        start(
            &state,
            &caller,
            e,
            &name,
            op::METADATA_UPDATE,
            sentence,
            Effect::Metadata(vec![(k.clone(), Some(value))]),
        )
    })
}

pub async fn metadata_value_delete(
    State(state): State<Shared>,
    Path((id, k)): Path<(String, String)>,
    uri: Uri,
    caller: Caller,
) -> Response {
    let kinds = kinds_at(metadata_holder(&uri));
    with_entity(&state, &caller, &id, kinds, |h, e| {
        if !h.live.metadata(e.org_id, e.kind, e.index).contains_key(&k) {
            return no_key(&state, &k);
        }
        let name = entity_name(&state, e);
        if let Err(r) = busy(&state, e, &name) {
            return r;
        }
        let sentence = format!("Deleting metadata of {name}");
        start(
            &state,
            &caller,
            e,
            &name,
            op::METADATA_DELETE,
            sentence,
            Effect::Metadata(vec![(k.clone(), None)]),
        )
    })
}

const FIREWALL_SERVICE: &[Particle] = &[
    opt("IsEnabled"),
    opt("DefaultAction"),
    opt("LogDefaultAction"),
    many("FirewallRule"),
];
const FIREWALL_RULE: &[Particle] = &[
    opt("Id"),
    opt("IsEnabled"),
    opt("MatchOnTranslate"),
    opt("Description"),
    opt("Policy"),
    opt("Protocols"),
    opt("IcmpSubType"),
    opt("Port"),
    opt("DestinationPortRange"),
    opt("DestinationIp"),
    opt("DestinationVm"),
    opt("SourcePort"),
    opt("SourcePortRange"),
    opt("SourceIp"),
    opt("SourceVm"),
    opt("Direction"),
    opt("EnableLogging"),
];
const NAT_SERVICE: &[Particle] = &[
    opt("IsEnabled"),
    opt("NatType"),
    opt("Policy"),
    many("NatRule"),
];
const NAT_RULE: &[Particle] = &[
    opt("Description"),
    opt("RuleType"),
    opt("IsEnabled"),
    opt("Id"),
    opt("GatewayNatRule"),
];
const GATEWAY_NAT_RULE: &[Particle] = &[
    opt("Interface"),
    one("OriginalIp"),
    opt("OriginalPort"),
    opt("TranslatedIp"),
    opt("TranslatedPort"),
    opt("Protocol"),
    opt("IcmpSubType"),
];

/// The firewall and NAT services, each rule in its schema's order with values VCD accepts.
fn check_services(n: &Node) -> Result<(), Refusal> {
    let enumerated = |node: &Node, field: &str, allowed: &[&str]| -> Result<(), Refusal> {
        match node.text_of(field) {
            Some(v) if !allowed.contains(&v) => Err(Refusal {
                status: 400,
                minor: "BAD_REQUEST",
                message: format!(
                    "cvc-enumeration-valid: Value '{v}' is not facet-valid with respect to enumeration '[{}]'. It must be a value from the enumeration.",
                    allowed.join(", ")
                ),
            }),
            _ => Ok(()),
        }
    };
    for service in &n.children {
        match service.name.as_str() {
            "FirewallService" => {
                body::check_sequence(service, FIREWALL_SERVICE)?;
                enumerated(service, "DefaultAction", &["allow", "drop"])?;
                for rule in service.children_named("FirewallRule") {
                    body::check_sequence(rule, FIREWALL_RULE)?;
                    enumerated(rule, "Policy", &["allow", "drop"])?;
                }
            }
            "NatService" => {
                body::check_sequence(service, NAT_SERVICE)?;
                for rule in service.children_named("NatRule") {
                    body::check_sequence(rule, NAT_RULE)?;
                    enumerated(rule, "RuleType", &["SNAT", "DNAT"])?;
                    if let Some(g) = rule.child("GatewayNatRule") {
                        body::check_sequence(g, GATEWAY_NAT_RULE)?;
                    }
                }
            }
            // Services the simulator keeps as sent without checking their insides.
            "DhcpService" | "GatewayIpsecVpnService" | "StaticRoutingService" | "LoadBalancerService" => {}
            other => {
                return Err(Refusal {
                    status: 400,
                    minor: "BAD_REQUEST",
                    message: format!("cvc-complex-type.2.4.a: Invalid content was found starting with element '{other}'. One of '{{\"{}\":NetworkService}}' is expected.", vcd_api::NS_VCLOUD),
                })
            }
        }
    }
    Ok(())
}

pub async fn configure_edge(
    State(state): State<Shared>,
    Path(id): Path<String>,
    caller: Caller,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    with_entity(&state, &caller, &id, &[Kind::EdgeGateway], |_h, e| {
        let n = match body::expect(
            content_type(&headers),
            &bytes,
            types::EDGE_GATEWAY_CONFIG,
            "EdgeGatewayServiceConfiguration",
        )
        .and_then(|n| check_services(&n).map(|_| n))
        {
            Ok(n) => n,
            Err(r) => return refuse(&state, r),
        };
        let name = world::name(e.org, Kind::EdgeGateway, 0);
        if let Err(r) = busy(&state, e, &name) {
            return r;
        }
        let sentence = format!("Updating services of edge gateway {name}");
        start(
            &state,
            &caller,
            e,
            &name,
            op::NETWORK_CONFIGURE_EDGE_GATEWAY_SERVICES,
            sentence,
            Effect::EdgeServices(n),
        )
    })
}
