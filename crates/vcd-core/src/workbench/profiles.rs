//! Profiles and settings on the workbench: the list a front end shows (the demo profile first), a
//! profile by id (the demo one starts its simulator), the secret a login uses, the versions a
//! profile's server offers, and the settings every request travels with.

use crate::auth::{discover_versions, VersionList};
use crate::error::CoreError;
use crate::http::{BodyLimits, HttpOptions};
use crate::secret::Secret;
use crate::store::{ConnectionProfile, Settings};
use crate::workbench::demo::{self, SimulatorStatus};
use crate::workbench::{lock, Workbench};

impl Workbench {
    /// Every profile, the demo one first.
    pub async fn list_profiles(&self) -> Result<Vec<ConnectionProfile>, CoreError> {
        let mut all = vec![self.demo.profile().await];
        all.extend(self.profiles()?.list()?);
        Ok(all)
    }

    /// A profile by id; asking for the demo profile starts its simulator.
    pub async fn resolve_profile(&self, id: &str) -> Result<ConnectionProfile, CoreError> {
        if id == crate::store::DEMO_PROFILE_ID {
            return self
                .demo
                .ensure_started()
                .await
                .map_err(CoreError::Simulator);
        }
        self.profiles()?.get(id)
    }

    /// The simulator behind the demo profile, once it runs.
    pub async fn simulator_status(&self) -> Option<SimulatorStatus> {
        self.demo.status().await
    }

    /// Stops the demo profile's simulator, if it runs.
    pub async fn stop_simulator(&self) {
        self.demo.stop().await;
    }

    /// The secret a login of `profile` uses: the one given now, the demo profile's built-in one,
    /// else the keyring's. `how_to_give` ends the error when there is none.
    pub fn login_secret(
        &self,
        profile: &ConnectionProfile,
        given: Option<Secret>,
        how_to_give: &str,
    ) -> Result<Secret, CoreError> {
        self.secrets
            .login_secret(profile, given, demo::builtin_secret(profile), how_to_give)
    }

    /// The settings as last saved (an error when the file is damaged and was not saved since).
    pub fn settings(&self) -> Result<Settings, CoreError> {
        lock(&self.settings).clone()
    }

    /// Saves the settings; requests sent from now on use them.
    pub fn save_settings(&self, settings: Settings) -> Result<Settings, CoreError> {
        settings.save()?;
        *lock(&self.settings) = Ok(settings.clone());
        Ok(settings)
    }

    /// The body limits requests get; the defaults while the settings file is damaged (it is
    /// reported where it is edited, not by every request).
    pub fn body_limits(&self) -> BodyLimits {
        lock(&self.settings)
            .as_ref()
            .map(Settings::body_limits)
            .unwrap_or_default()
    }

    /// How `profile`'s requests travel, with the settings' body limits.
    pub fn http_options(&self, profile: &ConnectionProfile) -> HttpOptions {
        profile.http_options(self.body_limits())
    }

    /// The API versions the profile's server offers (`GET /api/versions`).
    pub async fn versions(&self, profile_id: &str) -> Result<VersionList, CoreError> {
        let profile = self.resolve_profile(profile_id).await?;
        self.test_connection(&profile).await
    }

    /// The versions of a profile that may not be saved yet ("Test connection").
    pub async fn test_connection(
        &self,
        profile: &ConnectionProfile,
    ) -> Result<VersionList, CoreError> {
        discover_versions(&profile.base_url, &self.http_options(profile)).await
    }
}
