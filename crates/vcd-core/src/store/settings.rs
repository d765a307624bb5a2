//! The app's settings, kept as JSON beside the profiles in a [`JsonStore`] (locked, atomic, unknown
//! fields kept; a damaged or newer file is reported, not overwritten).

use crate::error::CoreError;
use crate::files::{config_dir, JsonStore, UnknownFields};
use crate::http::{BodyLimits, DEFAULT_MAX_BODY};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    /// Bodies larger than this many megabytes are shown only when the user asks.
    #[serde(default = "default_large_body_mb")]
    pub large_body_mb: u32,
    /// The largest response (after decompression) a request may receive, in megabytes.
    #[serde(default = "default_max_body_mb")]
    pub max_body_mb: u32,
    /// How many pages of a query Fetch all reads at once (1 to 16).
    #[serde(default = "default_fetch_concurrency")]
    pub fetch_concurrency: u32,
    /// The environment: `{{name}}` values for every profile (a profile's own variables win).
    #[serde(default)]
    pub variables: BTreeMap<String, String>,
    /// Settings a newer VCD Workbench wrote, kept as they were.
    #[serde(flatten, default)]
    #[ts(skip)]
    pub unknown: UnknownFields,
}

/// The format version of `settings.json` this build writes.
const SETTINGS_VERSION: u32 = 1;

fn store(path: &Path) -> JsonStore {
    JsonStore::new(path.to_path_buf(), "settings file", SETTINGS_VERSION)
}

fn default_large_body_mb() -> u32 {
    5
}

fn default_fetch_concurrency() -> u32 {
    4
}

/// More pages at once than this only loads the server: VCD itself throttles a tenant's API calls.
pub const MAX_FETCH_CONCURRENCY: u32 = 16;

fn default_max_body_mb() -> u32 {
    (DEFAULT_MAX_BODY / 1024 / 1024) as u32
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            large_body_mb: default_large_body_mb(),
            max_body_mb: default_max_body_mb(),
            fetch_concurrency: default_fetch_concurrency(),
            variables: BTreeMap::new(),
            unknown: UnknownFields::new(),
        }
    }
}

fn path() -> Result<PathBuf, CoreError> {
    Ok(config_dir()?.join("settings.json"))
}

impl Settings {
    /// The saved settings, or the defaults when none were saved yet.
    pub fn load() -> Result<Settings, CoreError> {
        Self::load_at(&path()?)
    }

    pub fn save(&self) -> Result<(), CoreError> {
        self.save_at(&path()?)
    }

    /// The body limits requests get: the cap from these settings.
    pub fn body_limits(&self) -> BodyLimits {
        BodyLimits {
            max: u64::from(self.max_body_mb.max(1)) * 1024 * 1024,
            ..BodyLimits::default()
        }
    }

    /// Pages Fetch all reads at once, within 1 to [`MAX_FETCH_CONCURRENCY`].
    pub fn fetch_concurrency(&self) -> usize {
        self.fetch_concurrency.clamp(1, MAX_FETCH_CONCURRENCY) as usize
    }

    pub fn load_at(path: &Path) -> Result<Settings, CoreError> {
        Ok(store(path).read()?.unwrap_or_default())
    }

    /// The settings in a settings file's bytes (what `load` reads).
    pub fn parse(bytes: &[u8]) -> Result<Settings, CoreError> {
        Ok(store(Path::new("settings.json")).decode(bytes)?.0)
    }

    /// Saves these settings, keeping the ones a newer version stored that this one does not know.
    pub fn save_at(&self, path: &Path) -> Result<(), CoreError> {
        if self.large_body_mb == 0 {
            return Err(CoreError::Profile(
                "The large-body threshold must be at least 1 MB.".into(),
            ));
        }
        if self.max_body_mb == 0 {
            return Err(CoreError::Profile(
                "The largest response must be at least 1 MB.".into(),
            ));
        }
        if !(1..=MAX_FETCH_CONCURRENCY).contains(&self.fetch_concurrency) {
            return Err(CoreError::Profile(format!(
                "Fetch all reads 1 to {MAX_FETCH_CONCURRENCY} pages at once; {} is outside that.",
                self.fetch_concurrency
            )));
        }
        store(path).update(|saved: &mut Settings| {
            let unknown = std::mem::take(&mut saved.unknown);
            *saved = self.clone();
            if saved.unknown.is_empty() {
                saved.unknown = unknown;
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_default_round_trip_and_a_damaged_file_is_reported_not_replaced() {
        let dir = std::env::temp_dir().join(format!("vcd-settings-{}", std::process::id()));
        let path = dir.join("settings.json");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(Settings::load_at(&path).unwrap(), Settings::default());
        let twelve = Settings {
            large_body_mb: 12,
            variables: BTreeMap::from([("site".to_string(), "lab".to_string())]),
            ..Settings::default()
        };
        twelve.save_at(&path).unwrap();
        assert_eq!(Settings::load_at(&path).unwrap(), twelve);
        let err = Settings {
            large_body_mb: 0,
            ..Settings::default()
        }
        .save_at(&path)
        .unwrap_err();
        assert!(err.to_string().contains("at least 1 MB"), "{err}");
        let err = Settings {
            fetch_concurrency: 40,
            ..Settings::default()
        }
        .save_at(&path)
        .unwrap_err();
        assert!(err.to_string().contains("1 to 16 pages"), "{err}");
        std::fs::write(&path, "{ broken").unwrap();
        let err = Settings::load_at(&path).unwrap_err().to_string();
        assert!(err.contains("not a valid settings file"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ broken");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
