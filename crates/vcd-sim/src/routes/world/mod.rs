//! The tenant world over HTTP: the OrgList and Orgs, and `GET` of VDCs, vApps, VMs, catalogs,
//! catalog items, vApp templates, edge gateways, networks and storage profiles, each reachable only
//! through the Links and references of the pages above it. Another org's entity, or an id this world
//! never made, answers 403 ACCESS_TO_RESOURCE_IS_FORBIDDEN as VCD does.

mod payloads;

use crate::routes::answer::{vcd_error, xml, Caller};
use crate::routes::paths;
use crate::state::{Shared, SimState};
use crate::world::{self, EntityId, Kind};
use crate::xml::Xml;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use payloads::*;
use vcd_api::types;

/// The routes of this family, from the templates the payloads' hrefs are built from;
/// routes/mod.rs merges the families and answers a wrong method once for all.
pub fn routes() -> Router<Shared> {
    use paths::sub;
    Router::new()
        .route(paths::ORG_LIST, get(org_list))
        .route(paths::ORG_LIST.trim_end_matches('/'), get(org_list))
        .route(paths::ORG, get(org))
        .route(paths::VDC, get(vdc))
        .route(&sub(paths::VDC, "edgeGateways"), get(vdc_edge_gateways))
        .route(&sub(paths::VDC, "metadata"), get(vdc_metadata))
        .route(paths::VAPP, get(vapp_or_vm))
        .route(&sub(paths::VAPP, "metadata"), get(vapp_or_vm_metadata))
        .route(&sub(paths::VAPP, "owner"), get(vapp_owner))
        .route(paths::CATALOG, get(catalog))
        .route(&sub(paths::CATALOG, "metadata"), get(catalog_metadata))
        .route(paths::CATALOG_ITEM, get(catalog_item))
        .route(
            &sub(paths::CATALOG_ITEM, "metadata"),
            get(catalog_item_metadata),
        )
        .route(paths::VAPP_TEMPLATE, get(template))
        .route(&sub(paths::VAPP_TEMPLATE, "owner"), get(template_owner))
        .route(
            &sub(paths::VAPP_TEMPLATE, "metadata"),
            get(template_metadata),
        )
        .route(paths::EDGE_GATEWAY, get(edge_gateway))
        .route(paths::NETWORK, get(network))
        .route(&sub(paths::NETWORK, "metadata"), get(network_metadata))
        .route(paths::STORAGE_PROFILE, get(storage_profile))
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
            |x| org_world_links(x, &state.public_url, &id, org),
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
        e.index < world::count(e.kind, state.vapps_per_vdc) && !vcd_api::is_system_org(&e.org.name);
    if e.kind != kind || !visible || !exists {
        return Err(forbidden());
    }
    Ok(e)
}

async fn serve(
    state: Shared,
    caller: Caller,
    raw: String,
    kinds: &[Kind],
    sub: Option<&str>,
) -> Response {
    let orgs: Vec<(String, &crate::scenario::OrgSpec)> = state
        .scenario
        .orgs
        .iter()
        .map(|o| (state.org_id(o), o))
        .collect();
    // `/api/vApp/{id}` serves vApps and VMs alike: the id's prefix tells which.
    let kind = match kinds {
        [k] => *k,
        _ if raw.starts_with("vm-") => Kind::Vm,
        _ => Kind::VApp,
    };
    let e = match resolve(&state, &orgs, &raw, kind, &caller.session.org) {
        Ok(e) => e,
        Err(r) => return r,
    };
    let h = Hrefs {
        base: &state.public_url,
        org_id: e.org_id,
    };
    let (media_type, body) = match (sub, e.kind) {
        (Some("metadata"), _) => (types::METADATA, metadata_xml(&h, &e)),
        (Some("owner"), _) => (types::OWNER, owner_xml(&h, &e)),
        (Some("edgeGateways"), Kind::Vdc) => (types::QUERY_RECORDS, edge_records_xml(&h, e.org)),
        (Some(_), _) => unreachable!("routes name only the sub-resources above"),
        (None, Kind::Vdc) => (media(Kind::Vdc), vdc_xml(&h, &e, state.vapps_per_vdc)),
        (None, Kind::VApp) => (media(Kind::VApp), vapp_xml(&h, &e)),
        (None, Kind::Vm) => {
            let mut x = Xml::document();
            vm_xml(&mut x, &h, &e, true);
            (media(Kind::Vm), x.finish())
        }
        (None, Kind::Catalog) => (media(Kind::Catalog), catalog_xml(&h, &e)),
        (None, Kind::CatalogItem) => (media(Kind::CatalogItem), catalog_item_xml(&h, &e)),
        (None, Kind::Template) => (media(Kind::Template), template_xml(&h, &e)),
        (None, Kind::EdgeGateway) => (media(Kind::EdgeGateway), edge_xml(&h, &e)),
        (None, Kind::Network) => (media(Kind::Network), network_xml(&h, &e)),
        (None, Kind::StorageProfile) => (media(Kind::StorageProfile), storage_profile_xml(&h, &e)),
    };
    xml(StatusCode::OK, media_type, &caller.version, body)
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
handler!(
    vapp_or_vm_metadata,
    [Kind::VApp, Kind::Vm],
    Some("metadata")
);
handler!(vapp_owner, [Kind::VApp], Some("owner"));
handler!(catalog, [Kind::Catalog], None);
handler!(catalog_item, [Kind::CatalogItem], None);
handler!(template, [Kind::Template], None);
handler!(template_owner, [Kind::Template], Some("owner"));
handler!(edge_gateway, [Kind::EdgeGateway], None);
handler!(network, [Kind::Network], None);
handler!(storage_profile, [Kind::StorageProfile], None);
handler!(vdc_metadata, [Kind::Vdc], Some("metadata"));
handler!(catalog_metadata, [Kind::Catalog], Some("metadata"));
handler!(network_metadata, [Kind::Network], Some("metadata"));
handler!(catalog_item_metadata, [Kind::CatalogItem], Some("metadata"));
handler!(template_metadata, [Kind::Template], Some("metadata"));
