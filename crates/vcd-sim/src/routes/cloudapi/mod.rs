//! CloudAPI lists (JSON): `/cloudapi/1.0.0/orgs`, `/vdcs`, `/edgeGateways` and `/tokens` in VCD's
//! paging envelope (`resultTotal`, `pageCount`, `page`, `pageSize`, `associations`, `values`),
//! with `Link` headers whose rels combine when two pages are one (`rel="lastPage nextPage"`), the
//! same FIQL `filter` as the query service over dotted property names (`org.name`), `sortAsc`/
//! `sortDesc`, and VCD's JSON error shape.

use crate::query::filter::{self, Escaping};
use crate::routes::answer::{json_error, require_session, served_version};
use crate::routes::paging;
use crate::routes::paths;
use crate::sessions::SimSession;
use crate::state::{Shared, SimState};
use crate::world::{self, Kind};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use vcd_api::{encode_component, ApiVersion, QUERY_DEFAULT_PAGE_SIZE, QUERY_MAX_PAGE_SIZE};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route(paths::CLOUDAPI_ORGS, get(orgs))
        .route(paths::CLOUDAPI_VDCS, get(vdcs))
        .route(paths::CLOUDAPI_EDGE_GATEWAYS, get(edge_gateways))
        .route(
            paths::CLOUDAPI_TOKENS,
            get(tokens).fallback(crate::routes::auth::user_management),
        )
}

fn reference(name: &str, id: String) -> Value {
    json!({ "name": name, "id": id })
}

fn org_urn(state: &SimState, o: &crate::scenario::OrgSpec) -> String {
    format!("urn:vcloud:org:{}", state.org_id(o))
}

fn urn(org_id: &str, kind: Kind, urn_kind: &str) -> String {
    format!("urn:vcloud:{urn_kind}:{}", world::uuid(org_id, kind, 0))
}

/// The session, the CloudAPI version asked for, and the query parameters, or the JSON error.
struct Caller {
    session: SimSession,
    version: String,
}

fn caller(state: &SimState, headers: &HeaderMap) -> Result<Caller, Response> {
    let version = served_version(state, headers)
        .map_err(|m| json_error(StatusCode::NOT_ACCEPTABLE, "NOT_ACCEPTABLE", &m))?;
    let session = require_session(state, headers, true)?;
    Ok(Caller { session, version })
}

async fn orgs(
    State(state): State<Shared>,
    headers: HeaderMap,
    Query(params): Query<BTreeMap<String, String>>,
) -> Response {
    let c = match caller(&state, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let values: Vec<Value> = state
        .visible_orgs(&c.session.org)
        .into_iter()
        .map(|o| {
            let id = state.org_id(o);
            let tenant = !vcd_api::is_system_org(&o.name);
            json!({
                "id": org_urn(&state, o),
                "name": o.name,
                "displayName": o.full_name.clone().unwrap_or_else(|| o.name.clone()),
                "description": "",
                "isEnabled": true,
                "orgVdcCount": if tenant { 1 } else { 0 },
                "catalogCount": if tenant { 1 } else { 0 },
                "vappCount": if tenant { state.live.vapps(&id).len() } else { 0 },
                "userCount": o.users.len(),
                "canManageOrgs": !tenant,
            })
        })
        .collect();
    page(&state, &c, paths::CLOUDAPI_ORGS, values, &params)
}

fn tenant_orgs<'a>(state: &'a SimState, session_org: &str) -> Vec<&'a crate::scenario::OrgSpec> {
    state
        .visible_orgs(session_org)
        .into_iter()
        .filter(|o| !vcd_api::is_system_org(&o.name))
        .collect()
}

