//! What the simulator holds while it runs: its release, public address, scenario and sessions, and
//! the ids and visibility rules every route family reads.

use crate::live::Live;
use crate::scenario::{OrgSpec, Scenario};
use crate::sessions::{uuid_from_hex, SessionStore};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use vcd_api::VcdRelease;

pub struct SimState {
    pub release: &'static VcdRelease,
    /// The address the simulator puts into LoginUrl and other absolute hrefs.
    pub public_url: String,
    pub scenario: Scenario,
    pub sessions: SessionStore,
    /// What actions and their tasks changed since the start.
    pub live: Live,
}

pub type Shared = Arc<SimState>;

fn uuid_from(text: &str) -> String {
    let h: String = Sha256::digest(text.as_bytes())[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    uuid_from_hex(&h)
}

impl SimState {
    pub fn org_id(&self, org: &OrgSpec) -> String {
        org.id
            .clone()
            .unwrap_or_else(|| uuid_from(&format!("org:{}", org.name)))
    }

    pub fn user_id(&self, org: &str, user: &str) -> String {
        uuid_from(&format!("user:{org}:{user}"))
    }
}

impl SimState {
    /// The orgs a session may see: all of them for the provider, its own for a tenant.
    pub fn visible_orgs(&self, session_org: &str) -> Vec<&OrgSpec> {
        let provider = vcd_api::is_system_org(session_org);
        self.scenario
            .orgs
            .iter()
            .filter(|o| provider || o.name.eq_ignore_ascii_case(session_org))
            .collect()
    }
}
