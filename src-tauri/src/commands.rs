//! The commands of command_list.rs, one function each: they find the profile, convert arguments
//! and call vcd-core's [`Workbench`]; the logic lives there. ipc.rs registers them with Tauri.

use crate::demo::SimulatorStatus;
use crate::state::Shell;
use tauri::{AppHandle, Emitter, Manager};
use vcd_core::{
    discover_versions, BodyChunk, ConnectionProfile, CoreError, DiscoverLimits, DiscoverProgress,
    DiscoverSummary, DraftSeed, HeaderSide, KeyringStatus, LoginView, RequestAuth, RequestDraft,
    SavedLinks, SavedProfile, Secret, SentResponse, SessionBadge, Settings, VariableUse, VcdFacts,
    VersionList,
};

type Reply<T> = Result<T, CoreError>;

fn shell(app: &AppHandle) -> tauri::State<'_, Shell> {
    app.state::<Shell>()
}

/// What the status bar shows.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AppStatus {
    pub simulator: Option<SimulatorStatus>,
    pub keyring: KeyringStatus,
    pub sessions: Vec<SessionBadge>,
}

/// Progress of a discovery, as the `discover-progress` event carries it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DiscoverEvent {
    pub profile_id: String,
    pub progress: DiscoverProgress,
}

pub async fn list_profiles(app: &AppHandle) -> Reply<Vec<ConnectionProfile>> {
    let shell = shell(app);
    let mut all = vec![shell.demo.profile().await];
    all.extend(shell.workbench.profiles()?.list()?);
    Ok(all)
}

pub async fn app_status(app: &AppHandle) -> Reply<AppStatus> {
    let shell = shell(app);
    Ok(AppStatus {
        simulator: shell.demo.status().await,
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
    let profile = shell(app).resolve_profile(&profile_id).await?;
    discover_versions(&profile.base_url, &profile.http_options()).await
}

/// "Test connection" in the profile editor: the versions of a profile that may not be saved yet.
pub async fn test_connection(_: &AppHandle, profile: ConnectionProfile) -> Reply<VersionList> {
    discover_versions(&profile.base_url, &profile.http_options()).await
}

pub async fn login(
    app: &AppHandle,
    profile_id: String,
    secret: Option<String>,
) -> Reply<LoginView> {
    let shell = shell(app);
    let profile = shell.resolve_profile(&profile_id).await?;
    let builtin = profile
        .builtin_simulator
        .then(|| Secret::new(vcd_sim::Scenario::demo_credentials().password));
    let secret = shell.workbench.secrets().login_secret(
        &profile,
        secret.map(Secret::new),
        builtin,
        "enter it to log in",
    )?;
    shell.workbench.login(&profile, secret).await
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
    let shell = shell(app);
    let profile = shell.resolve_profile(&profile_id).await?;
    shell
        .workbench
        .send(&profile, request_id, draft, auth)
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
        .discover(&profile_id, limits, |p| {
            let event = DiscoverEvent {
                profile_id: profile_id.clone(),
                progress: p.clone(),
            };
            let _ = app.emit("discover-progress", event);
        })
        .await
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
    let profile = shell.resolve_profile(&profile_id).await?;
    shell.workbench.draft_variables(&profile, &draft)
}

pub async fn save_body(app: &AppHandle, response_id: u32, path: String) -> Reply<u64> {
    shell(app).workbench.save_body(response_id, &path).await
}

pub async fn get_settings(_: &AppHandle) -> Reply<Settings> {
    Settings::load()
}

pub async fn save_settings(_: &AppHandle, settings: Settings) -> Reply<Settings> {
    settings.save()?;
    Ok(settings)
}
