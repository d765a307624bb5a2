//! The commands the UI may invoke (each one is allowed by name in tauri.conf.json's capability).
//! They convert types and call vcd-core; the logic lives there.

use crate::demo::SimulatorStatus;
use crate::state::{AppState, LiveSession};
use std::sync::Arc;
use tauri::State;
use tokio::sync::Mutex;
use vcd_core::{
    discover_versions, ConnectionProfile, CoreError, ErrorReport, ExchangeStep, HeaderSide,
    KeyringStatus, Secret, SecretLocation, SessionManager, SessionSummary, Settings, VersionList,
    DEMO_PROFILE_ID,
};

type Reply<T> = Result<T, ErrorReport>;

fn report(e: CoreError) -> ErrorReport {
    e.report()
}

/// A live session as the badge shows it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SessionBadge {
    pub profile_id: String,
    pub summary: SessionSummary,
    /// Seconds until the session idles out, when the server said its timeout.
    #[ts(type = "number | null")]
    pub idle_left_secs: Option<u64>,
}

/// What the status bar shows.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AppStatus {
    pub simulator: Option<SimulatorStatus>,
    pub keyring: KeyringStatus,
    pub sessions: Vec<SessionBadge>,
}

/// The answer to a login: the session and the exchange as it happened (secrets masked).
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LoginView {
    pub badge: SessionBadge,
    pub steps: Vec<ExchangeStep>,
}

/// The answer to saving a profile.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SavedProfile {
    pub profile: ConnectionProfile,
    /// Where its secret went, when one was given.
    pub secret_location: Option<SecretLocation>,
}

#[tauri::command]
pub async fn list_profiles(state: State<'_, AppState>) -> Reply<Vec<ConnectionProfile>> {
    let mut all = vec![state.demo.profile().await];
    all.extend(state.profiles()?.list().map_err(report)?);
    Ok(all)
}

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Reply<AppStatus> {
    Ok(AppStatus {
        simulator: state.demo.status().await,
        keyring: state.secrets.status().clone(),
        sessions: state.badges().await,
    })
}

#[tauri::command]
pub async fn save_profile(
    state: State<'_, AppState>,
    profile: ConnectionProfile,
    secret: Option<String>,
) -> Reply<SavedProfile> {
    if profile.id == DEMO_PROFILE_ID || profile.builtin_simulator {
        return Err(CoreError::Profile(
            "The demo profile cannot be changed; make a new profile instead.".into(),
        )
        .report());
    }
    if matches!(profile.trust, vcd_core::TlsTrust::Insecure) {
        return Err(CoreError::Profile(
            "A profile never accepts any certificate: pin the server's certificate or give its CA file.".into(),
        )
        .report());
    }
    let saved = state.profiles()?.save(profile).map_err(report)?;
    let secret_location = secret
        .filter(|s| !s.is_empty())
        .map(|s| state.secrets.save(&saved.id, &Secret::new(s)));
    // A changed profile logs in anew.
    state.sessions.lock().await.remove(&saved.id);
    Ok(SavedProfile {
        profile: saved,
        secret_location,
    })
}

#[tauri::command]
pub async fn delete_profile(state: State<'_, AppState>, profile_id: String) -> Reply<()> {
    let removed = state.profiles()?.remove(&profile_id).map_err(report)?;
    state.secrets.forget(&removed.id);
    state.sessions.lock().await.remove(&removed.id);
    Ok(())
}

#[tauri::command]
pub async fn forget_secret(state: State<'_, AppState>, profile_id: String) -> Reply<()> {
    state.secrets.forget(&profile_id);
    Ok(())
}

#[tauri::command]
pub async fn get_versions(state: State<'_, AppState>, profile_id: String) -> Reply<VersionList> {
    let profile = state.resolve_profile(&profile_id).await?;
    discover_versions(&profile.base_url, &profile.http_options())
        .await
        .map_err(report)
}

/// "Test connection" in the profile editor: the versions of a profile that may not be saved yet.
#[tauri::command]
pub async fn test_connection(profile: ConnectionProfile) -> Reply<VersionList> {
    discover_versions(&profile.base_url, &profile.http_options())
        .await
        .map_err(report)
}

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    profile_id: String,
    secret: Option<String>,
) -> Reply<LoginView> {
    let profile = state.resolve_profile(&profile_id).await?;
    let secret = match secret.filter(|s| !s.is_empty()) {
        Some(s) => Secret::new(s),
        None if profile.builtin_simulator => {
            Secret::new(vcd_sim::Scenario::demo_credentials().password)
        }
        None => state.secrets.load(&profile.id).ok_or_else(|| {
            CoreError::Profile(format!(
                "No {} is stored for '{}': enter it to log in.",
                match profile.auth {
                    vcd_core::AuthKind::Password => "password",
                    vcd_core::AuthKind::ApiToken => "API token",
                },
                profile.name
            ))
            .report()
        })?,
    };
    let mut manager = SessionManager::new(&profile.http_options(), profile.login_request(secret))
        .map_err(report)?;
    let (_, exchange) = manager.login().await.map_err(report)?;
    let live = LiveSession { manager, exchange };
    let view = LoginView {
        badge: live
            .badge(&profile.id)
            .ok_or_else(|| CoreError::NotLoggedIn.report())?,
        steps: live.exchange.steps.clone(),
    };
    state
        .sessions
        .lock()
        .await
        .insert(profile.id.clone(), Arc::new(Mutex::new(live)));
    Ok(view)
}

#[tauri::command]
pub async fn logout(state: State<'_, AppState>, profile_id: String) -> Reply<()> {
    let live = state.sessions.lock().await.remove(&profile_id);
    match live {
        Some(live) => live.lock().await.manager.logout().await.map_err(report),
        None => Ok(()),
    }
}

/// The real value of one masked header of the last login exchange.
#[tauri::command]
pub async fn reveal_header(
    state: State<'_, AppState>,
    profile_id: String,
    step: usize,
    side: HeaderSide,
    index: usize,
) -> Reply<String> {
    let live = match state.session(&profile_id).await {
        Some(shared) => Some(shared.lock_owned().await),
        None => None,
    };
    live.as_ref()
        .and_then(|live| live.exchange.reveal(step, side, index))
        .map(|s| s.expose().to_string())
        .ok_or_else(|| {
            CoreError::Profile("That header is no longer available: log in again.".into()).report()
        })
}

#[tauri::command]
pub async fn get_settings() -> Reply<Settings> {
    Settings::load().map_err(report)
}

#[tauri::command]
pub async fn save_settings(settings: Settings) -> Reply<Settings> {
    settings.save().map_err(report)?;
    Ok(settings)
}
