//! What the shell holds while it runs: vcd-core's workbench (stores, sessions, kept responses) and
//! the demo simulator, which only the app starts.

use crate::demo::DemoSimulator;
use vcd_core::{ConnectionProfile, CoreError, Workbench, DEMO_PROFILE_ID};

pub struct Shell {
    pub demo: DemoSimulator,
    pub workbench: Workbench,
}

impl Shell {
    pub fn new() -> Shell {
        Shell {
            demo: DemoSimulator::default(),
            workbench: Workbench::open(),
        }
    }

    /// A profile by id; the demo one starts the simulator.
    pub async fn resolve_profile(&self, id: &str) -> Result<ConnectionProfile, CoreError> {
        if id == DEMO_PROFILE_ID {
            return self
                .demo
                .ensure_started()
                .await
                .map_err(CoreError::Simulator);
        }
        self.workbench.profiles()?.get(id)
    }
}
