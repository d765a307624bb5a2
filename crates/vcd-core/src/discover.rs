//! "Discover": maps an API by following its GET links and references breadth-first from a start
//! page (the Session by default), bounded in depth and page count, with progress and cancel.

use crate::auth::SessionManager;
use crate::error::CoreError;
use crate::http::{join_path, rebase, request_url, same_origin};
use crate::http::{Exchange, Response};
use crate::links::LinkMap;
use crate::links::{extract_links, parse_link_header, Link, PageLinks};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT};
use reqwest::Method;
use serde::Serialize;
use std::collections::{HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use ts_rs::TS;
use url::Url;
use vcd_api::accept;

/// How far a discovery goes.
#[derive(Debug, Clone, Copy)]
pub struct DiscoverLimits {
    /// 0: only the start page's links; 1: also those of the pages it links to; ...
    pub depth: usize,
    /// At most this many pages are fetched.
    pub max_pages: usize,
}

impl Default for DiscoverLimits {
    fn default() -> Self {
        DiscoverLimits {
            depth: 0,
            max_pages: 500,
        }
    }
}

/// Where a discovery stands, after each page.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DiscoverProgress {
    #[ts(type = "number")]
    pub pages_done: usize,
    /// Pages fetched plus those still queued (the queue grows as pages are read).
    #[ts(type = "number")]
    pub pages_known: usize,
    #[ts(type = "number")]
    pub links: usize,
    /// The page just read.
    pub page: String,
}

/// What a discovery found, and the pages that failed (status or reason), which do not stop it.
#[derive(Debug, Default)]
pub struct Discovery {
    pub map: LinkMap,
    pub pages: usize,
    pub failed: Vec<(String, String)>,
    pub cancelled: bool,
}

/// The links of one response: XML `Link` elements and references, plus `Link` headers.
pub fn page_links(response: &Response) -> Result<PageLinks, CoreError> {
    let mut page = if looks_like_xml(response) {
        extract_links(response.body.reader()).map_err(|e| CoreError::NotXml {
            url: response.url.clone(),
            detail: e.to_string(),
        })?
    } else {
        PageLinks::default()
    };
    for link in header_links(response) {
        page.push_link(link);
    }
    Ok(page)
}

/// Adds every link of a response to `map`: an XML page is read again as a stream, so the map gets
/// all its links however many (`page`, from [`page_links`], keeps only the first
/// [`crate::links::MAX_PAGE_LINKS`]); `Link` headers come from `page`.
pub fn map_page(
    map: &mut LinkMap,
    response: &Response,
    page: &PageLinks,
) -> Result<usize, CoreError> {
    let capped =
        page.links.len() < page.links_total || page.references.len() < page.references_total;
    if !(capped && looks_like_xml(response)) {
        return map.add_page(&response.url, page);
    }
    let mut new = map.add_body(&response.url, response.body.reader())?;
    let headers = PageLinks {
        links: header_links(response),
        ..PageLinks::default()
    };
    new += map.add_page(&response.url, &headers)?;
    Ok(new)
}

/// The links of a response's `Link` headers (CloudAPI paging).
fn header_links(response: &Response) -> Vec<Link> {
    response
        .headers
        .get_all("link")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(parse_link_header)
        .collect()
}

fn looks_like_xml(response: &Response) -> bool {
    let ct = response
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    ct.contains("xml") || (ct.is_empty() && response.body.first_non_blank() == Some(b'<'))
}

/// The URL to fetch for an href: as is on the profile's host; on another host (VCD names its
/// configured public address) its path and query against the profile's base, as login does.
fn target(base: &Url, href: &str) -> Option<Url> {
    let url = Url::parse(href).ok()?;
    if same_origin(&url, base) {
        return Some(url);
    }
    Some(rebase(base, &url))
}

/// Whether a link is worth fetching to map the API: a GET of an XML document of the legacy API. A
/// Link without a type is not (a console screenshot, a download); a reference without one is (query
/// records carry none).
fn followable(method: &str, media_type: &str, href: &str, reference: bool) -> bool {
    method == "GET"
        && href.contains("/api/")
        && (media_type.contains("xml") || (reference && media_type.is_empty()))
}

/// Follows GET links breadth-first from `start` (a path or URL; the Session by default).
pub async fn discover(
    manager: &SessionManager,
    start: Option<&str>,
    limits: DiscoverLimits,
    cancel: &AtomicBool,
    mut progress: impl FnMut(&DiscoverProgress),
) -> Result<Discovery, CoreError> {
    let base = manager
        .ensure_session(&mut Exchange::default())
        .await?
        .base
        .clone();
    let start_url = match start {
        None => join_path(&base, vcd_api::SESSION_PATH),
        Some(s) => request_url(&base, s)?,
    };
    let mut out = Discovery::default();
    let mut queued: HashSet<String> = HashSet::from([start_url.to_string()]);
    let mut queue: VecDeque<(Url, String, usize)> = VecDeque::from([(start_url, String::new(), 0)]);
    while let Some((url, media_type, depth)) = queue.pop_front() {
        if cancel.load(Ordering::Relaxed) {
            out.cancelled = true;
            break;
        }
        if out.pages >= limits.max_pages {
            break;
        }
        let mut headers = HeaderMap::new();
        if let Some(session) = manager.session() {
            if let Ok(v) = HeaderValue::from_str(&accept(&media_type, &session.version)) {
                headers.insert(ACCEPT, v);
            }
        }
        out.pages += 1;
        let response = match manager
            .send(
                Method::GET,
                url.as_str(),
                &headers,
                None,
                &mut Exchange::default(),
            )
            .await
        {
            Ok(r) => r,
            Err(e @ (CoreError::SessionRejected { .. } | CoreError::NotLoggedIn)) => return Err(e),
            Err(e) => {
                out.failed.push((url.to_string(), e.to_string()));
                continue;
            }
        };
        if response.status != 200 {
            out.failed
                .push((url.to_string(), format!("HTTP {}", response.status)));
            continue;
        }
        let page = match page_links(&response) {
            Ok(p) => p,
            Err(e) => {
                out.failed.push((url.to_string(), e.to_string()));
                continue;
            }
        };
        if let Err(e) = map_page(&mut out.map, &response, &page) {
            out.failed.push((url.to_string(), e.to_string()));
        }
        if depth < limits.depth {
            let links = page
                .links
                .iter()
                .map(|l| (l.method.as_str(), &l.media_type, &l.href, false));
            let references = page
                .references
                .iter()
                .map(|r| ("GET", &r.media_type, &r.href, true));
            for (method, media, href, reference) in links.chain(references) {
                let media = media.as_deref().unwrap_or("");
                if !followable(method, media, href, reference) {
                    continue;
                }
                if let Some(t) = target(&base, href) {
                    if queued.insert(t.to_string()) {
                        queue.push_back((t, media.to_string(), depth + 1));
                    }
                }
            }
        }
        progress(&DiscoverProgress {
            pages_done: out.pages,
            pages_known: out.pages + queue.len(),
            links: out.map.len(),
            page: url.to_string(),
        });
    }
    Ok(out)
}
