//! The commands the UI may invoke (each one is allowed by name in tauri.conf.json's capability).

use crate::demo::{DemoSimulator, SimulatorStatus};
use std::time::Duration;
use tauri::State;
use vcd_core::profile::{ConnectionProfile, DEMO_PROFILE_ID};
use vcd_core::{discover_versions, CoreError, ErrorReport, HttpOptions, VersionList};

/// What the status bar shows.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AppStatus {
    pub simulator: Option<SimulatorStatus>,
}

#[tauri::command]
pub async fn list_profiles(
    demo: State<'_, DemoSimulator>,
) -> Result<Vec<ConnectionProfile>, ErrorReport> {
    Ok(vec![demo.profile().await])
}

#[tauri::command]
pub async fn app_status(demo: State<'_, DemoSimulator>) -> Result<AppStatus, ErrorReport> {
    Ok(AppStatus {
        simulator: demo.status().await,
    })
}

#[tauri::command]
pub async fn get_versions(
    demo: State<'_, DemoSimulator>,
    profile_id: String,
) -> Result<VersionList, ErrorReport> {
    if profile_id != DEMO_PROFILE_ID {
        return Err(CoreError::Internal(format!("there is no profile '{profile_id}'")).report());
    }
    let profile = demo.ensure_started().await.map_err(|message| ErrorReport {
        kind: "simulator".into(),
        message,
        fingerprint: None,
        status: None,
    })?;
    let options = HttpOptions {
        trust: profile.trust.clone(),
        timeout: Duration::from_secs(30),
        proxy: None,
    };
    discover_versions(&profile.base_url, &options)
        .await
        .map_err(|e| e.report())
}
