//! The query service over HTTP: `GET /api/query` without a type answers the `QueryList` (one link
//! per type and format the caller may use); with one it answers `QueryResultRecords` (records,
//! idrecords) or `…References`, filtered, sorted and paged, with the firstPage/previousPage/
//! nextPage/lastPage and alternate links real clients follow. The packaged queries of older scripts
//! (`/api/vApps/query`, …) answer the same way, and a VDC's `edgeGateways` is an edgeGateway query
//! limited to that VDC.

use crate::query::filter::{self, Escaping};
use crate::query::{for_each_record, urn_of, QueryType, Record, ALL};
use crate::routes::answer::{vcd_error, xml, Caller};
use crate::routes::paging;
use crate::routes::paths;
use crate::state::{Shared, SimState};
use crate::xml::{self as xmlns, Xml};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use std::collections::BTreeMap;
use vcd_api::{encode_component, types, ApiVersion, QUERY_DEFAULT_PAGE_SIZE, QUERY_MAX_PAGE_SIZE};

pub fn routes() -> Router<Shared> {
    let mut router = Router::new().route(paths::QUERY_LIST, get(query));
    for (path, t) in paths::PACKAGED_QUERIES {
        router = router.route(
            path,
            get(
                move |state: State<Shared>,
                      params: Query<BTreeMap<String, String>>,
                      caller: Caller| { packaged(state, params, caller, path, t) },
            ),
        );
    }
    router
}

const FORMATS: [(&str, &str); 3] = [
    ("records", types::QUERY_RECORDS),
    ("idrecords", types::QUERY_IDRECORDS),
    ("references", types::QUERY_REFERENCES),
];

fn bad(state: &SimState, message: String) -> Response {
    vcd_error(state, StatusCode::BAD_REQUEST, "BAD_REQUEST", &message)
}

async fn query(
    State(state): State<Shared>,
    Query(params): Query<BTreeMap<String, String>>,
    caller: Caller,
) -> Response {
    let Some(name) = params.get("type") else {
        return query_list(&state, &caller);
    };
    let Some(t) = QueryType::from_name(name) else {
        return bad(
            &state,
            format!(
                "Bad request: \"{name}\" is not a valid query type. Valid types are listed at {}",
                paths::at(&state.public_url, paths::QUERY_LIST)
            ),
        );
    };
    let at = Page {
        path: paths::QUERY_LIST.to_string(),
        with_type: true,
        fixed_filter: None,
    };
    answer(&state, &caller, t, &params, &at)
}

async fn packaged(
    State(state): State<Shared>,
    Query(params): Query<BTreeMap<String, String>>,
    caller: Caller,
    path: &'static str,
    t: &'static str,
) -> Response {
    let t = QueryType::from_name(t).unwrap_or(QueryType::VApp);
    let at = Page {
        path: path.to_string(),
        with_type: false,
        fixed_filter: None,
    };
    answer(&state, &caller, t, &params, &at)
}

/// A VDC's `edgeGateways`: the edgeGateway query limited to that VDC.
pub fn vdc_edge_gateways(
    state: &SimState,
    caller: &Caller,
    vdc_href: &str,
    path: String,
) -> Response {
    let at = Page {
        path,
        with_type: false,
        fixed_filter: Some(vdc_href.to_string()),
    };
    answer(state, caller, QueryType::EdgeGateway, &BTreeMap::new(), &at)
}

fn query_list(state: &SimState, caller: &Caller) -> Response {
    let base = paths::at(&state.public_url, paths::QUERY_LIST);
    let mut x = Xml::document();
    x.root(
        "QueryList",
        xmlns::VCLOUD,
        &[("href", &base), ("type", types::QUERY_LIST)],
    );
    for t in ALL
        .into_iter()
        .filter(|t| t.allowed_for(&caller.session.role))
    {
        for (format, media_type) in FORMATS {
            x.empty(
                "Link",
                &[
                    ("rel", "down"),
                    ("href", &format!("{base}?type={}&format={format}", t.name())),
                    ("name", t.name()),
                    ("type", media_type),
                ],
            );
        }
    }
    xml(
        StatusCode::OK,
        types::QUERY_LIST,
        &caller.version,
        x.finish(),
    )
}

/// Where a query was asked, so its page links lead back there.
struct Page {
    path: String,
    /// `/api/query` names the type in its links; packaged queries do not.
    with_type: bool,
    /// A VDC's edgeGateways answers only that VDC's.
    fixed_filter: Option<String>,
}

