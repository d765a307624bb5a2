//! The session's tasks on the workbench: every task a response started or embedded, followed to its
//! end through the profile's session, listed running first (the app's Tasks section, `vcdw task`),
//! and canceled on request.

use crate::error::CoreError;
use crate::tasks::{self, TaskState};
use crate::workbench::{lock, Workbench};
use serde::Serialize;
use std::time::{Instant, SystemTime, UNIX_EPOCH};
use ts_rs::TS;

/// A task as a front end lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TaskView {
    pub profile_id: String,
    pub task: TaskState,
    /// When the workbench first saw it, in milliseconds since 1970.
    #[ts(type = "number")]
    pub seen_at_ms: u64,
    /// From first seen to its end (or to now while it runs).
    #[ts(type = "number")]
    pub elapsed_ms: u64,
}

pub(super) struct TrackedTask {
    profile_id: String,
    state: TaskState,
    seen: Instant,
    seen_at_ms: u64,
    ended: Option<Instant>,
}

impl TrackedTask {
    fn view(&self) -> TaskView {
        let until = self.ended.unwrap_or_else(Instant::now);
        TaskView {
            profile_id: self.profile_id.clone(),
            task: self.state.clone(),
            seen_at_ms: self.seen_at_ms,
            elapsed_ms: until.duration_since(self.seen).as_millis() as u64,
        }
    }
}

impl Workbench {
    /// Records a task a response showed (or an update of one already known).
    pub fn note_task(&self, profile_id: &str, state: &TaskState) -> TaskView {
        let mut book = lock(&self.tasks);
        let entry = book
            .entry(state.href.clone())
            .or_insert_with(|| TrackedTask {
                profile_id: profile_id.to_string(),
                state: state.clone(),
                seen: Instant::now(),
                seen_at_ms: SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map(|d| d.as_millis() as u64)
                    .unwrap_or(0),
                ended: None,
            });
        // A placeholder from a bare Location says less than what a poll read.
        if !state.operation_name.is_empty() || entry.state.operation_name.is_empty() {
            entry.state = state.clone();
        }
        if !entry.state.status.is_running() && entry.ended.is_none() {
            entry.ended = Some(Instant::now());
        }
        entry.view()
    }

    /// Follows a task of `profile_id`'s session to its end, calling `on_update` after each poll.
    pub async fn watch_task(
        &self,
        profile_id: &str,
        href: &str,
        mut on_update: impl FnMut(&TaskView),
    ) -> Result<TaskView, CoreError> {
        let live = self.logged_in(profile_id)?;
        let last = tasks::watch_task(&live.manager, href, |state| {
            let view = self.note_task(profile_id, state);
            on_update(&view);
        })
        .await?;
        Ok(self.note_task(profile_id, &last))
    }

    /// Asks VCD to cancel a running task, then reads it once more.
    pub async fn cancel_task(&self, profile_id: &str, href: &str) -> Result<TaskView, CoreError> {
        let live = self.logged_in(profile_id)?;
        let known = lock(&self.tasks).get(href).map(|t| t.state.clone());
        let state = match known {
            Some(s) => s,
            None => tasks::read_task(&live.manager, href).await?,
        };
        tasks::cancel_task(&live.manager, &state).await?;
        let after = tasks::read_task(&live.manager, href).await?;
        Ok(self.note_task(profile_id, &after))
    }

    /// The tasks seen in this run: running ones first, then the ended, newest first in each.
    pub fn tasks(&self) -> Vec<TaskView> {
        let mut all: Vec<TaskView> = lock(&self.tasks).values().map(TrackedTask::view).collect();
        all.sort_by(|a, b| {
            b.task
                .status
                .is_running()
                .cmp(&a.task.status.is_running())
                .then(b.seen_at_ms.cmp(&a.seen_at_ms))
        });
        all
    }
}
