//! What is kept between runs: connection profiles, settings, and secrets in the OS keyring (the
//! files are written through crate::files: atomic, locked, versioned).

mod keyring;
mod profiles;
mod settings;

pub use self::keyring::{KeyringStatus, SecretLocation, SecretStore};
pub use profiles::{ConnectionProfile, ProfileStore, DEMO_PROFILE_ID};
pub use settings::{Settings, MAX_FETCH_CONCURRENCY};
