//! The simulator's async tasks: what each one does to the world when it ends, and its status read
//! off the clock (queued, then running with a Progress that advances over the task's duration, then
//! success, or error when the scenario makes its operation fail). Nothing runs in the background:
//! [`super::Live::settle`] ends the tasks whose time is up before anything reads the world.

use super::{Key, Power};
use crate::body::Node;
use std::time::{Duration, Instant, SystemTime};

/// VCD's operation names of the tasks the simulator runs; a scenario's `failing_operations` names
/// these.
pub mod op {
    pub const METADATA_DELETE: &str = "metadataDelete";
    pub const METADATA_UPDATE: &str = "metadataUpdate";
    pub const NETWORK_CONFIGURE_EDGE_GATEWAY_SERVICES: &str = "networkConfigureEdgeGatewayServices";
    pub const VAPP_DEPLOY: &str = "vappDeploy";
    pub const VAPP_POWER_OFF: &str = "vappPowerOff";
    pub const VAPP_POWER_ON: &str = "vappPowerOn";
    pub const VAPP_REBOOT: &str = "vappReboot";
    pub const VAPP_RESET: &str = "vappReset";
    pub const VAPP_SHUTDOWN_GUEST: &str = "vappShutdownGuest";
    pub const VAPP_SUSPEND: &str = "vappSuspend";
    pub const VAPP_UNDEPLOY_POWER_OFF: &str = "vappUndeployPowerOff";
    pub const VAPP_UNDEPLOY_SUSPEND: &str = "vappUndeploySuspend";
    pub const VAPP_UPDATE_V_APP: &str = "vappUpdateVApp";
    pub const VDC_COMPOSE_VAPP: &str = "vdcComposeVapp";
    pub const VDC_DELETE_VAPP: &str = "vdcDeleteVapp";
    pub const VDC_INSTANTIATE_VAPP: &str = "vdcInstantiateVapp";
}

/// Every operation name a task can have.
pub const OPERATIONS: [&str; 16] = [
    op::METADATA_DELETE,
    op::METADATA_UPDATE,
    op::NETWORK_CONFIGURE_EDGE_GATEWAY_SERVICES,
    op::VAPP_DEPLOY,
    op::VAPP_POWER_OFF,
    op::VAPP_POWER_ON,
    op::VAPP_REBOOT,
    op::VAPP_RESET,
    op::VAPP_SHUTDOWN_GUEST,
    op::VAPP_SUSPEND,
    op::VAPP_UNDEPLOY_POWER_OFF,
    op::VAPP_UNDEPLOY_SUSPEND,
    op::VAPP_UPDATE_V_APP,
    op::VDC_COMPOSE_VAPP,
    op::VDC_DELETE_VAPP,
    op::VDC_INSTANTIATE_VAPP,
];

/// What a task does to the world when it succeeds.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Every VM of a vApp (or the one VM) to this power state; `deployed` when given.
    Power {
        to: Power,
        deployed: Option<bool>,
    },
    Delete,
    Rename {
        name: String,
        description: Option<String>,
    },
    /// A vApp made by instantiate or compose becomes resolved (powered off).
    Create,
    /// Metadata entries set (`Some`) or removed (`None`).
    Metadata(Vec<(String, Option<super::MetaValue>)>),
    /// The edge gateway's services configuration replaced.
    EdgeServices(Node),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Pending,
    Success,
    Error(String),
    Canceled,
}

#[derive(Debug, Clone)]
pub struct Task {
    /// The UUID in `/api/task/{id}`.
    pub id: String,
    pub org_id: String,
    pub org_name: String,
    pub user: String,
    pub user_id: String,
    /// VCD's operation name (`vappDeploy`); the scenario names these to make them fail.
    pub operation_name: &'static str,
    /// The sentence VCD shows (`Starting Virtual Application web-frontend(…)`).
    pub operation: String,
    pub target: Key,
    pub target_name: String,
    pub effect: Effect,
    pub started: Instant,
    pub started_wall: SystemTime,
    pub duration: Duration,
    pub outcome: Outcome,
    pub ended_wall: Option<SystemTime>,
}

/// A task's status as VCD spells it, with its Progress (0–100).
pub struct Status {
    pub name: &'static str,
    pub progress: u8,
}

impl Task {
    /// Queued for the first tenth of its time (at most 200 ms), then running.
    pub fn status(&self, now: Instant) -> Status {
        let (name, progress) = match &self.outcome {
            Outcome::Success => ("success", 100),
            Outcome::Error(_) => ("error", self.progress(now)),
            Outcome::Canceled => ("canceled", self.progress(now)),
            Outcome::Pending => {
                let queued = (self.duration / 10).min(Duration::from_millis(200));
                if now.duration_since(self.started) < queued {
                    ("queued", 0)
                } else {
                    ("running", self.progress(now).min(99))
                }
            }
        };
        Status { name, progress }
    }

    fn progress(&self, now: Instant) -> u8 {
        if self.duration.is_zero() {
            return 100;
        }
        let done = now.duration_since(self.started).as_secs_f64() / self.duration.as_secs_f64();
        (done * 100.0).clamp(0.0, 100.0) as u8
    }

    pub fn is_running(&self) -> bool {
        self.outcome == Outcome::Pending
    }

    /// `vappDeploy` → `VAPP_DEPLOY`, as BUSY_ENTITY's message names the operation.
    pub fn operation_constant(&self) -> String {
        let mut out = String::new();
        for c in self.operation_name.chars() {
            if c.is_ascii_uppercase() {
                out.push('_');
            }
            out.push(c.to_ascii_uppercase());
        }
        out
    }
}
