//! VCD's async tasks as the engine reads and follows them: the Task a response is (202 + Task +
//! `Location`), the `Tasks/Task` an entity embeds while it is being made or changed, and polling a
//! task to its end with backoff (0.5 s growing to 5 s), as VMware's SDKs poll (every 3–5 s) but
//! quicker at first, when most tasks end.

use crate::auth::SessionManager;
use crate::error::CoreError;
use crate::http::{Exchange, Response};
use crate::links::Reference;
use crate::xml::{append_text, local_name_in, DepthGuard, VcdError};
use quick_xml::events::Event;
use quick_xml::NsReader;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use ts_rs::TS;
use vcd_api::{types, NS_VCLOUD};

/// A task's status as VCD spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TaskStatus {
    Queued,
    PreRunning,
    Running,
    Success,
    Error,
    Canceled,
    Aborted,
}

impl TaskStatus {
    fn parse(s: &str) -> Option<TaskStatus> {
        Some(match s {
            "queued" => TaskStatus::Queued,
            "preRunning" => TaskStatus::PreRunning,
            "running" => TaskStatus::Running,
            "success" => TaskStatus::Success,
            "error" => TaskStatus::Error,
            "canceled" => TaskStatus::Canceled,
            "aborted" => TaskStatus::Aborted,
            _ => return None,
        })
    }

    /// Still to end: queued, pre-running or running.
    pub fn is_running(self) -> bool {
        matches!(
            self,
            TaskStatus::Queued | TaskStatus::PreRunning | TaskStatus::Running
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Queued => "queued",
            TaskStatus::PreRunning => "preRunning",
            TaskStatus::Running => "running",
            TaskStatus::Success => "success",
            TaskStatus::Error => "error",
            TaskStatus::Canceled => "canceled",
            TaskStatus::Aborted => "aborted",
        }
    }
}

/// What a Task document says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TaskState {
    pub href: String,
    pub status: TaskStatus,
    /// VCD's sentence (`Starting Virtual Application web-frontend(…)`).
    pub operation: String,
    /// VCD's operation name (`vappDeploy`).
    pub operation_name: String,
    /// 0–100, when the task says.
    pub progress: Option<u8>,
    /// The entity the task acts on.
    pub owner: Option<Reference>,
    /// Why it failed, decoded.
    pub error: Option<VcdError>,
    /// The `task:cancel` link, offered while it runs.
    pub cancel_href: Option<String>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
}

