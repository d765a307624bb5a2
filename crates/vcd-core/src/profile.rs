//! Connection profiles: where a VCD is and how to trust it. Profiles never hold secrets.

use crate::tls::TlsTrust;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectionProfile {
    pub id: String,
    pub name: String,
    /// Empty for the built-in simulator until it has started.
    pub base_url: String,
    pub trust: TlsTrust,
    /// True for the profile that talks to the simulator built into the app.
    pub builtin_simulator: bool,
}

/// The id of the profile that exists on first start.
pub const DEMO_PROFILE_ID: &str = "demo";

impl ConnectionProfile {
    /// "Demo VCD (built-in simulator)": its address and certificate pin are filled in when the app
    /// starts the simulator.
    pub fn demo() -> ConnectionProfile {
        ConnectionProfile {
            id: DEMO_PROFILE_ID.to_string(),
            name: "Demo VCD (built-in simulator)".to_string(),
            base_url: String::new(),
            trust: TlsTrust::System,
            builtin_simulator: true,
        }
    }
}
