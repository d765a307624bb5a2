//! The query service on the workbench: Fetch all through a profile's session (the query builder's
//! and `vcdw query --all`'s), with progress.

use crate::error::CoreError;
use crate::query::{self, QueryRecord};
use crate::workbench::Workbench;

impl Workbench {
    /// Every record of a query from its first page's href, `concurrency` pages at a time;
    /// `progress(pages_read, pages)` after each page.
    pub async fn fetch_all(
        &self,
        profile_id: &str,
        first: &str,
        concurrency: usize,
        progress: impl FnMut(u64, u64),
    ) -> Result<Vec<QueryRecord>, CoreError> {
        let live = self.logged_in(profile_id)?;
        query::fetch_all(&live.manager, first, concurrency, progress).await
    }
}