/// Every Task in a body: the document itself when it is one, else the tasks an entity embeds.
pub fn parse_tasks(body: &[u8]) -> Vec<TaskState> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Vec::new();
    };
    let mut reader = NsReader::from_str(text);
    let mut guard = DepthGuard::default();
    let mut out = Vec::new();
    let mut current: Option<(TaskState, usize)> = None;
    let mut in_progress = false;
    let mut progress_text = String::new();
    loop {
        let position = reader.buffer_position();
        let Ok((ns, event)) = reader.read_resolved_event() else {
            return out;
        };
        let Ok(depth) = guard.track(&event, position) else {
            return out;
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let Some(name) = local_name_in(&ns, e, NS_VCLOUD) else {
                    continue;
                };
                let attr = |key: &str| {
                    e.attributes().flatten().find_map(|a| {
                        (a.key.local_name().as_ref() == key.as_bytes())
                            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
                            .flatten()
                    })
                };
                let empty = matches!(event, Event::Empty(_));
                match (name, current.as_mut()) {
                    ("Task", None) => {
                        let (Some(href), Some(status)) = (
                            attr("href"),
                            attr("status").and_then(|s| TaskStatus::parse(&s)),
                        ) else {
                            continue;
                        };
                        let task = TaskState {
                            href,
                            status,
                            operation: attr("operation").unwrap_or_default(),
                            operation_name: attr("operationName").unwrap_or_default(),
                            progress: None,
                            owner: None,
                            error: None,
                            cancel_href: None,
                            start_time: attr("startTime"),
                            end_time: attr("endTime"),
                        };
                        if empty {
                            out.push(task);
                        } else {
                            current = Some((task, depth));
                        }
                    }
                    ("Link", Some((task, _))) if attr("rel").as_deref() == Some("task:cancel") => {
                        task.cancel_href = attr("href");
                    }
                    ("Owner", Some((task, _))) => {
                        if let Some(href) = attr("href") {
                            task.owner = Some(Reference {
                                element: "Owner".into(),
                                name: attr("name").filter(|n| !n.is_empty()),
                                media_type: attr("type"),
                                href,
                            });
                        }
                    }
                    ("Error", Some((task, _))) => {
                        task.error = Some(VcdError {
                            major: attr("majorErrorCode"),
                            minor: attr("minorErrorCode"),
                            message: attr("message").unwrap_or_default(),
                        });
                    }
                    ("Progress", Some(_)) if !empty => {
                        in_progress = true;
                        progress_text.clear();
                    }
                    _ => {}
                }
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if in_progress => {
                append_text(&event, &mut progress_text);
            }
            Event::End(_) => {
                if in_progress {
                    in_progress = false;
                    if let Some((task, _)) = current.as_mut() {
                        task.progress = progress_text.trim().parse::<u8>().ok().map(|p| p.min(100));
                    }
                }
                // The Task element closes at the depth it opened at.
                if current.as_ref().is_some_and(|(_, d)| depth + 1 == *d) {
                    if let Some((task, _)) = current.take() {
                        out.push(task);
                    }
                }
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// What a response says about tasks: the running ones it is or embeds, or the task its
/// `Location` names (a 202 whose body was not a Task).
pub fn tasks_in(response: &Response) -> Vec<TaskState> {
    // A Task or an entity that embeds one is a page-sized document; a spooled body is neither.
    let mut found: Vec<TaskState> = response
        .body
        .in_memory()
        .map(parse_tasks)
        .unwrap_or_default();
    if found.is_empty() && response.status == 202 {
        if let Some(location) = response
            .headers
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .filter(|l| l.contains("/task/"))
            .map(str::to_string)
        {
            found.push(TaskState {
                href: location,
                status: TaskStatus::Queued,
                operation: String::new(),
                operation_name: String::new(),
                progress: None,
                owner: None,
                error: None,
                cancel_href: None,
                start_time: None,
                end_time: None,
            });
        }
    }
    found
}

/// The waits between polls: 0.5 s, then half as long again each time, up to 5 s.
pub fn poll_delays() -> impl Iterator<Item = Duration> {
    std::iter::successors(Some(Duration::from_millis(500)), |d| {
        Some((*d * 3 / 2).min(Duration::from_secs(5)))
    })
}

/// Reads a task once, through the session.
pub async fn read_task(manager: &SessionManager, href: &str) -> Result<TaskState, CoreError> {
    let mut headers = HeaderMap::new();
    if let Some(session) = manager.session() {
        if let Ok(v) = HeaderValue::from_str(&vcd_api::accept(types::TASK, &session.version)) {
            headers.insert(ACCEPT, v);
        }
    }
    let response = manager
        .send(Method::GET, href, &headers, None, &mut Exchange::default())
        .await?;
    let unreadable = |reason: String| CoreError::TaskUnreadable {
        href: href.to_string(),
        reason,
    };
    if response.status != 200 {
        let why = response
            .vcd_error()
            .map(|e| e.to_string())
            .unwrap_or_else(|| format!("HTTP {}", response.status));
        return Err(unreadable(why));
    }
    let bytes = response
        .body
        .in_memory()
        .ok_or_else(|| unreadable("its answer is too large to be a Task".into()))?;
    parse_tasks(bytes)
        .into_iter()
        .next()
        .ok_or_else(|| unreadable("the answer is not a Task document".into()))
}

/// Polls a task until it ends, calling `on_update` after each reading; answers its last state.
pub async fn watch_task(
    manager: &SessionManager,
    href: &str,
    mut on_update: impl FnMut(&TaskState),
) -> Result<TaskState, CoreError> {
    let mut delays = poll_delays();
    loop {
        let state = read_task(manager, href).await?;
        on_update(&state);
        if !state.status.is_running() {
            return Ok(state);
        }
        tokio::time::sleep(delays.next().unwrap_or(Duration::from_secs(5))).await;
    }
}

/// Asks VCD to cancel a running task (`POST …/action/cancel`, 204).
pub async fn cancel_task(manager: &SessionManager, task: &TaskState) -> Result<(), CoreError> {
    let href = task
        .cancel_href
        .clone()
        .unwrap_or_else(|| format!("{}/action/cancel", task.href.trim_end_matches('/')));
    let response = manager
        .send(
            Method::POST,
            &href,
            &HeaderMap::new(),
            None,
            &mut Exchange::default(),
        )
        .await?;
    if response.status >= 300 {
        let why = response
            .vcd_error()
            .map(|e| e.to_string())
            .unwrap_or_else(|| format!("HTTP {}", response.status));
        return Err(CoreError::TaskNotCanceled {
            href: task.href.clone(),
            reason: why,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_samples::sample;

    #[test]
    fn the_real_task_samples_read_with_status_owner_error_and_cancel_link() {
        let ok = parse_tasks(&sample("task-success-with-cancel-link.xml"));
        assert_eq!(ok.len(), 1);
        assert_eq!(ok[0].status, TaskStatus::Success);
        assert_eq!(ok[0].operation_name, "vappDeploy");
        assert!(ok[0]
            .cancel_href
            .as_deref()
            .unwrap()
            .ends_with("/action/cancel"));
        assert!(ok[0]
            .owner
            .as_ref()
            .unwrap()
            .href
            .contains("/api/vApp/vapp-"));
        let failed = parse_tasks(&sample("task-error.xml"));
        assert_eq!(failed[0].status, TaskStatus::Error);
        let error = failed[0].error.as_ref().unwrap();
        assert_eq!(error.minor.as_deref(), Some("INTERNAL_SERVER_ERROR"));
        assert!(error.message.contains("VMware Tools is not running"));
        assert_eq!(
            failed[0].end_time.as_deref(),
            Some("2012-02-07T05:25:55.416-05:00")
        );
        // An entity being made embeds its running task.
        let made = parse_tasks(&sample("vapp-instantiated-with-running-task.xml"));
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].status, TaskStatus::Running);
        assert_eq!(made[0].progress, Some(1));
        assert_eq!(made[0].operation_name, "vdcInstantiateVapp");
        // Other documents hold none.
        assert!(parse_tasks(&sample("vapp.xml")).is_empty());
        assert!(parse_tasks(b"<not xml").is_empty());
    }

    #[test]
    fn polls_start_quick_and_slow_to_five_seconds() {
        let d: Vec<u64> = poll_delays()
            .take(8)
            .map(|d| d.as_millis() as u64)
            .collect();
        assert_eq!(d, vec![500, 750, 1125, 1687, 2531, 3796, 5000, 5000]);
    }
}
