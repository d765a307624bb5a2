//! Following a task from the command line (`vcdw send --wait`, `vcdw task wait`): progress on
//! stderr, one line per change, and an error when the task fails or is canceled, so scripts can
//! rely on the exit status.

use crate::session::SESSION;
use vcd_core::{terminal_safe, CoreError, TaskStatus, TaskView, Workbench};

/// Follows a task to its end; `Err` (with VCD's message) unless it succeeded.
pub async fn follow(
    workbench: &Workbench,
    href: &str,
) -> Result<TaskView, (Option<TaskView>, String)> {
    let mut last: Option<(TaskStatus, Option<u8>)> = None;
    let end = workbench
        .watch_task(SESSION, href, |v| {
            let now = (v.task.status, v.task.progress);
            if last != Some(now) {
                last = Some(now);
                eprintln!(
                    "vcdw: task {} {}{} · {}",
                    terminal_safe(&v.task.operation_name),
                    v.task.status.as_str(),
                    v.task
                        .progress
                        .map(|p| format!(" {p} %"))
                        .unwrap_or_default(),
                    vcd_core::format_ms(v.elapsed_ms as f64)
                );
            }
        })
        .await
        .map_err(|e: CoreError| (None, e.to_string()))?;
    match end.task.status {
        TaskStatus::Success => Ok(end),
        status => {
            let why = end
                .task
                .error
                .as_ref()
                .map(|e| format!(": {e}"))
                .unwrap_or_default();
            let message = format!(
                "the task {} ended {}{why}",
                end.task.operation_name,
                status.as_str()
            );
            Err((Some(end), message))
        }
    }
}
