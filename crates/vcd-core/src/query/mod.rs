//! The query service from the client's side: a query's URL, a page of `QueryResultRecords` (or
//! `…References`) read into records, Fetch all (page 1 says how many pages there are; the rest are
//! read with bounded concurrency and put back in page order, each record once), and the records
//! exported as CSV or JSON, atomically.

use crate::auth::SessionManager;
use crate::error::CoreError;
use crate::files::write_atomic_with;
use crate::http::Exchange;
use crate::xml::{local_name_in, DepthGuard};
use futures_util::stream::{self, StreamExt};
use quick_xml::events::Event;
use quick_xml::NsReader;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use ts_rs::TS;
use vcd_api::{encode_component, NS_VCLOUD};

/// What a query asks for, as the query builder and `vcdw query` compose it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuerySpec {
    /// The query type: vApp, vm, orgVdc, …
    pub query_type: String,
    /// records, idrecords or references; records when empty.
    pub format: String,
    /// The whole filter expression, values already escaped for the version (see [`filter_value`]).
    pub filter: String,
    /// Properties to return (empty: all).
    pub fields: Vec<String>,
    /// The property to sort by, and whether descending.
    pub sort: Option<(String, bool)>,
    #[ts(type = "number")]
    pub page_size: usize,
}

impl QuerySpec {
    /// `/api/query?type=…&format=…&pageSize=…[&filter=…][&fields=…][&sortAsc=…]`, page 1.
    pub fn path(&self) -> String {
        let format = if self.format.is_empty() {
            "records"
        } else {
            &self.format
        };
        let mut q = vec![
            format!("type={}", encode_component(&self.query_type)),
            format!("format={}", encode_component(format)),
            format!(
                "pageSize={}",
                self.page_size.clamp(1, vcd_api::QUERY_MAX_PAGE_SIZE)
            ),
        ];
        if !self.filter.is_empty() {
            q.push(format!("filter={}", encode_component(&self.filter)));
        }
        if !self.fields.is_empty() {
            q.push(format!(
                "fields={}",
                encode_component(&self.fields.join(","))
            ));
        }
        if let Some((prop, desc)) = &self.sort {
            let key = if *desc { "sortDesc" } else { "sortAsc" };
            q.push(format!("{key}={}", encode_component(prop)));
        }
        format!("{}?{}", vcd_api::QUERY_PATH, q.join("&"))
    }
}

/// One filter comparison's value written for `version` (backslashes from API 35.0; below it
/// percent-encoded, and the query must then say `filterEncoded=true`).
pub fn filter_value(value: &str, version: &str) -> String {
    match version.parse::<vcd_api::ApiVersion>() {
        Ok(v) => vcd_api::escape_filter_value(value, &v),
        Err(_) => value.to_string(),
    }
}

/// One record: its element (`VAppRecord`) and attributes in the order the server wrote them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct QueryRecord {
    pub element: String,
    pub attributes: Vec<(String, String)>,
}

impl QueryRecord {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One page of a query's answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct QueryPage {
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub page: u64,
    #[ts(type = "number")]
    pub page_size: u64,
    pub records: Vec<QueryRecord>,
    /// The `nextPage`, `lastPage` and `firstPage` Links, when the page has them.
    pub next: Option<String>,
    pub last: Option<String>,
    pub first: Option<String>,
}

