//! What the app holds while it runs: the demo simulator, the profile file, the secret store and
//! one live session per profile (session tokens stay in memory).

use crate::commands::SessionBadge;
use crate::demo::DemoSimulator;
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::Mutex;
use vcd_core::{
    ConnectionProfile, CoreError, ErrorReport, Exchange, ProfileStore, SecretStore, SessionManager,
    DEMO_PROFILE_ID,
};

pub struct LiveSession {
    pub manager: SessionManager,
    /// The login exchange, whose secret headers the user may reveal one at a time.
    pub exchange: Exchange,
}

impl LiveSession {
    pub fn badge(&self, profile_id: &str) -> Option<SessionBadge> {
        let session = self.manager.session()?;
        Some(SessionBadge {
            profile_id: profile_id.to_string(),
            summary: session.summary(),
            idle_left_secs: self.manager.idle_left_secs(),
        })
    }
}

/// A profile's session, locked on its own: a long request of one profile holds neither the others
/// nor the status bar.
pub type SharedSession = Arc<Mutex<LiveSession>>;

pub struct AppState {
    pub demo: DemoSimulator,
    profiles: Result<ProfileStore, ErrorReport>,
    pub secrets: SecretStore,
    pub sessions: Mutex<HashMap<String, SharedSession>>,
    /// The last badge of each session, shown while the session is busy with a request.
    badges: std::sync::Mutex<HashMap<String, SessionBadge>>,
}

impl AppState {
    pub fn new() -> AppState {
        AppState {
            demo: DemoSimulator::default(),
            profiles: ProfileStore::open_default().map_err(|e| e.report()),
            secrets: SecretStore::open(),
            sessions: Mutex::new(HashMap::new()),
            badges: std::sync::Mutex::new(HashMap::new()),
        }
    }

    pub async fn session(&self, profile_id: &str) -> Option<SharedSession> {
        self.sessions.lock().await.get(profile_id).cloned()
    }

    /// Every session's badge: fresh for an idle session, the last one for a busy one.
    pub async fn badges(&self) -> Vec<SessionBadge> {
        let sessions: Vec<(String, SharedSession)> = self
            .sessions
            .lock()
            .await
            .iter()
            .map(|(id, s)| (id.clone(), s.clone()))
            .collect();
        let Ok(mut cache) = self.badges.lock() else {
            return Vec::new();
        };
        cache.retain(|id, _| sessions.iter().any(|(s, _)| s == id));
        for (id, shared) in &sessions {
            if let Ok(live) = shared.try_lock() {
                match live.badge(id) {
                    Some(b) => cache.insert(id.clone(), b),
                    None => cache.remove(id),
                };
            }
        }
        let mut all: Vec<SessionBadge> = cache.values().cloned().collect();
        all.sort_by(|a, b| a.profile_id.cmp(&b.profile_id));
        all
    }

    pub fn profiles(&self) -> Result<&ProfileStore, ErrorReport> {
        self.profiles.as_ref().map_err(Clone::clone)
    }

    /// A profile by id; the demo one starts the simulator.
    pub async fn resolve_profile(&self, id: &str) -> Result<ConnectionProfile, ErrorReport> {
        if id == DEMO_PROFILE_ID {
            return self
                .demo
                .ensure_started()
                .await
                .map_err(|message| ErrorReport {
                    kind: "simulator".into(),
                    message,
                    fingerprint: None,
                    status: None,
                });
        }
        self.profiles()?.get(id).map_err(|e: CoreError| e.report())
    }
}
