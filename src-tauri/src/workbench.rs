//! The commands of the request workbench: send a composed request with the profile's session,
//! cancel it, and read a response body (kept here: a large body never crosses to the UI unasked).

use crate::state::AppState;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use tauri::{AppHandle, Manager, State};
use tokio::sync::Mutex;
use tokio::task::AbortHandle;
use vcd_core::http::Response;
use vcd_core::pretty::pretty;
use vcd_core::request_draft::{DraftSeed, RequestDraft};
use vcd_core::response_view::ResponseView;
use vcd_core::{CoreError, ErrorReport};

/// How many responses keep their bodies for the viewer.
const KEPT_RESPONSES: usize = 32;

#[derive(Default)]
pub struct Workbench {
    responses: Mutex<VecDeque<(u32, Arc<Response>)>>,
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
    let view = ResponseView::of(&response, auth);
    let id = {
        let mut next = workbench.next_id.lock().await;
        *next += 1;
        *next
    };
    let mut kept = workbench.responses.lock().await;
    kept.push_back((id, Arc::new(response)));
    while kept.len() > KEPT_RESPONSES {
        kept.pop_front();
    }
    Ok(SentResponse { id, view })
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

/// A kept response's body, pretty-printed for reading or as it came.
#[tauri::command]
pub async fn response_body(
    workbench: State<'_, Workbench>,
    response_id: u32,
    formatted: bool,
) -> Result<String, ErrorReport> {
    let response = workbench
        .responses
        .lock()
        .await
        .iter()
        .find(|(id, _)| *id == response_id)
        .map(|(_, r)| r.clone())
        .ok_or_else(|| {
            CoreError::Profile("That response is no longer kept: send the request again.".into())
                .report()
        })?;
    // Formatting a large body takes a while: off the async workers.
    tokio::task::spawn_blocking(move || {
        if formatted {
            pretty(response.content_type(), &response.body)
        } else {
            String::from_utf8_lossy(&response.body).into_owned()
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
