//! What the shell holds while it runs: vcd-core's workbench (stores, settings, sessions, kept
//! responses, the demo profile and its simulator).

use vcd_core::Workbench;

pub struct Shell {
    pub workbench: Workbench,
}

impl Shell {
    pub fn new() -> Shell {
        Shell {
            workbench: Workbench::open(),
        }
    }
}
