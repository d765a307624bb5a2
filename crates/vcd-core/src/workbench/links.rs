//! Each profile's map of the links seen in this run, saving it (or one response's links), and
//! discovering the API by walking its links, cancellable per profile.

use crate::discover::{discover, map_page, DiscoverLimits, DiscoverProgress};
use crate::error::CoreError;
use crate::links::{save_link_map, ExportFormat, LinkMap};
use crate::workbench::{blocking, lock, Workbench};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use ts_rs::TS;

/// What a save wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedLinks {
    #[ts(type = "number")]
    pub count: usize,
    pub format: ExportFormat,
    pub path: String,
}

/// The end of a discovery.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DiscoverSummary {
    #[ts(type = "number")]
    pub pages: usize,
    /// Links in the profile's map afterwards.
    #[ts(type = "number")]
    pub links: usize,
    /// Pages that could not be read, with why (the first 20).
    pub failed: Vec<(String, String)>,
    pub cancelled: bool,
}

impl Workbench {
    /// How many links a profile's map holds (the "Save all links" button shows it).
    pub fn links_seen(&self, profile_id: &str) -> usize {
        lock(&self.maps).get(profile_id).map_or(0, LinkMap::len)
    }

    /// Saves the links of one held response (`response_id`), or every link seen for the profile in
    /// this run, to `path` in the format its extension names (written atomically).
    pub async fn save_links(
        &self,
        profile_id: &str,
        response_id: Option<u32>,
        path: String,
    ) -> Result<SavedLinks, CoreError> {
        let target = std::path::PathBuf::from(&path);
        let (count, format) = match response_id {
            Some(id) => {
                // Every link of the page, read again from its body: the list the viewer got may
                // be capped, the file is not.
                let held = self.held(id)?;
                blocking(move || {
                    let mut map = LinkMap::default();
                    map_page(&mut map, &held.response, &held.page)?;
                    Ok((map.len(), save_link_map(&mut map, &target)?))
                })
                .await?
            }
            None => {
                let maps = self.maps.clone();
                let profile_id = profile_id.to_string();
                blocking(move || {
                    let mut maps = lock(&maps);
                    let map = maps.entry(profile_id).or_default();
                    Ok((map.len(), save_link_map(map, &target)?))
                })
                .await?
            }
        };
        Ok(SavedLinks {
            count,
            format,
            path,
        })
    }

    /// Maps the API from `from` (a path or URL; the Session by default) by following GET links
    /// breadth-first, adding what it finds to the profile's map. Other requests of the profile go
    /// on meanwhile.
    pub async fn discover(
        &self,
        profile_id: &str,
        from: Option<&str>,
        limits: DiscoverLimits,
        progress: impl FnMut(&DiscoverProgress),
    ) -> Result<DiscoverSummary, CoreError> {
        let live = self.logged_in(profile_id)?;
        let cancel = Arc::new(AtomicBool::new(false));
        lock(&self.discoveries).insert(profile_id.to_string(), cancel.clone());
        let limits = DiscoverLimits {
            max_pages: limits.max_pages.max(1),
            ..limits
        };
        let found = discover(&live.manager, from, limits, &cancel, progress).await;
        lock(&self.discoveries).remove(profile_id);
        let found = found?;
        let mut found_map = found.map;
        let mut maps = lock(&self.maps);
        let map = maps.entry(profile_id.to_string()).or_default();
        found_map.for_each_row(|row| {
            map.add_row(row.clone())
                .map(|_| ())
                .map_err(std::io::Error::other)
        })?;
        Ok(DiscoverSummary {
            pages: found.pages,
            links: map.len(),
            failed: found.failed.into_iter().take(20).collect(),
            cancelled: found.cancelled,
        })
    }

    pub fn cancel_discover(&self, profile_id: &str) {
        if let Some(flag) = lock(&self.discoveries).get(profile_id) {
            flag.store(true, Ordering::Relaxed);
        }
    }
}
