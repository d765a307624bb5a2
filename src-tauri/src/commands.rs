//! The commands of command_list.rs, one function each: they convert arguments and call vcd-core's
//! [`Workbench`]; the logic lives there. ipc.rs registers them with Tauri.

use crate::state::Shell;
use tauri::{AppHandle, Manager};
use vcd_core::{
    BodyChunk, ConnectionProfile, CoreError, DiscoverLimits, DiscoverProgress, DiscoverSummary,
    DraftSeed, HeaderSide, KeyringStatus, LoginView, RequestAuth, RequestDraft, SavedLinks,
    SavedProfile, Secret, SentResponse, SessionBadge, SessionHeader, Settings, SimulatorStatus,
    TaskView, VariableUse, VcdFacts, VersionList,
};

type Reply<T> = Result<T, CoreError>;

fn shell(app: &AppHandle) -> tauri::State<'_, Shell> {
    app.state::<Shell>()
}

/// What the status bar shows.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct AppStatus {
    pub simulator: Option<SimulatorStatus>,
    pub keyring: KeyringStatus,
    pub sessions: Vec<SessionBadge>,
}

/// Progress of a discovery, as the `discover-progress` event carries it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct DiscoverEvent {
    pub profile_id: String,
    pub progress: DiscoverProgress,
}

pub async fn list_profiles(app: &AppHandle) -> Reply<Vec<ConnectionProfile>> {
    shell(app).workbench.list_profiles().await
}

pub async fn app_status(app: &AppHandle) -> Reply<AppStatus> {
    let shell = shell(app);
    Ok(AppStatus {
        simulator: shell.workbench.simulator_status().await,
        keyring: shell.workbench.secrets().status().clone(),
        sessions: shell.workbench.badges(),
    })
}

pub async fn save_profile(
    app: &AppHandle,
    profile: ConnectionProfile,
    secret: Option<String>,
) -> Reply<SavedProfile> {
    shell(app).workbench.save_profile(profile, secret)
}

pub async fn delete_profile(app: &AppHandle, profile_id: String) -> Reply<()> {
    shell(app).workbench.delete_profile(&profile_id)
}

pub async fn forget_secret(app: &AppHandle, profile_id: String) -> Reply<()> {
    shell(app).workbench.secrets().forget(&profile_id);
    Ok(())
}

pub async fn get_versions(app: &AppHandle, profile_id: String) -> Reply<VersionList> {
    shell(app).workbench.versions(&profile_id).await
}

/// "Test connection" in the profile editor: the versions of a profile that may not be saved yet.
pub async fn test_connection(app: &AppHandle, profile: ConnectionProfile) -> Reply<VersionList> {
    shell(app).workbench.test_connection(&profile).await
}

pub async fn login(
    app: &AppHandle,
    profile_id: String,
    secret: Option<String>,
    version: Option<String>,
) -> Reply<LoginView> {
    shell(app)
        .workbench
        .login(&profile_id, secret.map(Secret::new), version)
        .await
}

pub async fn logout(app: &AppHandle, profile_id: String) -> Reply<()> {
    shell(app).workbench.logout(&profile_id).await
}

/// The real value of one masked header of the last login exchange.
pub async fn reveal_header(
    app: &AppHandle,
    profile_id: String,
    step: usize,
    side: HeaderSide,
    index: usize,
) -> Reply<String> {
    let secret = shell(app)
        .workbench
        .reveal_header(&profile_id, step, side, index)?;
    Ok(secret.expose().to_string())
}

pub async fn send_request(
    app: &AppHandle,
    profile_id: String,
    request_id: u32,
    draft: RequestDraft,
    auth: RequestAuth,
) -> Reply<SentResponse> {
    shell(app)
        .workbench
        .send(&profile_id, request_id, draft, auth)
        .await
}

pub async fn cancel_request(app: &AppHandle, request_id: u32) -> Reply<()> {
    shell(app).workbench.cancel(request_id);
    Ok(())
}