async fn vdcs(
    State(state): State<Shared>,
    headers: HeaderMap,
    Query(params): Query<BTreeMap<String, String>>,
) -> Response {
    let c = match caller(&state, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let values: Vec<Value> = tenant_orgs(&state, &c.session.org)
        .into_iter()
        .map(|o| {
            let id = state.org_id(o);
            json!({
                "id": urn(&id, Kind::Vdc, "vdc"),
                "name": world::name(o, Kind::Vdc, 0),
                "description": "",
                "allocationType": "AllocationVApp",
                "isEnabled": true,
                "org": reference(&o.name, org_urn(&state, o)),
                "numberOfVApps": state.live.vapps(&id).len(),
            })
        })
        .collect();
    page(&state, &c, paths::CLOUDAPI_VDCS, values, &params)
}

async fn edge_gateways(
    State(state): State<Shared>,
    headers: HeaderMap,
    Query(params): Query<BTreeMap<String, String>>,
) -> Response {
    let c = match caller(&state, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let values: Vec<Value> = tenant_orgs(&state, &c.session.org)
        .into_iter()
        .map(|o| {
            let id = state.org_id(o);
            let vdc = reference(&world::name(o, Kind::Vdc, 0), urn(&id, Kind::Vdc, "vdc"));
            json!({
                "id": urn(&id, Kind::EdgeGateway, "gateway"),
                "name": world::name(o, Kind::EdgeGateway, 0),
                "description": "",
                "orgVdc": vdc.clone(),
                "ownerRef": vdc,
                "orgRef": reference(&o.name, org_urn(&state, o)),
                "edgeGatewayUplinks": [{
                    "uplinkName": "provider-uplink",
                    "subnets": { "values": [{ "gateway": "203.0.113.1", "prefixLength": 24 }] }
                }],
            })
        })
        .collect();
    page(&state, &c, paths::CLOUDAPI_EDGE_GATEWAYS, values, &params)
}

/// The API tokens the caller may see: all of them for the provider, the org's for an
/// organization administrator, else the caller's own (the token itself is never listed).
async fn tokens(
    State(state): State<Shared>,
    headers: HeaderMap,
    Query(params): Query<BTreeMap<String, String>>,
) -> Response {
    let c = match caller(&state, &headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let provider = vcd_api::is_system_org(&c.session.org);
    let admin = !c.session.via_api_token && c.session.role.contains("Administrator");
    let mut values = Vec::new();
    for o in state.visible_orgs(&c.session.org) {
        for t in o.api_tokens.iter().filter(|t| !t.revoked) {
            let mine = t.user == c.session.user && o.name.eq_ignore_ascii_case(&c.session.org);
            if !(provider || admin || mine) {
                continue;
            }
            let id = crate::sessions::uuid_from_hex(&format!(
                "{:0>32}",
                &hex_digest(&format!("token:{}:{}", o.name, t.name))
            ));
            values.push(json!({
                "id": format!("urn:vcloud:token:{id}"),
                "name": t.name,
                "token": null,
                "expirationTimeUtc": null,
                "owner": reference(&t.user, format!("urn:vcloud:user:{}", state.user_id(&o.name, &t.user))),
                "org": reference(&o.name, org_urn(&state, o)),
                "type": "REFRESH",
            }));
        }
    }
    page(&state, &c, paths::CLOUDAPI_TOKENS, values, &params)
}

fn hex_digest(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A value's properties flattened to dotted names (`org.name`), for filters and sorts.
fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        Value::Number(n) => {
            out.insert(prefix.to_string(), n.to_string());
        }
        Value::Bool(b) => {
            out.insert(prefix.to_string(), b.to_string());
        }
        Value::Null | Value::Array(_) => {}
    }
}

fn bad(message: String) -> Response {
    json_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", &message)
}

/// Filters, sorts and pages `values` into VCD's envelope with its Link headers.
fn page(
    state: &SimState,
    c: &Caller,
    path: &str,
    values: Vec<Value>,
    params: &BTreeMap<String, String>,
) -> Response {
    let page_no = match paging::positive(params, "page", 1) {
        Ok(p) => p,
        Err(m) => return bad(m),
    };
    let page_size = match paging::positive(params, "pageSize", QUERY_DEFAULT_PAGE_SIZE) {
        Ok(p) => p.min(QUERY_MAX_PAGE_SIZE),
        Err(m) => return bad(m),
    };
    let mut rows: Vec<(BTreeMap<String, String>, Value)> = values
        .into_iter()
        .map(|v| {
            let mut flat = BTreeMap::new();
            flatten("", &v, &mut flat);
            (flat, v)
        })
        .collect();
    let known: std::collections::BTreeSet<String> =
        rows.iter().flat_map(|(f, _)| f.keys().cloned()).collect();
    if let Some(text) = params.get("filter").filter(|f| !f.is_empty()) {
        let backslash = c
            .version
            .parse::<ApiVersion>()
            .is_ok_and(|v| v.at_least(vcd_api::FILTER_ESCAPE_MIN_VERSION));
        let escaping = if backslash {
            Escaping::Backslash
        } else {
            Escaping::Percent { decode: false }
        };
        let expr = match filter::parse(text, escaping) {
            Ok(e) => e,
            Err(m) => return bad(m),
        };
        let mut names = Vec::new();
        filter::attributes(&expr, &mut names);
        if let Some(n) = names
            .iter()
            .find(|n| !known.contains(*n) && !rows.is_empty())
        {
            return bad(format!("\"{n}\" is not a property of these entities."));
        }
        rows.retain(|(flat, _)| filter::matches(&expr, &|p| flat.get(p).map(String::as_str)));
    }
    let sort = match paging::sort(params) {
        Ok(s) => s,
        Err(m) => return bad(m),
    };
    if let Some((p, desc)) = sort {
        rows.sort_by(|a, b| {
            paging::order(
                a.0.get(&p).map(String::as_str),
                b.0.get(&p).map(String::as_str),
                desc,
            )
        });
    }
    let total = rows.len();
    let page_count = total.div_ceil(page_size);
    let shown: Vec<Value> = rows
        .into_iter()
        .skip((page_no - 1) * page_size)
        .take(page_size)
        .map(|(_, v)| v)
        .collect();
    let body = json!({
        "resultTotal": total,
        "pageCount": page_count,
        "page": page_no,
        "pageSize": page_size,
        "associations": null,
        "values": shown,
    });
    let href = |p: usize| {
        let mut q = vec![format!("page={p}"), format!("pageSize={page_size}")];
        for key in ["filter", "sortAsc", "sortDesc"] {
            if let Some(v) = params.get(key) {
                q.push(format!("{key}={}", encode_component(v)));
            }
        }
        format!("{}?{}", paths::at(&state.public_url, path), q.join("&"))
    };
    // One Link per distinct page, its rels combined (`rel="lastPage nextPage"`), as VCD writes them.
    let mut links: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut add = |p: usize, rel: &'static str| match links.iter_mut().find(|(q, _)| *q == p) {
        Some((_, rels)) => rels.push(rel),
        None => links.push((p, vec![rel])),
    };
    if page_count > 0 {
        add(1, "firstPage");
        if page_no > 1 && page_no <= page_count + 1 {
            add(page_no - 1, "previousPage");
        }
        if page_no < page_count {
            add(page_no + 1, "nextPage");
        }
        add(page_count, "lastPage");
    }
    let mut r = (StatusCode::OK, axum::Json(body)).into_response();
    for (p, mut rels) in links {
        rels.sort();
        let value = format!(
            "<{}>;rel=\"{}\";type=\"{}\"",
            href(p),
            rels.join(" "),
            vcd_api::JSON
        );
        if let Ok(v) = HeaderValue::from_str(&value) {
            r.headers_mut().append(header::LINK, v);
        }
    }
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&format!("{};version={}", vcd_api::JSON, c.version))
            .unwrap_or(HeaderValue::from_static("application/json")),
    );
    r
}
