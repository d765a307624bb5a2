//! The query service and CloudAPI's lists from the client's side: a query's URL (from the query
//! builder's form or `vcdw query`'s flags), a page of `QueryResultRecords` (or `…References`, or
//! a CloudAPI JSON page with its `Link` headers) read into records, Fetch all (page 1 says how
//! many pages there are; the rest are read with bounded concurrency and put back in page order,
//! each record once), and the records exported as CSV or JSON, atomically.

mod export;
mod fetch;
mod page;

pub use export::export_records;
pub use fetch::fetch_all;
pub use page::{columns_of, parse_list_page, parse_query_page, QueryPage, QueryRecord};

use crate::error::CoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vcd_api::encode_component;

/// What a query asks for, as `vcdw query` composes it (and the query builder's [`QueryForm`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuerySpec {
    /// The query type (vApp, vm, orgVdc, …), or with `cloudapi` the CloudAPI list (vdcs, …).
    pub query_type: String,
    /// A CloudAPI list (`/cloudapi/1.0.0/{query_type}`, JSON) rather than the query service.
    #[serde(default)]
    pub cloudapi: bool,
    /// records, idrecords or references; records when empty (the query service only).
    pub format: String,
    /// The whole filter expression, values already escaped for the version (see [`filter_value`]).
    pub filter: String,
    /// The values were percent-encoded (below API 35.0): the query says `filterEncoded=true`.
    #[serde(default)]
    pub filter_encoded: bool,
    /// Properties to return (empty: all; the query service only).
    pub fields: Vec<String>,
    /// The property to sort by, and whether descending.
    pub sort: Option<(String, bool)>,
    #[ts(type = "number")]
    pub page_size: usize,
}

impl QuerySpec {
    /// Page 1 of the query: `/api/query?type=…&format=…&pageSize=…[&filter=…][&fields=…]
    /// [&sortAsc=…]`, or `/cloudapi/1.0.0/{list}?page=1&pageSize=…[&filter=…][&sortAsc=…]`.
    pub fn path(&self) -> String {
        let page_size = format!(
            "pageSize={}",
            self.page_size.clamp(1, vcd_api::QUERY_MAX_PAGE_SIZE)
        );
        let mut q = if self.cloudapi {
            vec!["page=1".to_string(), page_size]
        } else {
            let format = if self.format.is_empty() {
                "records"
            } else {
                &self.format
            };
            vec![
                format!("type={}", encode_component(&self.query_type)),
                format!("format={}", encode_component(format)),
                page_size,
            ]
        };
        if !self.filter.is_empty() {
            q.push(format!("filter={}", encode_component(&self.filter)));
            if self.filter_encoded {
                q.push("filterEncoded=true".into());
            }
        }
        if !self.fields.is_empty() && !self.cloudapi {
            q.push(format!(
                "fields={}",
                encode_component(&self.fields.join(","))
            ));
        }
        if let Some((prop, desc)) = &self.sort {
            let key = if *desc { "sortDesc" } else { "sortAsc" };
            q.push(format!("{key}={}", encode_component(prop)));
        }
        let base = if self.cloudapi {
            vcd_api::CLOUDAPI_LISTS
                .iter()
                .find(|(name, _)| *name == self.query_type)
                .map(|(_, path)| path.to_string())
                .unwrap_or_else(|| format!("/cloudapi/1.0.0/{}", self.query_type))
        } else {
            vcd_api::QUERY_PATH.to_string()
        };
        format!("{base}?{}", q.join("&"))
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

/// The comparisons a filter row may use, as VCD writes them.
pub const FILTER_OPERATORS: &[&str] = &["==", "!=", "=lt=", "=le=", "=gt=", "=ge="];

/// One row of the query builder's filter: `field op value`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FilterRow {
    pub field: String,
    pub op: String,
    /// As the user typed it; `*` is a wildcard with `==`.
    pub value: String,
}

/// The query builder's form: what the user picked, before any escaping.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QueryForm {
    pub query_type: String,
    pub cloudapi: bool,
    pub format: String,
    pub fields: Vec<String>,
    pub filters: Vec<FilterRow>,
    /// Rows joined with `,` (any of them) rather than `;` (all of them).
    pub any: bool,
    /// Sort by this property (none when empty), descending when `sort_desc`.
    pub sort_by: String,
    pub sort_desc: bool,
    #[ts(type = "number")]
    pub page_size: usize,
}

