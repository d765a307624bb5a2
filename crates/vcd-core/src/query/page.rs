//! A page of a list read into records: the query service's XML (`QueryResultRecords`,
//! `…References`) with its paging Links, or a CloudAPI JSON page (`resultTotal`, `pageCount`,
//! `values`) with its paging in `Link` headers. Both become the same [`QueryPage`], so the query
//! builder shows them in one table and Fetch all walks them alike.

use crate::http::Response;
use crate::links::parse_link_header;
use crate::xml::{local_name_in, DepthGuard};
use quick_xml::events::Event;
use quick_xml::NsReader;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;
use vcd_api::NS_VCLOUD;

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
    /// How many pages there are, when the server says (CloudAPI's `pageCount`).
    #[ts(type = "number | null")]
    pub page_count: Option<u64>,
    /// The paging links (`nextPage`, `previousPage`, `lastPage`, `firstPage`), when the page has them.
    pub next: Option<String>,
    pub previous: Option<String>,
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
                        Some("previousPage") => page.previous = get("href"),
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

/// Reads a held response as a page of a list: CloudAPI's JSON (paging from its `Link` headers)
/// or the query service's XML.
pub fn parse_list_page(response: &Response) -> Result<QueryPage, String> {
    let body = response
        .body
        .in_memory()
        .ok_or_else(|| "the answer is too large to be a page of records".to_string())?;
    let json = response
        .content_type()
        .is_some_and(|t| t.to_ascii_lowercase().contains("json"))
        || body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if !json {
        return parse_query_page(body);
    }
    let mut page = parse_cloudapi_page(body)?;
    for value in response.headers.get_all(reqwest::header::LINK) {
        for link in parse_link_header(value.to_str().unwrap_or("")) {
            let slot = match link.rel.as_str() {
                "nextPage" => &mut page.next,
                "lastPage" => &mut page.last,
                "firstPage" => &mut page.first,
                "previousPage" => &mut page.previous,
                _ => continue,
            };
            *slot = Some(link.href);
        }
    }
    Ok(page)
}

/// CloudAPI's paging envelope; each of `values` becomes a record of its scalar fields, nested
/// objects as dotted names (`org.name`), arrays as JSON text.
fn parse_cloudapi_page(body: &[u8]) -> Result<QueryPage, String> {
    let doc: Value =
        serde_json::from_slice(body).map_err(|e| format!("the answer is not valid JSON: {e}"))?;
    let Some(values) = doc.get("values").and_then(Value::as_array) else {
        return Err("the answer is JSON without a \"values\" list: not a CloudAPI page".into());
    };
    let number = |k: &str| doc.get(k).and_then(Value::as_u64);
    let mut page = QueryPage {
        total: number("resultTotal").unwrap_or(values.len() as u64),
        page: number("page").unwrap_or(1),
        page_size: number("pageSize").unwrap_or(values.len() as u64),
        page_count: number("pageCount"),
        ..QueryPage::default()
    };
    for v in values {
        let mut attributes = Vec::new();
        flatten("", v, &mut attributes);
        page.records.push(QueryRecord {
            element: "value".into(),
            attributes,
        });
    }
    Ok(page)
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let name = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&name, v, out);
            }
        }
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        Value::Null => out.push((prefix.to_string(), String::new())),
        other => out.push((prefix.to_string(), other.to_string())),
    }
}

impl QueryPage {
    /// How many pages the list has: the server's count, else the total over the page size.
    pub fn pages(&self) -> u64 {
        self.page_count
            .unwrap_or_else(|| self.total.div_ceil(self.page_size.max(1)))
            .max(1)
    }
}

/// The columns of records: every attribute name, in the order first seen.
pub fn columns_of(records: &[QueryRecord]) -> Vec<String> {
    let mut columns: Vec<String> = Vec::new();
    for r in records {
        for (k, _) in &r.attributes {
            if !columns.iter().any(|c| c == k) {
                columns.push(k.clone());
            }
        }
    }
    columns
}
