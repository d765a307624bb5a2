//! The tenant world over HTTP: the OrgList and Orgs, and `GET` of VDCs, vApps, VMs, catalogs,
//! catalog items, vApp templates, media, edge gateways, networks and storage profiles, each
//! reachable only through the Links and references of the pages above it, and the actions on them
//! (actions.rs). Another org's entity, or an id this world never made (or has deleted), answers 403
//! ACCESS_TO_RESOURCE_IS_FORBIDDEN as VCD does.

mod actions;
mod payloads;

pub(crate) use payloads::{media, template as route_template, urn_kind, Hrefs};

use crate::routes::answer::{vcd_error, xml, Caller};
use crate::routes::paths;
use crate::state::{Shared, SimState};
use crate::world::{self, EntityId, Kind};
use crate::xml::Xml;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use payloads::*;
use vcd_api::types;

/// The routes of this family, from the templates the payloads' hrefs are built from;
/// routes/mod.rs merges the families and answers a wrong method once for all.
pub fn routes() -> Router<Shared> {
    use paths::sub;
    let mut router = Router::new()
        .route(paths::ORG_LIST, get(org_list))
        .route(paths::ORG_LIST.trim_end_matches('/'), get(org_list))
        .route(paths::ORG, get(org))
        .route(paths::VDC, get(vdc))
        .route(&sub(paths::VDC, "edgeGateways"), get(vdc_edge_gateways))
        .route(
            &sub(paths::VDC, "action/instantiateVAppTemplate"),
            post(actions::instantiate),
        )
        .route(
            &sub(paths::VDC, "action/composeVApp"),
            post(actions::compose),
        )
        .route(
            paths::VAPP,
            get(vapp_or_vm).put(actions::edit).delete(actions::delete),
        )
        .route(
            &sub(paths::VAPP, "power/action/{action}"),
            post(actions::power),
        )
        .route(&sub(paths::VAPP, "action/deploy"), post(actions::deploy))
        .route(
            &sub(paths::VAPP, "action/undeploy"),
            post(actions::undeploy),
        )
        .route(&sub(paths::VAPP, "owner"), get(vapp_owner))
        .route(paths::CATALOG, get(catalog))
        .route(paths::CATALOG_ITEM, get(catalog_item))
        .route(paths::VAPP_TEMPLATE, get(template))
        .route(&sub(paths::VAPP_TEMPLATE, "owner"), get(template_owner))
        .route(paths::EDGE_GATEWAY, get(edge_gateway))
        .route(
            &sub(paths::EDGE_GATEWAY, "action/configureServices"),
            post(actions::configure_edge),
        )
        .route(paths::NETWORK, get(network))
        .route(paths::STORAGE_PROFILE, get(storage_profile))
        .route(paths::MEDIA, get(media_handler));
    // Metadata, the same on every kind that has it.
    for t in METADATA_HOLDERS {
        router = router
            .route(
                &sub(t, "metadata"),
                get(actions::metadata_get).post(actions::metadata_merge),
            )
            .route(
                &sub(t, "metadata/{key}"),
                get(actions::metadata_value_get)
                    .put(actions::metadata_value_put)
                    .delete(actions::metadata_value_delete),
            );
    }
    router
}

/// The route templates of the kinds that carry metadata.
pub(super) const METADATA_HOLDERS: [&str; 7] = [
    paths::VDC,
    paths::VAPP,
    paths::CATALOG,
    paths::CATALOG_ITEM,
    paths::VAPP_TEMPLATE,
    paths::NETWORK,
    paths::MEDIA,
];

/// The kinds a route template serves (`/api/vApp/{id}` serves vApps and VMs).
pub(crate) fn kinds_at(template: &str) -> &'static [Kind] {
    match template {
        paths::VDC => &[Kind::Vdc],
        paths::VAPP => &[Kind::VApp, Kind::Vm],
        paths::CATALOG => &[Kind::Catalog],
        paths::CATALOG_ITEM => &[Kind::CatalogItem],
        paths::VAPP_TEMPLATE => &[Kind::Template],
        paths::NETWORK => &[Kind::Network],
        paths::MEDIA => &[Kind::Media],
        paths::EDGE_GATEWAY => &[Kind::EdgeGateway],
        paths::STORAGE_PROFILE => &[Kind::StorageProfile],
        _ => &[],
    }
}

async fn org_list(State(state): State<Shared>, caller: Caller) -> Response {
    let orgs: Vec<(String, String)> = state
        .visible_orgs(&caller.session.org)
        .into_iter()
        .map(|o| (state.org_id(o), o.name.clone()))
        .collect();
    xml(
        StatusCode::OK,
        types::ORG_LIST,
        &caller.version,
        org_list_xml(&state.public_url, &orgs),
    )
}

async fn org(State(state): State<Shared>, Path(id): Path<String>, caller: Caller) -> Response {
    let Some(org) = state.scenario.orgs.iter().find(|o| state.org_id(o) == id) else {
        return vcd_error(
            &state,
            StatusCode::FORBIDDEN,
            "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
            &format!("No access to entity \"(com.vmware.vcloud.entity.org:{id})\"."),
        );
    };
    if !state
        .visible_orgs(&caller.session.org)
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
        &caller.version,
        org_xml(
            &state.public_url,
            &id,
            &org.name,
            org.full_name.as_deref().unwrap_or(&org.name),
            |x| org_world_links(x, &state.public_url, &id, org, &state.live, &caller.version),
        ),
    )
}

