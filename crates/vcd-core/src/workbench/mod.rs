//! The workbench: what a front end holds while it runs, behind one type. Stores (profiles, the
//! secret store), one live session per profile shared by all of that profile's requests, the
//! responses kept for the viewer, the link map of each profile, and the requests and discoveries
//! in flight so they can be cancelled. The app's commands and `vcdw` are thin adapters over it.

mod kept;
mod links;
mod sending;
mod sessions;

pub use kept::*;
pub use links::*;
pub use sending::*;
pub use sessions::*;

use crate::error::CoreError;
use crate::links::LinkMap;
use crate::store::{ProfileStore, SecretStore};
use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::task::AbortHandle;

pub struct Workbench {
    profiles: Result<ProfileStore, CoreError>,
    secrets: SecretStore,
    sessions: Mutex<HashMap<String, Arc<LiveSession>>>,
    kept: Mutex<KeptResponses>,
    /// Per profile, every link seen in this run's responses and discoveries.
    maps: Mutex<HashMap<String, LinkMap>>,
    discoveries: Mutex<HashMap<String, Arc<AtomicBool>>>,
    in_flight: Mutex<HashMap<u32, AbortHandle>>,
}

/// Locks one of the workbench's maps. Nothing panics while holding one (they are held only for a
/// lookup or an insert), so a poisoned lock still holds consistent data.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Workbench {
    /// The workbench over the user's profile file and the OS keyring. A profile file that cannot
    /// be opened is reported by each profile operation, not here: the demo profile still works.
    pub fn open() -> Workbench {
        Workbench::with_stores(ProfileStore::open_default(), SecretStore::open())
    }

    pub fn with_stores(
        profiles: Result<ProfileStore, CoreError>,
        secrets: SecretStore,
    ) -> Workbench {
        Workbench {
            profiles,
            secrets,
            sessions: Mutex::default(),
            kept: Mutex::default(),
            maps: Mutex::default(),
            discoveries: Mutex::default(),
            in_flight: Mutex::default(),
        }
    }

    pub fn profiles(&self) -> Result<&ProfileStore, CoreError> {
        self.profiles.as_ref().map_err(Clone::clone)
    }

    pub fn secrets(&self) -> &SecretStore {
        &self.secrets
    }
}
