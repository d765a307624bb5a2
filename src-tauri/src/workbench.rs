//! The commands of the request workbench: send a composed request with the profile's session,
//! cancel it, and read a response body (kept here: a large body never crosses to the UI unasked).

use crate::state::AppState;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use tauri::{AppHandle, Manager, State};
use tokio::sync::Mutex;
use tokio::task::AbortHandle;
use vcd_core::discover::page_links;
use vcd_core::http::Response;
use vcd_core::links::PageLinks;
use vcd_core::pretty::pretty;
use vcd_core::request_draft::{DraftSeed, RequestDraft};
use vcd_core::response_view::ResponseView;
use vcd_core::{CoreError, ErrorReport};

/// How many responses keep their bodies for the viewer.
const KEPT_RESPONSES: usize = 32;

/// A response kept for the viewer: its body, all its links, and its pretty text once asked for.
struct Kept {
    id: u32,
    response: Arc<Response>,
    page: Arc<PageLinks>,
    pretty: Arc<std::sync::OnceLock<String>>,
}

/// Links and references a response lists to the UI; all of them stay here for saving.
const LISTED_LINKS: usize = 2_000;
/// Bytes of body text one `response_body` call returns: the UI appends chunk after chunk and stays
/// responsive while a 50 MB body loads.
const BODY_CHUNK: usize = 1024 * 1024;

#[derive(Default)]
pub struct Workbench {
    responses: Mutex<VecDeque<Kept>>,
    next_id: Mutex<u32>,
    in_flight: Mutex<HashMap<u32, AbortHandle>>,
}

/// A response as the UI gets it: the view, and the id to ask for its body with.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SentResponse {
    pub id: u32,
    pub view: ResponseView,
}

fn not_logged_in() -> ErrorReport {
    CoreError::Profile(
        "This profile has no session: log in first (Session panel), then send again.".into(),
    )
    .report()
}

/// Sends `draft` with the profile's session. `request_id` names it for `cancel_request`.
#[tauri::command]
pub async fn send_request(
    app: AppHandle,
    profile_id: String,
    request_id: u32,
    draft: RequestDraft,
) -> Result<SentResponse, ErrorReport> {
    draft.prepare().map_err(|e| e.report())?;
    let task_app = app.clone();
    let task = tokio::spawn(async move {
        let state = task_app.state::<AppState>();
        let mut sessions = state.sessions.lock().await;
        let live = sessions.get_mut(&profile_id).ok_or_else(not_logged_in)?;
        let auth = live.manager.session().map(|s| s.auth);
        let response = draft
            .send(&mut live.manager)
            .await
            .map_err(|e| e.report())?;
        Ok::<_, ErrorReport>((response, auth))
    });
    let workbench = app.state::<Workbench>();
    workbench
        .in_flight
        .lock()
        .await
        .insert(request_id, task.abort_handle());
    let outcome = task.await;
    workbench.in_flight.lock().await.remove(&request_id);
    let (response, auth) = match outcome {
        Ok(result) => result?,
        Err(e) if e.is_cancelled() => {
            return Err(ErrorReport {
                kind: "cancelled".into(),
                message: "The request was cancelled; nothing was received.".into(),
                fingerprint: None,
                status: None,
            })
        }
        Err(e) => return Err(CoreError::Internal(e.to_string()).report()),
    };
    // Reading the links of a large body takes a moment: off the async workers.
    let (response, page) = tokio::task::spawn_blocking(move || {
        let page = page_links(&response);
        (response, page)
    })
    .await
    .map_err(|e| CoreError::Internal(e.to_string()).report())?;
    let view = ResponseView::with_page(&response, &page, auth).capped(LISTED_LINKS);
    let id = {
        let mut next = workbench.next_id.lock().await;
        *next += 1;
        *next
    };
    let mut kept = workbench.responses.lock().await;
    kept.push_back(Kept {
        id,
        response: Arc::new(response),
        page: Arc::new(page.unwrap_or_default()),
        pretty: Arc::default(),
    });
    while kept.len() > KEPT_RESPONSES {
        kept.pop_front();
    }
    Ok(SentResponse { id, view })
}

async fn kept(workbench: &Workbench, response_id: u32) -> Result<Kept, ErrorReport> {
    workbench
        .responses
        .lock()
        .await
        .iter()
        .find(|k| k.id == response_id)
        .map(|k| Kept {
            id: k.id,
            response: k.response.clone(),
            page: k.page.clone(),
            pretty: k.pretty.clone(),
        })
        .ok_or_else(|| {
            CoreError::Profile("That response is no longer kept: send the request again.".into())
                .report()
        })
}

#[tauri::command]
pub async fn cancel_request(
    workbench: State<'_, Workbench>,
    request_id: u32,
) -> Result<(), ErrorReport> {
    if let Some(handle) = workbench.in_flight.lock().await.remove(&request_id) {
        handle.abort();
    }
    Ok(())
}

/// A piece of a kept response's body text.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BodyChunk {
    pub text: String,
    /// Where the next piece starts; `None` after the last one.
    #[ts(type = "number | null")]
    pub next: Option<usize>,
    /// The whole text's length in bytes.
    #[ts(type = "number")]
    pub total: usize,
}

/// The largest char boundary of `text` at or below `at`.
fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A kept response's body, pretty-printed for reading or as it came, one chunk from byte `from`.
#[tauri::command]
pub async fn response_body(
    workbench: State<'_, Workbench>,
    response_id: u32,
    formatted: bool,
    from: usize,
) -> Result<BodyChunk, ErrorReport> {
    let kept = kept(&workbench, response_id).await?;
    // Formatting a large body takes a while: off the async workers, and once per response.
    tokio::task::spawn_blocking(move || {
        let raw;
        let text: &str = if formatted {
            kept.pretty
                .get_or_init(|| pretty(kept.response.content_type(), &kept.response.body))
        } else {
            raw = String::from_utf8_lossy(&kept.response.body);
            &raw
        };
        let start = boundary(text, from);
        let end = boundary(text, start + BODY_CHUNK);
        let end = if end == start && start < text.len() {
            // A chunk always moves on, whatever sits at the boundary.
            (start + 1..=text.len())
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(text.len())
        } else {
            end
        };
        BodyChunk {
            text: text[start..end].to_string(),
            next: (end < text.len()).then_some(end),
            total: text.len(),
        }
    })
    .await
    .map_err(|e| CoreError::Internal(e.to_string()).report())
}

/// The composer's starting request for a typed URL or a clicked link (headers prefilled by vcd-core).
#[tauri::command]
pub fn prefill_request(seed: DraftSeed) -> RequestDraft {
    RequestDraft::prefilled(&seed)
}
