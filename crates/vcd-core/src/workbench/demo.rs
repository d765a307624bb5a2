//! The built-in demo profile and the simulator behind it: started on first use on a free loopback
//! port, over HTTPS with a fresh self-signed certificate that the demo profile pins. This is the one
//! place that knows the demo profile: its id, its address once running, and its built-in login.

use crate::secret::Secret;
use crate::store::{ConnectionProfile, DEMO_PROFILE_ID};
use crate::TlsTrust;
use serde::Serialize;
use tokio::sync::Mutex;
use ts_rs::TS;
use vcd_sim::{DemoCredentials, RunningSim, Scenario, SimOptions};

/// vApps in each demo VDC: `VCD_WORKBENCH_DEMO_SCALE` lets a trainer show what a large answer looks
/// like (300000 makes the VDC page about 50 MB).
fn demo_scale() -> usize {
    std::env::var("VCD_WORKBENCH_DEMO_SCALE")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(SimOptions::default().scale)
}

/// The demo world, with what a trainer (or a test) set through the environment: how long its tasks
/// run (`VCD_WORKBENCH_DEMO_TASK_MS`, default 3000) and which operations fail
/// (`VCD_WORKBENCH_DEMO_FAIL=vappPowerOn,vdcDeleteVapp`, to show how a failed task reads).
fn demo_scenario() -> Scenario {
    let mut scenario = Scenario::demo();
    if let Some(ms) = std::env::var("VCD_WORKBENCH_DEMO_TASK_MS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        scenario.task_ms = ms.min(3_600_000);
    }
    if let Ok(list) = std::env::var("VCD_WORKBENCH_DEMO_FAIL") {
        for op in list.split(',').map(str::trim).filter(|o| !o.is_empty()) {
            if vcd_sim::OPERATIONS.contains(&op) {
                scenario.failing_operations.push(op.to_string());
            } else {
                tracing::warn!(
                    "VCD_WORKBENCH_DEMO_FAIL names {op}, which the simulator does not run; it runs {}",
                    vcd_sim::OPERATIONS.join(", ")
                );
            }
        }
    }
    scenario
}

#[derive(Default)]
pub(super) struct DemoSimulator {
    running: Mutex<Option<RunningSim>>,
}

/// What the status bar and the demo profile show about the simulator.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SimulatorStatus {
    pub url: String,
    pub release: String,
    pub max_api: String,
    /// The demo world's logins (a simulator's, not secrets).
    pub demo: DemoCredentials,
}

/// Whether a profile is the built-in demo one (by its id or its flag, which a saved file could carry).
pub(super) fn is_demo(profile: &ConnectionProfile) -> bool {
    profile.id == DEMO_PROFILE_ID || profile.builtin_simulator
}

/// The demo profile's built-in password, which needs no keyring.
pub(super) fn builtin_secret(profile: &ConnectionProfile) -> Option<Secret> {
    profile
        .builtin_simulator
        .then(|| Secret::new(Scenario::demo_credentials().password))
}

impl DemoSimulator {
    /// The demo profile, its address and pin filled in once the simulator runs.
    pub(super) async fn profile(&self) -> ConnectionProfile {
        let running = self.running.lock().await;
        Self::profile_for(running.as_ref())
    }

    fn profile_for(sim: Option<&RunningSim>) -> ConnectionProfile {
        let demo = Scenario::demo_credentials();
        let mut profile = ConnectionProfile {
            org: demo.org,
            user: demo.user,
            ..ConnectionProfile::demo()
        };
        if let Some(sim) = sim {
            profile.base_url = sim.url().to_string();
            if let Some(sha256) = sim.fingerprint() {
                profile.trust = TlsTrust::Pinned { sha256 };
            }
        }
        profile
    }

    /// Starts the simulator if it is not running yet, and returns the demo profile.
    pub(super) async fn ensure_started(&self) -> Result<ConnectionProfile, String> {
        let mut running = self.running.lock().await;
        if running.is_none() {
            let sim = vcd_sim::start(SimOptions {
                scale: demo_scale(),
                scenario: demo_scenario(),
                ..SimOptions::default().with_tls(true)
            })
            .await
            .map_err(|e| e.to_string())?;
            tracing::info!(url = sim.url(), "demo simulator started");
            *running = Some(sim);
        }
        Ok(Self::profile_for(running.as_ref()))
    }

    /// Stops the simulator (its sessions end); the next use of the demo profile starts a new one.
    pub(super) async fn stop(&self) {
        if let Some(sim) = self.running.lock().await.take() {
            sim.stop().await;
        }
    }

    pub(super) async fn status(&self) -> Option<SimulatorStatus> {
        let running = self.running.lock().await;
        running.as_ref().map(|sim| SimulatorStatus {
            url: sim.url().to_string(),
            release: sim.release().name.to_string(),
            max_api: sim.release().max_api.to_string(),
            demo: Scenario::demo_credentials(),
        })
    }
}