/// The org behind an id, if the session may see it; else VCD's 403.
fn resolve<'a>(
    state: &'a SimState,
    orgs: &'a [(String, &'a crate::scenario::OrgSpec)],
    raw: &str,
    kind: Kind,
    session_org: &str,
) -> Result<EntityId<'a>, Response> {
    let forbidden = || {
        vcd_error(
            state,
            StatusCode::FORBIDDEN,
            "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
            &format!(
                "No access to entity \"(com.vmware.vcloud.entity.{}:{})\".",
                urn_kind(kind),
                raw.trim_start_matches(kind.href_prefix())
            ),
        )
    };
    let e = world::parse(raw, orgs).ok_or_else(forbidden)?;
    let visible = state
        .visible_orgs(session_org)
        .iter()
        .any(|o| o.name == e.org.name);
    let exists =
        state.live.exists(e.org_id, e.kind, e.index) && !vcd_api::is_system_org(&e.org.name);
    if e.kind != kind || !visible || !exists {
        return Err(forbidden());
    }
    Ok(e)
}

/// The orgs of the scenario, each with its id: what [`resolve`] reads an href id against.
pub(crate) fn orgs_with_ids(state: &SimState) -> Vec<(String, &crate::scenario::OrgSpec)> {
    state
        .scenario
        .orgs
        .iter()
        .map(|o| (state.org_id(o), o))
        .collect()
}

/// Resolves the entity an `{id}` names for a route serving `kinds` and runs `f` on it; VCD's 403
/// when the caller may not see it. `/api/vApp/{id}` serves vApps and VMs alike: the id's prefix
/// tells which.
pub(crate) fn with_entity(
    state: &SimState,
    caller: &Caller,
    raw: &str,
    kinds: &[Kind],
    f: impl FnOnce(&Hrefs, &EntityId) -> Response,
) -> Response {
    let orgs = orgs_with_ids(state);
    let kind = match kinds {
        [k] => *k,
        _ if raw.starts_with("vm-") => Kind::Vm,
        _ => Kind::VApp,
    };
    let e = match resolve(state, &orgs, raw, kind, &caller.session.org) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let h = Hrefs {
        base: &state.public_url,
        org_id: e.org_id,
        live: &state.live,
    };
    f(&h, &e)
}

async fn serve(
    state: Shared,
    caller: Caller,
    raw: String,
    kinds: &[Kind],
    sub: Option<&str>,
) -> Response {
    with_entity(&state, &caller, &raw, kinds, |h, e| {
        let (media_type, body) = match (sub, e.kind) {
            (Some("owner"), _) => (types::OWNER, owner_xml(h, e)),
            (Some("edgeGateways"), Kind::Vdc) => {
                let vdc = h.of(Kind::Vdc, 0);
                let path = format!("{}/edgeGateways", vdc.trim_start_matches(h.base));
                return crate::routes::query::vdc_edge_gateways(&state, &caller, &vdc, path);
            }
            (Some(_), _) => unreachable!("routes name only the sub-resources above"),
            (None, Kind::Vdc) => (media(Kind::Vdc), vdc_xml(h, e)),
            (None, Kind::VApp) => (media(Kind::VApp), vapp_xml(h, e)),
            (None, Kind::Vm) => {
                let mut x = Xml::document();
                vm_xml(&mut x, h, e, true);
                (media(Kind::Vm), x.finish())
            }
            (None, Kind::Catalog) => (media(Kind::Catalog), catalog_xml(h, e)),
            (None, Kind::CatalogItem) => (media(Kind::CatalogItem), catalog_item_xml(h, e)),
            (None, Kind::Template) => (media(Kind::Template), template_xml(h, e)),
            (None, Kind::EdgeGateway) => (media(Kind::EdgeGateway), edge_xml(h, e)),
            (None, Kind::Network) => (media(Kind::Network), network_xml(h, e)),
            (None, Kind::StorageProfile) => {
                (media(Kind::StorageProfile), storage_profile_xml(h, e))
            }
            (None, Kind::Media) => (media(Kind::Media), media_xml(h, e)),
        };
        xml(StatusCode::OK, media_type, &caller.version, body)
    })
}

macro_rules! handler {
    ($name:ident, [$($kind:expr),+], $sub:expr) => {
        pub async fn $name(State(state): State<Shared>, Path(id): Path<String>, caller: Caller) -> Response {
            serve(state, caller, id, &[$($kind),+], $sub).await
        }
    };
}

handler!(vdc, [Kind::Vdc], None);
handler!(vdc_edge_gateways, [Kind::Vdc], Some("edgeGateways"));
handler!(vapp_or_vm, [Kind::VApp, Kind::Vm], None);
handler!(vapp_owner, [Kind::VApp], Some("owner"));
handler!(catalog, [Kind::Catalog], None);
handler!(catalog_item, [Kind::CatalogItem], None);
handler!(template, [Kind::Template], None);
handler!(template_owner, [Kind::Template], Some("owner"));
handler!(edge_gateway, [Kind::EdgeGateway], None);
handler!(network, [Kind::Network], None);
handler!(storage_profile, [Kind::StorageProfile], None);
handler!(media_handler, [Kind::Media], None);
