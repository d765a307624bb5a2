//! Connection profiles: where a VCD is, who logs in and how to trust it. Profiles never hold
//! secrets (those live in the OS keyring, see `store::keyring`); they are stored as JSON in the
//! configuration folder, shared by the app and `vcdw`.

use crate::auth::{AuthKind, LoginRequest, SessionHeader};
use crate::error::CoreError;
use crate::files::{config_dir, JsonStore, UnknownFields};
use crate::http::TlsTrust;
use crate::http::{BodyLimits, HttpOptions};
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConnectionProfile {
    pub id: String,
    pub name: String,
    /// Empty for the built-in simulator until it has started.
    pub base_url: String,
    /// The organization; "System" for the provider.
    #[serde(default)]
    pub org: String,
    /// The user name (password login).
    #[serde(default)]
    pub user: String,
    #[serde(default = "default_auth")]
    pub auth: AuthKind,
    /// A pinned API version; `None` picks the highest active one.
    #[serde(default)]
    pub api_version: Option<String>,
    pub trust: TlsTrust,
    #[serde(default)]
    pub session_header: SessionHeader,
    /// An HTTP(S) proxy URL; `None` uses HTTPS_PROXY / NO_PROXY from the environment.
    #[serde(default)]
    pub proxy: Option<String>,
    /// True for the profile that talks to the simulator built into the app.
    #[serde(default)]
    pub builtin_simulator: bool,
    /// `{{name}}` values for requests (a VDC id, a catalog name...); never secrets.
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    /// Fields a newer VCD Workbench wrote, kept as they were.
    #[serde(flatten, default)]
    #[ts(skip)]
    pub unknown: UnknownFields,
}

fn default_auth() -> AuthKind {
    AuthKind::Password
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
            org: String::new(),
            user: String::new(),
            auth: AuthKind::Password,
            api_version: None,
            trust: TlsTrust::System,
            session_header: SessionHeader::Bearer,
            proxy: None,
            builtin_simulator: true,
            variables: BTreeMap::new(),
            unknown: UnknownFields::new(),
        }
    }

    pub fn is_provider(&self) -> bool {
        vcd_api::is_system_org(&self.org)
    }

    /// How this profile's requests travel, with the settings' body limits (the workbench holds
    /// them: [`crate::Workbench::http_options`]).
    pub fn http_options(&self, body_limits: BodyLimits) -> HttpOptions {
        HttpOptions {
            trust: self.trust.clone(),
            timeout: Duration::from_secs(30),
            proxy: self.proxy.clone(),
            body_limits,
        }
    }

    pub fn login_request(&self, secret: Secret) -> LoginRequest {
        LoginRequest {
            base_url: self.base_url.clone(),
            org: self.org.clone(),
            user: self.user.clone(),
            kind: self.auth,
            secret,
            version: self.api_version.clone(),
            session_header: self.session_header,
        }
    }

    /// What is wrong with a profile a user filled in, if anything.
    pub fn validate(&self) -> Result<(), CoreError> {
        let bad = |m: &str| Err(CoreError::Profile(format!("Profile '{}': {m}", self.name)));
        if self.name.trim().is_empty() {
            return Err(CoreError::Profile("A profile needs a name.".into()));
        }
        if self.builtin_simulator {
            return Ok(());
        }
        crate::http::normalize_base_url(&self.base_url)?;
        if self.org.trim().is_empty() {
            return bad("the organization is empty (use System for the provider).");
        }
        if self.auth == AuthKind::Password && self.user.trim().is_empty() {
            return bad("the user name is empty.");
        }
        if self.org.contains('@') || self.user.contains('@') {
            return bad("enter the user and the organization separately, without '@'.");
        }
        if let Some(proxy) = self.proxy.as_deref().filter(|p| !p.trim().is_empty()) {
            // A proxy's password would sit in profiles.json: use HTTPS_PROXY for an authenticated one.
            if let Ok(url) = url::Url::parse(proxy.trim()) {
                crate::http::check_no_secrets(&url, &[])?;
            }
        }
        if let Some(v) = &self.api_version {
            v.parse::<crate::ApiVersion>()
                .map_err(|e| CoreError::Profile(format!("Profile '{}': {e}", self.name)))?;
        }
        Ok(())
    }
}

/// The profiles file: `profiles.json` in the configuration folder.
pub struct ProfileStore {
    store: JsonStore,
}

/// The format version of `profiles.json` this build writes.
const PROFILES_VERSION: u32 = 1;

#[derive(Default, Serialize, Deserialize)]
struct ProfilesFile {
    #[serde(default)]
    profiles: Vec<ConnectionProfile>,
    #[serde(flatten)]
    unknown: UnknownFields,
}

fn slug(name: &str) -> String {
    let s: String = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() {
        "profile".into()
    } else {
        s
    }
}

/// The profile with this id, else this name (any case), or an error that lists the known ids.
fn find(all: &[ConnectionProfile], id_or_name: &str) -> Result<ConnectionProfile, CoreError> {
    all.iter()
        .find(|p| p.id == id_or_name)
        .or_else(|| all.iter().find(|p| p.name.eq_ignore_ascii_case(id_or_name)))
        .cloned()
        .ok_or_else(|| {
            let known: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
            CoreError::Profile(format!(
                "There is no profile '{id_or_name}'. Known profiles: {}.",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ))
        })
}