/// Reads a `QueryResultRecords` or `…References` document.
pub fn parse_query_page(body: &[u8]) -> Result<QueryPage, String> {
    let text = std::str::from_utf8(body).map_err(|_| "the answer is not UTF-8 text".to_string())?;
    let mut reader = NsReader::from_str(text);
    let mut guard = DepthGuard::default();
    let mut page = QueryPage::default();
    let mut root_seen = false;
    loop {
        let position = reader.buffer_position();
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("the answer is not well-formed XML: {e}"))?;
        let depth = guard.track(&event, position).map_err(|e| e.to_string())?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let Some(name) = local_name_in(&ns, e, NS_VCLOUD) else {
                    continue;
                };
                let attrs: Vec<(String, String)> = e
                    .attributes()
                    .flatten()
                    .filter(|a| !a.key.as_ref().starts_with(b"xmlns"))
                    .filter_map(|a| {
                        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
                        a.unescape_value().ok().map(|v| (key, v.into_owned()))
                    })
                    .collect();
                let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                let top = depth <= 1 && !root_seen;
                if top {
                    if name != "QueryResultRecords" && !name.ends_with("References") {
                        return Err(format!("the answer is a {name}, not a query's records"));
                    }
                    root_seen = true;
                    page.total = get("total").and_then(|v| v.parse().ok()).unwrap_or(0);
                    page.page = get("page").and_then(|v| v.parse().ok()).unwrap_or(1);
                    page.page_size = get("pageSize").and_then(|v| v.parse().ok()).unwrap_or(0);
                } else if name == "Link" {
                    match get("rel").as_deref() {
                        Some("nextPage") => page.next = get("href"),
                        Some("lastPage") => page.last = get("href"),
                        Some("firstPage") => page.first = get("href"),
                        _ => {}
                    }
                } else if root_seen {
                    page.records.push(QueryRecord {
                        element: name.to_string(),
                        attributes: attrs,
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err("the answer holds no query records".into());
    }
    Ok(page)
}

async fn fetch_page(manager: &SessionManager, href: &str) -> Result<QueryPage, CoreError> {
    let mut headers = HeaderMap::new();
    if let Some(session) = manager.session() {
        if let Ok(v) = HeaderValue::from_str(&vcd_api::xml_accept(&session.version)) {
            headers.insert(ACCEPT, v);
        }
    }
    let response = manager
        .send(Method::GET, href, &headers, None, &mut Exchange::default())
        .await?;
    let failed = |reason: String| CoreError::QueryFailed {
        url: href.to_string(),
        reason,
    };
    if response.status != 200 {
        return Err(failed(
            response
                .vcd_error()
                .map(|e| e.to_string())
                .unwrap_or_else(|| format!("HTTP {}", response.status)),
        ));
    }
    let body = response
        .body
        .in_memory()
        .ok_or_else(|| failed("a page of at most 128 records cannot be this large".into()))?;
    parse_query_page(body).map_err(failed)
}

/// `href` with its `page` parameter set to `page`.
fn with_page(href: &str, page: u64) -> String {
    let (base, query) = href.split_once('?').unwrap_or((href, ""));
    let mut parts: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("page="))
        .map(str::to_string)
        .collect();
    parts.push(format!("page={page}"));
    format!("{base}?{}", parts.join("&"))
}

/// Every record of a query from its first page's href: page 1 tells the total, the other pages
/// are read `concurrency` at a time and kept in page order. `progress(pages_read, pages)` after each.
pub async fn fetch_all(
    manager: &SessionManager,
    first: &str,
    concurrency: usize,
    mut progress: impl FnMut(u64, u64),
) -> Result<Vec<QueryRecord>, CoreError> {
    let page1 = fetch_page(manager, first).await?;
    let size = page1.page_size.max(1);
    let pages = page1.total.div_ceil(size).max(1);
    progress(1, pages);
    // The pages' hrefs as the server writes them (its firstPage Link), so its own paths are kept.
    let template = page1.first.clone().unwrap_or_else(|| first.to_string());
    let mut all: BTreeMap<u64, Vec<QueryRecord>> = BTreeMap::from([(1, page1.records)]);
    let mut fetches = stream::iter((2..=pages).map(|p| {
        let href = with_page(&template, p);
        async move { (p, fetch_page(manager, &href).await) }
    }))
    .buffer_unordered(concurrency.max(1));
    let mut done = 1;
    while let Some((p, page)) = fetches.next().await {
        all.insert(p, page?.records);
        done += 1;
        progress(done, pages);
    }
    Ok(all.into_values().flatten().collect())
}

/// Writes records to `path`: `.json` as an array of objects, else CSV with one column per
/// attribute (in the order first seen), atomically.
pub fn export_records(records: &[QueryRecord], path: &Path) -> Result<(), CoreError> {
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    write_atomic_with(path, |file| {
        let mut out = std::io::BufWriter::new(file);
        if json {
            let rows: Vec<serde_json::Map<String, serde_json::Value>> = records
                .iter()
                .map(|r| {
                    r.attributes
                        .iter()
                        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                        .collect()
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows).map_err(std::io::Error::other)?;
            writeln!(out)?;
        } else {
            let mut columns: Vec<&str> = Vec::new();
            for r in records {
                for (k, _) in &r.attributes {
                    if !columns.contains(&k.as_str()) {
                        columns.push(k);
                    }
                }
            }
            let header: Vec<String> = columns.iter().map(|c| crate::links::csv_field(c)).collect();
            writeln!(out, "{}", header.join(","))?;
            for r in records {
                let row: Vec<String> = columns
                    .iter()
                    .map(|c| crate::links::csv_field(r.get(c).unwrap_or("")))
                    .collect();
                writeln!(out, "{}", row.join(","))?;
            }
        }
        out.flush()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_query_sample_reads_its_paging_and_records() {
        let page = parse_query_page(&crate::test_samples::sample(
            "query-vapp-records-page2of5.xml",
        ))
        .unwrap();
        assert_eq!((page.total, page.page, page.page_size), (5, 2, 1));
        assert_eq!(page.records.len(), 1);
        assert_eq!(page.records[0].element, "VAppRecord");
        assert_eq!(page.records[0].get("status"), Some("POWERED_ON"));
        assert!(page.next.unwrap().contains("page=3"));
        assert!(parse_query_page(b"<Org xmlns=\"http://www.vmware.com/vcloud/v1.5\"/>").is_err());
    }

    #[test]
    fn a_spec_becomes_the_query_path_with_its_parts_encoded() {
        let spec = QuerySpec {
            query_type: "vApp".into(),
            format: String::new(),
            filter: r"name==a\(b\);status==POWERED_ON".into(),
            fields: vec!["name".into(), "status".into()],
            sort: Some(("name".into(), true)),
            page_size: 500,
        };
        assert_eq!(
            spec.path(),
            "/api/query?type=vApp&format=records&pageSize=128&filter=name%3D%3Da%5C%28b%5C%29%3Bstatus%3D%3DPOWERED_ON&fields=name%2Cstatus&sortDesc=name"
        );
        assert_eq!(
            with_page("https://h/api/query?type=vApp&page=1&pageSize=5", 3),
            "https://h/api/query?type=vApp&pageSize=5&page=3"
        );
    }
}
