//! Fetch all: from page 1 (already read, so it says how many pages there are and how the server
//! writes their hrefs) the other pages are read `concurrency` at a time and put back in page
//! order, each record once. The query service's XML and CloudAPI's JSON pages alike.

use super::page::{parse_list_page, QueryPage, QueryRecord};
use crate::auth::SessionManager;
use crate::error::CoreError;
use crate::http::Exchange;
use futures_util::stream::{self, StreamExt};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT};
use reqwest::Method;
use std::collections::BTreeMap;

async fn fetch_page(manager: &SessionManager, href: &str) -> Result<QueryPage, CoreError> {
    let mut headers = HeaderMap::new();
    if let Some(session) = manager.session() {
        if let Ok(v) = HeaderValue::from_str(&vcd_api::default_accept(href, &session.version)) {
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
    parse_list_page(&response).map_err(failed)
}

/// `href` with its `page` parameter set to `page`.
pub(super) fn with_page(href: &str, page: u64) -> String {
    let (base, query) = href.split_once('?').unwrap_or((href, ""));
    let mut parts: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("page="))
        .map(str::to_string)
        .collect();
    parts.push(format!("page={page}"));
    format!("{base}?{}", parts.join("&"))
}

/// Every record of a list from its first page, read from `url`: the other pages are read
/// `concurrency` at a time and kept in page order. `progress(pages_read, pages)` after each.
pub async fn fetch_all(
    manager: &SessionManager,
    page1: QueryPage,
    url: &str,
    concurrency: usize,
    mut progress: impl FnMut(u64, u64),
) -> Result<Vec<QueryRecord>, CoreError> {
    let pages = page1.pages();
    progress(1, pages);
    // The pages' hrefs as the server writes them (its own paging links), so its paths are kept.
    let template = page1
        .first
        .clone()
        .or_else(|| page1.next.clone())
        .unwrap_or_else(|| url.to_string());
    let first_page = page1.page;
    let mut all: BTreeMap<u64, Vec<QueryRecord>> = BTreeMap::from([(first_page, page1.records)]);
    let others: Vec<u64> = (1..=pages).filter(|p| *p != first_page).collect();
    let mut fetches = stream::iter(others.into_iter().map(|p| {
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