pub async fn response_body(
    app: &AppHandle,
    response_id: u32,
    formatted: bool,
    from: usize,
) -> Reply<BodyChunk> {
    shell(app)
        .workbench
        .response_body(response_id, formatted, from)
        .await
}

/// The composer's starting request for a typed URL or a clicked link (headers prefilled by vcd-core).
pub async fn prefill_request(_: &AppHandle, seed: DraftSeed) -> Reply<RequestDraft> {
    Ok(RequestDraft::prefilled(&seed))
}

/// An Accept header value with its `version=` parameter set (the composer's version picker).
pub async fn accept_with_version(_: &AppHandle, accept: String, version: String) -> Reply<String> {
    Ok(vcd_core::with_accept_version(&accept, &version))
}

/// What a request's auth puts on the wire, masked (the composer's Auth panel says it before Send).
pub async fn describe_auth(
    _: &AppHandle,
    auth: RequestAuth,
    session_header: SessionHeader,
) -> Reply<String> {
    Ok(auth.describe(session_header))
}

/// The VCD facts the UI shows (media types, token paths, releases), so it writes none itself.
pub async fn vcd_facts(_: &AppHandle) -> Reply<VcdFacts> {
    Ok(VcdFacts::get())
}

pub async fn links_seen(app: &AppHandle, profile_id: String) -> Reply<usize> {
    Ok(shell(app).workbench.links_seen(&profile_id))
}

pub async fn save_links(
    app: &AppHandle,
    profile_id: String,
    response_id: Option<u32>,
    path: String,
) -> Reply<SavedLinks> {
    shell(app)
        .workbench
        .save_links(&profile_id, response_id, path)
        .await
}

/// Maps the API from the Session (see vcd-core's discover); progress arrives as
/// `discover-progress` events.
pub async fn discover_links(
    app: &AppHandle,
    profile_id: String,
    depth: usize,
    max_pages: usize,
) -> Reply<DiscoverSummary> {
    let limits = DiscoverLimits { depth, max_pages };
    shell(app)
        .workbench
        .discover(&profile_id, None, limits, |p| {
            let event = DiscoverEvent {
                profile_id: profile_id.clone(),
                progress: p.clone(),
            };
            crate::ipc::emit::discover_progress(app, &event);
        })
        .await
}

/// Follows a task to its end; each poll arrives as a `task-progress` event.
pub async fn watch_task(app: &AppHandle, profile_id: String, href: String) -> Reply<TaskView> {
    shell(app)
        .workbench
        .watch_task(&profile_id, &href, |view| {
            crate::ipc::emit::task_progress(app, view);
        })
        .await
}

/// Cancels a running task; the Tasks section hears of it as of every other change.
pub async fn cancel_task(app: &AppHandle, profile_id: String, href: String) -> Reply<TaskView> {
    let view = shell(app).workbench.cancel_task(&profile_id, &href).await?;
    crate::ipc::emit::task_progress(app, &view);
    Ok(view)
}

pub async fn list_tasks(app: &AppHandle) -> Reply<Vec<TaskView>> {
    Ok(shell(app).workbench.tasks())
}

pub async fn cancel_discover(app: &AppHandle, profile_id: String) -> Reply<()> {
    shell(app).workbench.cancel_discover(&profile_id);
    Ok(())
}

/// The `{{name}}`s a draft uses and their values for this profile (the composer shows them).
pub async fn draft_variables(
    app: &AppHandle,
    profile_id: String,
    draft: RequestDraft,
) -> Reply<Vec<VariableUse>> {
    let shell = shell(app);
    let profile = shell.workbench.resolve_profile(&profile_id).await?;
    shell.workbench.draft_variables(&profile, &draft)
}

pub async fn save_body(app: &AppHandle, response_id: u32, path: String) -> Reply<u64> {
    shell(app).workbench.save_body(response_id, &path).await
}

pub async fn get_settings(app: &AppHandle) -> Reply<Settings> {
    shell(app).workbench.settings()
}

pub async fn save_settings(app: &AppHandle, settings: Settings) -> Reply<Settings> {
    shell(app).workbench.save_settings(settings)
}