impl ProfileStore {
    pub fn open_default() -> Result<ProfileStore, CoreError> {
        Ok(Self::at(config_dir()?.join("profiles.json")))
    }

    pub fn at(path: PathBuf) -> ProfileStore {
        ProfileStore {
            store: JsonStore::new(path, "profiles file", PROFILES_VERSION),
        }
    }

    pub fn path(&self) -> &std::path::Path {
        self.store.path()
    }

    /// The profiles in a profiles file's bytes (what `list` reads).
    pub fn parse(bytes: &[u8]) -> Result<Vec<ConnectionProfile>, CoreError> {
        let store = JsonStore::new("profiles.json".into(), "profiles file", PROFILES_VERSION);
        Ok(store.decode::<ProfilesFile>(bytes)?.0.profiles)
    }

    /// The stored profiles; a damaged file is reported, never overwritten.
    pub fn list(&self) -> Result<Vec<ConnectionProfile>, CoreError> {
        Ok(self
            .store
            .read::<ProfilesFile>()?
            .map(|f| f.profiles)
            .unwrap_or_default())
    }

    pub fn get(&self, id_or_name: &str) -> Result<ConnectionProfile, CoreError> {
        find(&self.list()?, id_or_name)
    }

    /// Adds a profile (a fresh id is made from its name when empty or taken) or replaces the one
    /// with the same id, keeping the fields a newer version stored in it. Returns the stored
    /// profile. Read, change and write happen under the store's lock: parallel saves all land.
    pub fn save(&self, mut profile: ConnectionProfile) -> Result<ConnectionProfile, CoreError> {
        profile.validate()?;
        self.store.update(|file: &mut ProfilesFile| {
            let all = &mut file.profiles;
            if let Some(existing) = all
                .iter_mut()
                .find(|p| p.id == profile.id && !profile.id.is_empty())
            {
                if profile.unknown.is_empty() {
                    profile.unknown = std::mem::take(&mut existing.unknown);
                }
                *existing = profile.clone();
            } else {
                let base = slug(&profile.name);
                let mut id = base.clone();
                let mut n = 2;
                while id == DEMO_PROFILE_ID || all.iter().any(|p| p.id == id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                profile.id = id;
                all.push(profile.clone());
            }
            Ok(profile)
        })
    }

    pub fn remove(&self, id: &str) -> Result<ConnectionProfile, CoreError> {
        self.store.update(|file: &mut ProfilesFile| {
            let removed = find(&file.profiles, id)?;
            file.profiles.retain(|p| p.id != removed.id);
            Ok(removed)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn profile(name: &str) -> ConnectionProfile {
        ConnectionProfile {
            id: String::new(),
            name: name.into(),
            base_url: "https://vcd.example.com".into(),
            org: "acme".into(),
            user: "alice".into(),
            ..ConnectionProfile::demo()
        }
        .with_builtin(false)
    }

    impl ConnectionProfile {
        fn with_builtin(mut self, b: bool) -> Self {
            self.builtin_simulator = b;
            self
        }
    }

    fn store(tag: &str) -> (ProfileStore, PathBuf) {
        let dir = std::env::temp_dir().join(format!("vcd-profiles-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        (ProfileStore::at(dir.join("profiles.json")), dir)
    }

    #[test]
    fn saves_lists_replaces_and_removes() {
        let (store, dir) = store("crud");
        assert!(store.list().unwrap().is_empty());
        let a = store.save(profile("ACME prod")).unwrap();
        assert_eq!(a.id, "acme-prod");
        let b = store.save(profile("ACME prod")).unwrap();
        assert_eq!(b.id, "acme-prod-2");
        let mut changed = a.clone();
        changed.user = "bob".into();
        store.save(changed).unwrap();
        assert_eq!(store.get("acme-prod").unwrap().user, "bob");
        assert_eq!(store.get("ACME PROD").unwrap().id, "acme-prod");
        store.remove("acme-prod-2").unwrap();
        assert_eq!(store.list().unwrap().len(), 1);
        let err = store.get("nope").unwrap_err().to_string();
        assert!(err.contains("Known profiles: acme-prod"), "{err}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_damaged_file_is_reported_and_left_alone() {
        let (store, dir) = store("damaged");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(store.path(), "{ half a file").unwrap();
        let err = store.save(profile("x")).unwrap_err().to_string();
        assert!(err.contains("not a valid profiles file"), "{err}");
        assert_eq!(
            std::fs::read_to_string(store.path()).unwrap(),
            "{ half a file"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn refuses_profiles_that_cannot_log_in() {
        let mut p = profile("x");
        p.org = "".into();
        assert!(p
            .validate()
            .unwrap_err()
            .to_string()
            .contains("organization is empty"));
        let mut p = profile("x");
        p.user = "alice@acme".into();
        assert!(p
            .validate()
            .unwrap_err()
            .to_string()
            .contains("without '@'"));
        let mut p = profile("x");
        p.base_url = "ftp://x".into();
        assert_eq!(p.validate().unwrap_err().kind(), ErrorKind::InvalidUrl);
    }
}
