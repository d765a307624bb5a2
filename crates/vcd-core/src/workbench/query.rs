//! The query builder's and `vcdw query`'s engine on the workbench: the query types the server
//! offers (its QueryList), a held response read as a page of records, and Fetch all through a
//! profile's session (the settings' concurrency, cancellable like a request, with progress),
//! whose records stay held for export.

use crate::auth::RequestAuth;
use crate::error::CoreError;
use crate::query::{self, columns_of, parse_list_page, QueryPage, QueryRecord};
use crate::request::RequestDraft;
use crate::workbench::{blocking, lock, Workbench};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;
use ts_rs::TS;

/// Fetched record sets kept for export: a window exports the latest ones.
pub(super) const HELD_FETCHES: usize = 4;
/// Records of a fetched set the window gets to show; the rest are exported.
const PREVIEW_RECORDS: usize = 500;

/// A list fetched whole: its records are held (by `fetch_id`) for export; the window shows the
/// first ones.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FetchedRecords {
    pub fetch_id: u32,
    /// What the server said page 1 had in all.
    #[ts(type = "number")]
    pub total: u64,
    #[ts(type = "number")]
    pub count: usize,
    /// Every attribute name, in the order first seen (the export's columns).
    pub columns: Vec<String>,
    pub preview: Vec<QueryRecord>,
}

/// Fetch all's progress, as the window's progress bar shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FetchProgress {
    pub fetch_id: u32,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub pages: u64,
}

impl Workbench {
    /// A held response read as a page of records (the query service's XML or a CloudAPI page).
    pub fn list_page(&self, response_id: u32) -> Result<QueryPage, CoreError> {
        let held = self.held(response_id)?;
        let response = held.response;
        if response.status != 200 {
            return Err(CoreError::QueryFailed {
                url: response.url.clone(),
                reason: response
                    .vcd_error()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| format!("the server answered HTTP {}", response.status)),
            });
        }
        parse_list_page(&response).map_err(|reason| CoreError::QueryFailed {
            url: response.url.clone(),
            reason,
        })
    }

    /// The query types the server offers this session, from its QueryList (`GET /api/query`,
    /// sent as any request is, so it shows on the Wire).
    pub async fn query_types(&self, profile_id: &str) -> Result<Vec<String>, CoreError> {
        let draft = RequestDraft::get(vcd_api::QUERY_PATH);
        let sent = self
            .send(profile_id, 0, draft, RequestAuth::Inherit)
            .await?;
        if sent.view.status != 200 {
            return Err(CoreError::QueryFailed {
                url: sent.view.url.clone(),
                reason: format!("the QueryList answered HTTP {}", sent.view.status),
            });
        }
        let mut names: Vec<String> = Vec::new();
        for link in &self.held(sent.id)?.page.links {
            if let Some(name) = &link.name {
                if link.rel == "down" && !names.contains(name) {
                    names.push(name.clone());
                }
            }
        }
        names.sort_by_key(|n| n.to_lowercase());
        Ok(names)
    }

    /// Every record of the list whose page 1 is the held response `response_id`, read
    /// `concurrency` pages at a time (none: the settings'); `progress(pages_read, pages)` after
    /// each page. Cancelled by [`Workbench::cancel`] with `fetch_id`.
    pub async fn fetch_all(
        &self,
        profile_id: &str,
        fetch_id: u32,
        response_id: u32,
        concurrency: Option<usize>,
        progress: impl FnMut(u64, u64) + Send + 'static,
    ) -> Result<FetchedRecords, CoreError> {
        let live = self.logged_in(profile_id)?;
        let page1 = self.list_page(response_id)?;
        let total = page1.total;
        let url = self.held(response_id)?.response.url.clone();
        let concurrency = match concurrency {
            Some(n) => n,
            None => self.settings()?.fetch_concurrency(),
        };
        let task = tokio::spawn(async move {
            query::fetch_all(&live.manager, page1, &url, concurrency, progress).await
        });
        lock(&self.in_flight).insert(fetch_id, task.abort_handle());
        let outcome = task.await;
        lock(&self.in_flight).remove(&fetch_id);
        let records = match outcome {
            Ok(result) => result?,
            Err(e) if e.is_cancelled() => return Err(CoreError::Cancelled),
            Err(e) => return Err(CoreError::Internal(e.to_string())),
        };
        let fetched = FetchedRecords {
            fetch_id,
            total,
            count: records.len(),
            columns: columns_of(&records),
            preview: records.iter().take(PREVIEW_RECORDS).cloned().collect(),
        };
        let mut held = lock(&self.fetched);
        held.push_back((fetch_id, Arc::new(records)));
        while held.len() > HELD_FETCHES {
            held.pop_front();
        }
        Ok(fetched)
    }

    /// The records Fetch all read under `fetch_id`, while they are held.
    pub fn fetched(&self, fetch_id: u32) -> Result<Arc<Vec<QueryRecord>>, CoreError> {
        lock(&self.fetched)
            .iter()
            .find(|(id, _)| *id == fetch_id)
            .map(|(_, r)| r.clone())
            .ok_or_else(|| {
                CoreError::Profile(
                    "Those records are no longer held: press Fetch all again, then export.".into(),
                )
            })
    }

    /// Writes the records of a Fetch all to `path` (.json, else CSV), atomically; how many.
    pub async fn export_fetched(&self, fetch_id: u32, path: PathBuf) -> Result<usize, CoreError> {
        let records = self.fetched(fetch_id)?;
        blocking(move || {
            query::export_records(&records, &path)?;
            Ok(records.len())
        })
        .await
    }
}
