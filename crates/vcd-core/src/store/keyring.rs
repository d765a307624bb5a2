//! Passwords and API tokens in the OS keyring (Secret Service on Linux, Keychain on macOS,
//! Credential Manager on Windows), keyed by profile. When no keyring is reachable the store says
//! so and keeps secrets in memory for this run only: never in a file.

use crate::auth::AuthKind;
use crate::error::CoreError;
use crate::secret::Secret;
use crate::store::ConnectionProfile;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Mutex;
use ts_rs::TS;

const SERVICE: &str = "vcd-workbench";

/// Whether secrets outlive this run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct KeyringStatus {
    pub available: bool,
    /// What the user should know, e.g. why secrets are kept for this run only.
    pub message: String,
}

/// Where a saved secret went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SecretLocation {
    Keyring,
    MemoryOnly,
}

pub struct SecretStore {
    status: KeyringStatus,
    memory: Mutex<HashMap<String, Secret>>,
}

/// What a keyring entry of a profile holds.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// The password or API token.
    Login,
    /// A session `vcdw login --keep` left open for later commands.
    Session,
}

fn account(profile_id: &str, slot: Slot) -> String {
    match slot {
        Slot::Login => format!("profile:{profile_id}"),
        Slot::Session => format!("session:{profile_id}"),
    }
}

/// The keyring's failures in words a user can act on (see BUILD-NOTES: the three usual ones).
fn explain(err: &keyring::Error) -> String {
    let text = err.to_string();
    let hint = if text.contains("autolaunch") || text.contains("DBUS_SESSION_BUS_ADDRESS") {
        "there is no desktop session bus (D-Bus)"
    } else if text.contains("org.freedesktop.secrets") || text.contains("ServiceUnknown") {
        "no Secret Service (such as GNOME Keyring or KWallet) is running"
    } else if matches!(err, keyring::Error::NoStorageAccess(_)) {
        "the keyring is locked; unlock it and restart"
    } else {
        "the OS keyring did not answer"
    };
    format!("Secrets are kept for this run only: {hint}. They will not be written to any file.")
}

impl SecretStore {
    /// Probes the OS keyring once.
    pub fn open() -> SecretStore {
        let probe = keyring::Entry::new(SERVICE, "probe").and_then(|e| e.get_password());
        let status = match probe {
            Ok(_) | Err(keyring::Error::NoEntry) => KeyringStatus {
                available: true,
                message: "Secrets are stored in the OS keyring.".into(),
            },
            Err(e) => {
                tracing::warn!("keyring unavailable: {}", explain(&e));
                KeyringStatus {
                    available: false,
                    message: explain(&e),
                }
            }
        };
        SecretStore {
            status,
            memory: Mutex::new(HashMap::new()),
        }
    }

    /// A store that never touches the keyring (this run only).
    pub fn memory_only(reason: &str) -> SecretStore {
        SecretStore {
            status: KeyringStatus {
                available: false,
                message: format!("Secrets are kept for this run only: {reason}."),
            },
            memory: Mutex::new(HashMap::new()),
        }
    }

    pub fn status(&self) -> &KeyringStatus {
        &self.status
    }

    fn entry(&self, profile_id: &str, slot: Slot) -> Option<keyring::Entry> {
        if !self.status.available {
            return None;
        }
        keyring::Entry::new(SERVICE, &account(profile_id, slot)).ok()
    }

    fn delete(&self, profile_id: &str, slot: Slot) {
        if let Some(entry) = self.entry(profile_id, slot) {
            match entry.delete_credential() {
                Ok(()) | Err(keyring::Error::NoEntry) => {}
                Err(e) => tracing::warn!("keyring delete failed: {}", explain(&e)),
            }
        }
    }

    /// Saves the profile's secret; falls back to memory (and says so) if the keyring fails now.
    pub fn save(&self, profile_id: &str, secret: &Secret) -> SecretLocation {
        if let Some(entry) = self.entry(profile_id, Slot::Login) {
            match entry.set_password(secret.expose()) {
                Ok(()) => {
                    if let Ok(mut m) = self.memory.lock() {
                        m.remove(profile_id);
                    }
                    return SecretLocation::Keyring;
                }
                Err(e) => tracing::warn!("keyring write failed: {}", explain(&e)),
            }
        }
        if let Ok(mut m) = self.memory.lock() {
            m.insert(profile_id.to_string(), secret.clone());
        }
        SecretLocation::MemoryOnly
    }

    pub fn load(&self, profile_id: &str) -> Option<Secret> {
        if let Some(s) = self
            .memory
            .lock()
            .ok()
            .and_then(|m| m.get(profile_id).cloned())
        {
            return Some(s);
        }
        self.entry(profile_id, Slot::Login)
            .and_then(|e| e.get_password().ok())
            .map(Secret::new)
    }

    /// The secret a login uses, the first of: the one given now, the built-in one (the simulator's
    /// demo login), the one kept in the keyring. `how_to_give` ends the error when there is none.
    pub fn login_secret(
        &self,
        profile: &ConnectionProfile,
        given: Option<Secret>,
        builtin: Option<Secret>,
        how_to_give: &str,
    ) -> Result<Secret, CoreError> {
        given
            .filter(|s| !s.expose().is_empty())
            .or(builtin)
            .or_else(|| self.load(&profile.id))
            .ok_or_else(|| {
                CoreError::Profile(format!(
                    "No {} is stored for '{}': {how_to_give}.",
                    match profile.auth {
                        AuthKind::Password => "password",
                        AuthKind::ApiToken => "API token",
                    },
                    profile.name
                ))
            })
    }

    /// "Forget secret": removes it from the keyring and from memory.
    pub fn forget(&self, profile_id: &str) {
        if let Ok(mut m) = self.memory.lock() {
            m.remove(profile_id);
        }
        self.delete(profile_id, Slot::Login);
    }

    /// Keeps an open session's tokens for later commands: in the keyring only, since a session
    /// kept in this process's memory would be gone when the next command starts.
    pub fn keep_session(&self, profile_id: &str, kept: &Secret) -> Result<(), String> {
        let entry = self
            .entry(profile_id, Slot::Session)
            .ok_or_else(|| self.status.message.clone())?;
        entry.set_password(kept.expose()).map_err(|e| explain(&e))
    }

    pub fn kept_session(&self, profile_id: &str) -> Option<Secret> {
        self.entry(profile_id, Slot::Session)
            .and_then(|e| e.get_password().ok())
            .map(Secret::new)
    }

    pub fn forget_session(&self, profile_id: &str) {
        self.delete(profile_id, Slot::Session);
    }
}
