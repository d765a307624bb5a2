//! The commands of the request workbench: send a composed request with the profile's session,
//! cancel it, and read a response body (kept here: a large body never crosses to the UI unasked).

use crate::state::AppState;
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tauri::Emitter;
use tauri::{AppHandle, Manager, State};
use tokio::sync::Mutex;
use tokio::task::AbortHandle;
use vcd_core::{
    discover, page_links, pretty_body, save_link_map, Body, BodyLimits, CoreError, DiscoverLimits,
    DiscoverProgress, DraftSeed, ErrorReport, ExportFormat, LinkMap, PageLinks, RequestAuth,
    RequestDraft, Response, ResponseView, VariableUse,
};

/// How many responses keep their bodies for the viewer, and how many bytes of bodies at most (large
/// ones sit in temporary files: this bounds the disk they take; the newest is always kept).
const KEPT_RESPONSES: usize = 32;
const KEPT_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// A response kept for the viewer: its body (in memory or in a temporary file), all its links,
/// and its pretty layout once asked for (kept like a body).
struct Kept {
    id: u32,
    response: Arc<Response>,
    page: Arc<PageLinks>,
    pretty: Arc<std::sync::OnceLock<Body>>,
}

/// Links and references a response lists to the UI; all of them stay here for saving.
const LISTED_LINKS: usize = 2_000;
/// Bytes of body text one `response_body` call returns: the UI appends chunk after chunk and stays
/// responsive while a 50 MB body loads.
const BODY_CHUNK: usize = 1024 * 1024;

#[derive(Default)]
pub struct Workbench {
    responses: Mutex<VecDeque<Kept>>,
    /// Per profile, every link seen in this run's responses and discoveries.
    maps: Mutex<HashMap<String, LinkMap>>,
    discoveries: Mutex<HashMap<String, Arc<AtomicBool>>>,
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

/// The environment's variables (settings) and the profile's, which win.
async fn defined_variables_for(
    state: &AppState,
    profile_id: &str,
) -> Result<std::collections::BTreeMap<String, String>, ErrorReport> {
    let profile = state.resolve_profile(profile_id).await?.variables;
    let environment = vcd_core::Settings::load()
        .map_err(|e| e.report())?
        .variables;
    Ok(vcd_core::defined_variables(&environment, &profile))
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
    auth: RequestAuth,
) -> Result<SentResponse, ErrorReport> {
    // The draft is checked by `send_as` once its {{variables}} are resolved: a JSON body such as
    // `{"n": {{count}}}` is only well-formed then.
    let profile_id_for_map = profile_id.clone();
    let task_app = app.clone();
    let task = tokio::spawn(async move {
        let state = task_app.state::<AppState>();
        let vars = defined_variables_for(&state, &profile_id).await?;
        let shared = state.session(&profile_id).await.ok_or_else(not_logged_in)?;
        let mut live = shared.lock().await;
        let response = draft
            .send_as(&mut live.manager, &auth, &vars)
            .await
            .map_err(|e| e.report())?;
        // How the request was authenticated, for the hint on a 403.
        let kind = match &auth {
            RequestAuth::Inherit => live.manager.session().map(|s| s.auth),
            RequestAuth::ApiToken { .. } => Some(vcd_core::AuthKind::ApiToken),
            _ => None,
        };
        Ok::<_, ErrorReport>((response, kind))
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
    if let Ok(p) = &page {
        workbench
            .maps
            .lock()
            .await
            .entry(profile_id_for_map)
            .or_default()
            .add_page(&response.url, p);
    }
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
    let bytes = |kept: &VecDeque<Kept>| kept.iter().map(|k| k.response.body.len()).sum::<u64>();
    while kept.len() > KEPT_RESPONSES || (kept.len() > 1 && bytes(&kept) > KEPT_BYTES) {
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
        let body = if formatted {
            kept.pretty.get_or_init(|| {
                pretty_body(
                    kept.response.content_type(),
                    &kept.response.body,
                    BodyLimits::default(),
                )
            })
        } else {
            &kept.response.body
        };
        let (text, next) = body.text_chunk(from as u64, BODY_CHUNK).map_err(|e| {
            CoreError::Internal(format!("the body could not be read: {e}")).report()
        })?;
        Ok(BodyChunk {
            text,
            next: next.map(|n| n as usize),
            total: body.len() as usize,
        })
    })
    .await
    .map_err(|e| CoreError::Internal(e.to_string()).report())?
}

/// The composer's starting request for a typed URL or a clicked link (headers prefilled by vcd-core).
#[tauri::command]
pub fn prefill_request(seed: DraftSeed) -> RequestDraft {
    RequestDraft::prefilled(&seed)
}

/// How many links a profile's map holds (the "Save all links" button shows it).
#[tauri::command]
pub async fn links_seen(
    workbench: State<'_, Workbench>,
    profile_id: String,
) -> Result<usize, ErrorReport> {
    Ok(workbench
        .maps
        .lock()
        .await
        .get(&profile_id)
        .map_or(0, LinkMap::len))
}

/// What a save wrote.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SavedLinks {
    #[ts(type = "number")]
    pub count: usize,
    pub format: ExportFormat,
    pub path: String,
}

/// Saves the links of one kept response (`response_id`), or every link seen for the profile in
/// this run, to `path` in the format its extension names (written atomically).
#[tauri::command]
pub async fn save_links(
    workbench: State<'_, Workbench>,
    profile_id: String,
    response_id: Option<u32>,
    path: String,
) -> Result<SavedLinks, ErrorReport> {
    let rows = match response_id {
        Some(id) => {
            let kept = kept(&workbench, id).await?;
            let mut map = LinkMap::default();
            map.add_page(&kept.response.url, &kept.page);
            map.rows().to_vec()
        }
        None => workbench
            .maps
            .lock()
            .await
            .get(&profile_id)
            .map(|m| m.rows().to_vec())
            .unwrap_or_default(),
    };
    let target = std::path::PathBuf::from(&path);
    let count = rows.len();
    let format = tokio::task::spawn_blocking(move || save_link_map(&rows, &target))
        .await
        .map_err(|e| CoreError::Internal(e.to_string()).report())?
        .map_err(|e| e.report())?;
    Ok(SavedLinks {
        count,
        format,
        path,
    })
}

/// The end of a discovery.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
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

/// Progress of a discovery, as the `discover-progress` event carries it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DiscoverEvent {
    pub profile_id: String,
    pub progress: DiscoverProgress,
}

