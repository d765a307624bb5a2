//! Profiles and their sessions on the workbench: the rules a saved profile follows, logging in
//! and out, the session badges, and revealing one masked
//! header of the login exchange.

use crate::auth::{SessionManager, SessionSummary};
use crate::error::CoreError;
use crate::http::{Exchange, ExchangeStep, HeaderSide};
use crate::secret::Secret;
use crate::store::{ConnectionProfile, SecretLocation};
use crate::workbench::demo::is_demo;
use crate::workbench::{lock, Workbench};
use crate::TlsTrust;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use ts_rs::TS;

/// A profile's open session, the exchange that opened it (its secret headers revealable one at a
/// time), and the profile's `{{variables}}` as they were at login (saving a profile ends its session).
pub(super) struct LiveSession {
    pub(super) manager: SessionManager,
    login: Exchange,
    pub(super) variables: BTreeMap<String, String>,
}

/// A live session as the badge shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SessionBadge {
    pub profile_id: String,
    pub summary: SessionSummary,
    /// Seconds until the session idles out, when the server said its timeout.
    #[ts(type = "number | null")]
    pub idle_left_secs: Option<u64>,
}

/// The answer to a login: the session and the exchange as it happened (secrets masked).
#[derive(Debug, Clone, Serialize, TS)]
pub struct LoginView {
    pub badge: SessionBadge,
    pub steps: Vec<ExchangeStep>,
}

/// The answer to saving a profile.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SavedProfile {
    pub profile: ConnectionProfile,
    /// Where its secret went, when one was given.
    pub secret_location: Option<SecretLocation>,
}

fn badge(profile_id: &str, manager: &SessionManager) -> Option<SessionBadge> {
    Some(SessionBadge {
        profile_id: profile_id.to_string(),
        summary: manager.session()?.summary(),
        idle_left_secs: manager.idle_left_secs(),
    })
}

/// What a saved profile may not be, whichever front end saves it.
pub fn check_savable(profile: &ConnectionProfile) -> Result<(), CoreError> {
    if is_demo(profile) {
        return Err(CoreError::Profile(
            "The demo profile cannot be changed; make a new profile instead.".into(),
        ));
    }
    if matches!(profile.trust, TlsTrust::Insecure) {
        return Err(CoreError::Profile(
            "A profile never accepts any certificate: pin the server's certificate or give its CA file.".into(),
        ));
    }
    Ok(())
}

impl Workbench {
    /// Saves a profile (and its secret, in the keyring when it can); a changed profile logs in anew.
    pub fn save_profile(
        &self,
        profile: ConnectionProfile,
        secret: Option<String>,
    ) -> Result<SavedProfile, CoreError> {
        check_savable(&profile)?;
        let saved = self.profiles()?.save(profile)?;
        let secret_location = secret
            .filter(|s| !s.is_empty())
            .map(|s| self.secrets.save(&saved.id, &Secret::new(s)));
        lock(&self.sessions).remove(&saved.id);
        Ok(SavedProfile {
            profile: saved,
            secret_location,
        })
    }

    /// Removes a profile, its secret and its session.
    pub fn delete_profile(&self, profile_id: &str) -> Result<(), CoreError> {
        let removed = self.profiles()?.remove(profile_id)?;
        self.secrets.forget(&removed.id);
        lock(&self.sessions).remove(&removed.id);
        Ok(())
    }

    /// Logs in to a profile with the secret typed now, else the demo's built-in one, else the
    /// keyring's, at the API version picked (`None`: the profile's own, else the server's
    /// default), through the login URL `/api/versions` names for it; replaces any session it had.
    pub async fn login(
        &self,
        profile_id: &str,
        typed: Option<Secret>,
        version: Option<String>,
    ) -> Result<LoginView, CoreError> {
        let mut profile = self.resolve_profile(profile_id).await?;
        if version.is_some() {
            profile.api_version = version;
        }
        let secret = self.login_secret(&profile, typed, "enter it to log in")?;
        self.login_with(&profile, secret).await
    }

    /// Logs in to `profile` with `secret`, replacing any session it had.
    pub async fn login_with(
        &self,
        profile: &ConnectionProfile,
        secret: Secret,
    ) -> Result<LoginView, CoreError> {
        let manager =
            SessionManager::new(&self.http_options(profile), profile.login_request(secret))?;
        let (_, login) = manager.login().await?;
        let view = LoginView {
            badge: badge(&profile.id, &manager).ok_or(CoreError::NotLoggedIn)?,
            steps: login.steps.clone(),
        };
        self.adopt_session(&profile.id, profile.variables.clone(), manager, login);
        Ok(view)
    }

    /// Makes `manager` the session requests under `profile_id` are sent with: one a front end
    /// opened itself (`vcdw` resumes a kept session or logs in for one command), or one without
    /// a login (requests that send no credentials).
    pub fn adopt_session(
        &self,
        profile_id: &str,
        variables: BTreeMap<String, String>,
        manager: SessionManager,
        login: Exchange,
    ) {
        let live = LiveSession {
            manager,
            login,
            variables,
        };
        lock(&self.sessions).insert(profile_id.to_string(), Arc::new(live));
    }

    /// Ends the profile's session on the server (if it has one) and forgets it here.
    pub async fn logout(&self, profile_id: &str) -> Result<(), CoreError> {
        let live = lock(&self.sessions).remove(profile_id);
        match live {
            Some(live) => live.manager.logout(&mut Exchange::default()).await,
            None => Ok(()),
        }
    }

    /// Forgets a profile's session without telling the server (its profile changed).
    pub fn drop_session(&self, profile_id: &str) {
        lock(&self.sessions).remove(profile_id);
    }

    pub(super) fn session(&self, profile_id: &str) -> Option<Arc<LiveSession>> {
        lock(&self.sessions).get(profile_id).cloned()
    }

    pub(super) fn logged_in(&self, profile_id: &str) -> Result<Arc<LiveSession>, CoreError> {
        self.session(profile_id).ok_or_else(|| {
            CoreError::Profile(
                "This profile has no session: log in first (Connection), then send again.".into(),
            )
        })
    }

    /// Every open session's badge, by profile id.
    pub fn badges(&self) -> Vec<SessionBadge> {
        let sessions: Vec<(String, Arc<LiveSession>)> = lock(&self.sessions)
            .iter()
            .map(|(id, s)| (id.clone(), s.clone()))
            .collect();
        let mut all: Vec<SessionBadge> = sessions
            .iter()
            .filter_map(|(id, live)| badge(id, &live.manager))
            .collect();
        all.sort_by(|a, b| a.profile_id.cmp(&b.profile_id));
        all
    }

    /// The real value of one masked header of the profile's login exchange.
    pub fn reveal_header(
        &self,
        profile_id: &str,
        step: usize,
        side: HeaderSide,
        index: usize,
    ) -> Result<Secret, CoreError> {
        self.session(profile_id)
            .and_then(|live| live.login.reveal(step, side, index).cloned())
            .ok_or_else(|| {
                CoreError::Profile("That header is no longer available: log in again.".into())
            })
    }
}
