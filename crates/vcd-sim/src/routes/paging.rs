//! What the query service and the CloudAPI lists read alike from a request's parameters: page
//! numbers and sizes (whole numbers from 1), the one sort property and its direction, and how two
//! values order under it.

use crate::query::filter;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// A parameter that must be a whole number from 1, or `default` when absent.
pub fn positive(
    params: &BTreeMap<String, String>,
    key: &str,
    default: usize,
) -> Result<usize, String> {
    match params.get(key) {
        None => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!(
                "{key} must be a whole number of at least 1, not \"{v}\"."
            )),
        },
    }
}

/// `sortAsc=p` or `sortDesc=p`: the property and whether descending.
pub fn sort(params: &BTreeMap<String, String>) -> Result<Option<(String, bool)>, String> {
    match (params.get("sortAsc"), params.get("sortDesc")) {
        (Some(a), None) => Ok(Some((a.clone(), false))),
        (None, Some(d)) => Ok(Some((d.clone(), true))),
        (None, None) => Ok(None),
        (Some(_), Some(_)) => Err("give sortAsc or sortDesc, not both.".into()),
    }
}

/// How two values order under a sort (missing values first when ascending).
pub fn order(a: Option<&str>, b: Option<&str>, descending: bool) -> Ordering {
    let o = match (a, b) {
        (Some(x), Some(y)) => filter::compare(x, y),
        (x, y) => x.is_some().cmp(&y.is_some()),
    };
    if descending {
        o.reverse()
    } else {
        o
    }
}