impl QueryForm {
    /// The query the form asks for at `version`: each value escaped by that version's rule
    /// (a wildcard `*` kept as one), rows with neither field nor value left out.
    pub fn spec(&self, version: &str) -> Result<QuerySpec, CoreError> {
        let bad = |reason: String| CoreError::QueryFailed {
            url: vcd_api::QUERY_PATH.into(),
            reason,
        };
        if self.query_type.trim().is_empty() {
            return Err(bad("pick the type of entity to query".into()));
        }
        let encoded = !version
            .parse::<vcd_api::ApiVersion>()
            .map(|v| v.at_least(vcd_api::FILTER_ESCAPE_MIN_VERSION))
            .unwrap_or(true);
        let mut parts = Vec::new();
        for (i, row) in self.filters.iter().enumerate() {
            let field = row.field.trim();
            if field.is_empty() && row.value.is_empty() {
                continue;
            }
            if field.is_empty() || field.contains(|c: char| !(c.is_alphanumeric() || c == '.')) {
                return Err(bad(format!(
                    "filter row {}: name the property to compare (letters, digits and dots, e.g. name or org.name)",
                    i + 1
                )));
            }
            if !FILTER_OPERATORS.contains(&row.op.as_str()) {
                return Err(bad(format!(
                    "filter row {}: the comparison {:?} is not one VCD knows; use one of {}",
                    i + 1,
                    row.op,
                    FILTER_OPERATORS.join(" ")
                )));
            }
            // A wildcard stays a wildcard: only the text between the stars is escaped.
            let value: Vec<String> = row
                .value
                .split('*')
                .map(|piece| filter_value(piece, version))
                .collect();
            parts.push(format!("{field}{}{}", row.op, value.join("*")));
        }
        let joined = parts.join(if self.any { "," } else { ";" });
        let sort = self.sort_by.trim();
        Ok(QuerySpec {
            query_type: self.query_type.trim().to_string(),
            cloudapi: self.cloudapi,
            format: self.format.clone(),
            filter: joined,
            filter_encoded: encoded && !parts.is_empty(),
            fields: self
                .fields
                .iter()
                .map(|f| f.trim().to_string())
                .filter(|f| !f.is_empty())
                .collect(),
            sort: (!sort.is_empty()).then(|| (sort.to_string(), self.sort_desc)),
            page_size: if self.page_size == 0 {
                vcd_api::QUERY_DEFAULT_PAGE_SIZE
            } else {
                self.page_size
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_escapes_each_value_by_its_version_and_keeps_wildcards() {
        let form = QueryForm {
            query_type: "vApp".into(),
            filters: vec![
                FilterRow {
                    field: "name".into(),
                    op: "==".into(),
                    value: "web(1)*".into(),
                },
                FilterRow {
                    field: "status".into(),
                    op: "!=".into(),
                    value: "POWERED_OFF".into(),
                },
                FilterRow::default(),
            ],
            any: true,
            sort_by: "name".into(),
            ..QueryForm::default()
        };
        let at35 = form.spec("35.0").unwrap();
        assert_eq!(at35.filter, r"name==web\(1\)*,status!=POWERED_OFF");
        assert!(!at35.filter_encoded);
        assert_eq!(at35.page_size, 25);
        assert_eq!(at35.sort, Some(("name".into(), false)));
        let at34 = form.spec("34.0").unwrap();
        assert_eq!(at34.filter, "name==web%281%29*,status!=POWERED_OFF");
        assert!(at34.path().ends_with("&filterEncoded=true&sortAsc=name"));
        let mut wrong = form.clone();
        wrong.filters[1].op = "=like=".into();
        let e = wrong.spec("38.0").unwrap_err().to_string();
        assert!(e.contains("filter row 2") && e.contains("=lt="), "{e}");
        let cloud = QueryForm {
            query_type: "vdcs".into(),
            cloudapi: true,
            page_size: 10,
            ..QueryForm::default()
        };
        assert_eq!(
            cloud.spec("38.0").unwrap().path(),
            "/cloudapi/1.0.0/vdcs?page=1&pageSize=10"
        );
    }

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
            filter: r"name==a\(b\);status==POWERED_ON".into(),
            fields: vec!["name".into(), "status".into()],
            sort: Some(("name".into(), true)),
            page_size: 500,
            ..QuerySpec::default()
        };
        assert_eq!(
            spec.path(),
            "/api/query?type=vApp&format=records&pageSize=128&filter=name%3D%3Da%5C%28b%5C%29%3Bstatus%3D%3DPOWERED_ON&fields=name%2Cstatus&sortDesc=name"
        );
        assert_eq!(
            fetch::with_page("https://h/api/query?type=vApp&page=1&pageSize=5", 3),
            "https://h/api/query?type=vApp&pageSize=5&page=3"
        );
    }
}