fn answer(
    state: &SimState,
    caller: &Caller,
    t: QueryType,
    params: &BTreeMap<String, String>,
    at: &Page,
) -> Response {
    if !t.allowed_for(&caller.session.role) {
        return vcd_error(
            state,
            StatusCode::FORBIDDEN,
            "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
            &format!(
                "Access is forbidden: the role {} may not run the {} query.",
                caller.session.role,
                t.name()
            ),
        );
    }
    let format = params
        .get("format")
        .map(String::as_str)
        .unwrap_or("records");
    let Some(&(_, media_type)) = FORMATS.iter().find(|(f, _)| *f == format) else {
        return bad(
            state,
            format!("Bad request: \"{format}\" is not a query format; use records, idrecords or references."),
        );
    };
    let page = match paging::positive(params, "page", 1) {
        Ok(p) => p,
        Err(m) => return bad(state, format!("Bad request: {m}")),
    };
    let page_size = match paging::positive(params, "pageSize", QUERY_DEFAULT_PAGE_SIZE) {
        Ok(p) => p.min(QUERY_MAX_PAGE_SIZE),
        Err(m) => return bad(state, format!("Bad request: {m}")),
    };
    let properties = t.properties();
    let unknown = |p: &str| {
        bad(
            state,
            format!(
                "Bad request: \"{p}\" is not a property of the {} query. Its properties are: {}.",
                t.name(),
                properties.join(", ")
            ),
        )
    };
    let version: Option<ApiVersion> = caller.version.parse().ok();
    let escaping = match version {
        Some(v) if v.at_least(vcd_api::FILTER_ESCAPE_MIN_VERSION) => Escaping::Backslash,
        _ => Escaping::Percent {
            decode: params.get("filterEncoded").is_some_and(|v| v == "true"),
        },
    };
    let expr = match params.get("filter").filter(|f| !f.is_empty()) {
        None => None,
        Some(text) => match filter::parse(text, escaping) {
            Ok(e) => {
                let mut names = Vec::new();
                filter::attributes(&e, &mut names);
                if let Some(p) = names.iter().find(|n| !properties.contains(&n.as_str())) {
                    return unknown(p);
                }
                Some(e)
            }
            Err(message) => return bad(state, message),
        },
    };
    let sort = match paging::sort(params) {
        Ok(s) => s,
        Err(m) => return bad(state, format!("Bad request: {m}")),
    };
    if let Some((p, _)) = &sort {
        if !properties.contains(&p.as_str()) {
            return unknown(p);
        }
    }
    let fields: Option<Vec<String>> = params.get("fields").map(|f| {
        f.split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    });
    if let Some(p) = fields
        .iter()
        .flatten()
        .find(|p| !properties.contains(&p.as_str()))
    {
        return unknown(p);
    }

    // Keep only what this page needs unless a sort needs them all.
    let first = (page - 1) * page_size;
    let mut total = 0usize;
    let mut kept: Vec<Record> = Vec::new();
    for_each_record(state, &caller.session.org, t, &mut |r| {
        if let Some(vdc) = &at.fixed_filter {
            if r.get(t, "vdc") != Some(vdc.as_str()) {
                return;
            }
        }
        if let Some(e) = &expr {
            if !filter::matches(e, &|p| r.get(t, p)) {
                return;
            }
        }
        if sort.is_some() || (total >= first && total < first + page_size) {
            kept.push(r);
        }
        total += 1;
    });
    if let Some((p, desc)) = &sort {
        kept.sort_by(|a, b| paging::order(a.get(t, p), b.get(t, p), *desc));
        kept = kept.into_iter().skip(first).take(page_size).collect();
    }
    let last = total.div_ceil(page_size).max(1);
    if page > last {
        return bad(
            state,
            format!("Bad request: page {page} is past the last page ({last}) of this query, which has {total} results at {page_size} a page."),
        );
    }

    let href = |p: usize, f: &str| -> String {
        let mut q = Vec::new();
        if at.with_type {
            q.push(format!("type={}", t.name()));
        }
        q.push(format!("page={p}"));
        q.push(format!("pageSize={page_size}"));
        q.push(format!("format={f}"));
        for key in ["filter", "filterEncoded", "sortAsc", "sortDesc", "fields"] {
            if let Some(v) = params.get(key) {
                q.push(format!("{key}={}", encode_component(v)));
            }
        }
        format!("{}?{}", paths::at(&state.public_url, &at.path), q.join("&"))
    };
    let references = format == "references";
    let root = if references {
        format!("{}References", t.stem())
    } else {
        "QueryResultRecords".to_string()
    };
    let (page_s, size_s, total_s) = (page.to_string(), page_size.to_string(), total.to_string());
    let me = href(page, format);
    let mut x = Xml::document();
    x.root(
        &root,
        xmlns::VCLOUD,
        &[
            ("name", t.name()),
            ("page", &page_s),
            ("pageSize", &size_s),
            ("total", &total_s),
            ("href", &me),
            ("type", media_type),
        ],
    );
    let link = |x: &mut Xml, rel: &str, p: usize, f: &str, m: &str| {
        x.link(rel, &href(p, f), Some(m));
    };
    link(&mut x, "firstPage", 1, format, media_type);
    if page > 1 {
        link(&mut x, "previousPage", page - 1, format, media_type);
    }
    if page < last {
        link(&mut x, "nextPage", page + 1, format, media_type);
    }
    link(&mut x, "lastPage", last, format, media_type);
    for (f, m) in FORMATS.iter().filter(|(f, _)| *f != format) {
        link(&mut x, "alternate", page, f, m);
    }
    let element = if references {
        format!("{}Reference", t.stem())
    } else {
        format!("{}Record", t.stem())
    };
    for r in &kept {
        let record_href = r.get(t, "href").unwrap_or("").to_string();
        if references {
            let mut attrs = vec![
                ("type", t.entity_type().to_string()),
                ("name", r.get(t, "name").unwrap_or("").to_string()),
                ("href", record_href.clone()),
            ];
            if let Some(urn) = urn_of(state, &record_href) {
                attrs.push(("id", urn));
            }
            let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            x.empty(&element, &attrs);
            continue;
        }
        let mut attrs: Vec<(&str, String)> = Vec::new();
        for (p, v) in properties.iter().zip(&r.values) {
            let Some(v) = v else { continue };
            if *p != "href" && fields.as_ref().is_some_and(|f| !f.iter().any(|n| n == p)) {
                continue;
            }
            // idrecords name referenced entities by urn instead of href.
            let value = if format == "idrecords" && *p != "href" {
                urn_of(state, v).unwrap_or_else(|| v.clone())
            } else {
                v.clone()
            };
            attrs.push((p, value));
        }
        if format == "idrecords" {
            if let Some(urn) = urn_of(state, &record_href) {
                attrs.push(("id", urn));
            }
        }
        let attrs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        x.empty(&element, &attrs);
    }
    xml(StatusCode::OK, media_type, &caller.version, x.finish())
}