/// Maps the API from the Session by following GET links breadth-first (see vcd-core's discover),
/// adding what it finds to the profile's map; progress arrives as `discover-progress` events.
#[tauri::command]
pub async fn discover_links(
    app: AppHandle,
    profile_id: String,
    depth: usize,
    max_pages: usize,
) -> Result<DiscoverSummary, ErrorReport> {
    let workbench = app.state::<Workbench>();
    let cancel = Arc::new(AtomicBool::new(false));
    workbench
        .discoveries
        .lock()
        .await
        .insert(profile_id.clone(), cancel.clone());
    let state = app.state::<AppState>();
    let found = {
        let shared = state.session(&profile_id).await.ok_or_else(not_logged_in)?;
        let mut live = shared.lock().await;
        let limits = DiscoverLimits {
            depth,
            max_pages: max_pages.max(1),
        };
        discover(&mut live.manager, None, limits, &cancel, |p| {
            let _ = app.emit(
                "discover-progress",
                DiscoverEvent {
                    profile_id: profile_id.clone(),
                    progress: p.clone(),
                },
            );
        })
        .await
    };
    workbench.discoveries.lock().await.remove(&profile_id);
    let found = found.map_err(|e| e.report())?;
    let mut maps = workbench.maps.lock().await;
    let map = maps.entry(profile_id).or_default();
    for row in found.map.rows() {
        map.add_row(row.clone());
    }
    Ok(DiscoverSummary {
        pages: found.pages,
        links: map.len(),
        failed: found.failed.into_iter().take(20).collect(),
        cancelled: found.cancelled,
    })
}

#[tauri::command]
pub async fn cancel_discover(
    workbench: State<'_, Workbench>,
    profile_id: String,
) -> Result<(), ErrorReport> {
    if let Some(flag) = workbench.discoveries.lock().await.get(&profile_id) {
        flag.store(true, Ordering::Relaxed);
    }
    Ok(())
}

/// The `{{name}}`s a draft uses and their values for this profile (the composer shows them).
#[tauri::command]
pub async fn draft_variables(
    app: AppHandle,
    profile_id: String,
    draft: RequestDraft,
) -> Result<Vec<VariableUse>, ErrorReport> {
    let state = app.state::<AppState>();
    let profile_vars = defined_variables_for(&state, &profile_id).await?;
    let vars = match state.session(&profile_id).await {
        Some(shared) => RequestDraft::variables(&shared.lock().await.manager, &profile_vars),
        None => profile_vars,
    };
    Ok(draft.variable_uses(&vars))
}

/// Writes a kept response's body, as it came, to `path` (temp file + rename).
#[tauri::command]
pub async fn save_body(
    workbench: State<'_, Workbench>,
    response_id: u32,
    path: String,
) -> Result<u64, ErrorReport> {
    let kept = kept(&workbench, response_id).await?;
    let target = std::path::PathBuf::from(path);
    tokio::task::spawn_blocking(move || {
        let body = &kept.response.body;
        vcd_core::write_atomic_with(&target, |file| body.copy_to(file).map(|_| ()))
            .map(|()| body.len())
    })
    .await
    .map_err(|e| CoreError::Internal(e.to_string()).report())?
    .map_err(|e| e.report())
}
