//! The workbench: what a front end holds while it runs, behind one type. Stores (profiles, the
//! secret store), one live session per profile shared by all of that profile's requests, the
//! responses kept for the viewer, the link map of each profile, and the requests and discoveries
//! in flight so they can be cancelled; the settings as last saved; and the demo profile with its
//! simulator. The app's commands and `vcdw` are thin adapters over it.

mod demo;
mod held;
mod links;
mod profiles;
mod query;
mod sending;
mod sessions;
mod tasks;

pub use demo::SimulatorStatus;
pub use held::BodyChunk;
pub use links::{DiscoverSummary, SavedLinks};
pub use query::{FetchProgress, FetchedRecords};
pub use sending::SentResponse;
pub use sessions::{check_savable, LoginView, SavedProfile, SessionBadge};
pub use tasks::TaskView;

use crate::error::CoreError;
use crate::links::LinkMap;
use crate::store::{ProfileStore, SecretStore, Settings};
use demo::DemoSimulator;
use held::{blocking, HeldResponses};
use sessions::LiveSession;
use std::collections::HashMap;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::task::AbortHandle;

pub struct Workbench {
    profiles: Result<ProfileStore, CoreError>,
    secrets: SecretStore,
    /// The settings as loaded at start and as last saved (a damaged file stays an error until a
    /// save replaces it); sends read them from here, not from disk.
    settings: Mutex<Result<Settings, CoreError>>,
    demo: DemoSimulator,
    sessions: Mutex<HashMap<String, Arc<LiveSession>>>,
    held: Mutex<HeldResponses>,
    /// Per profile, every link seen in this run's responses and discoveries.
    maps: Arc<Mutex<HashMap<String, LinkMap>>>,
    discoveries: Mutex<HashMap<String, Arc<AtomicBool>>>,
    in_flight: Mutex<HashMap<u32, AbortHandle>>,
    /// The records of the latest Fetch alls, by fetch id, for export.
    fetched: Mutex<std::collections::VecDeque<(u32, Arc<Vec<crate::query::QueryRecord>>)>>,
    /// Every task seen in this run, by href.
    tasks: Mutex<HashMap<String, tasks::TrackedTask>>,
    /// How many links and references a sent response's view lists (all stay kept for saving).
    listed_links: usize,
}

/// Links and references a window lists for a response: it need not lay out 250,000 rows.
const LISTED_LINKS: usize = 2_000;

/// Locks one of the workbench's maps. Nothing panics while holding one (they are held only for a
/// lookup or an insert), so a poisoned lock still holds consistent data.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Workbench {
    /// The workbench over the user's profile file, settings file and the OS keyring. A file that
    /// cannot be opened is reported by each operation that needs it, not here: the demo profile
    /// still works.
    pub fn open() -> Workbench {
        Workbench::with_stores(
            ProfileStore::open_default(),
            SecretStore::open(),
            Settings::load(),
        )
    }

    pub fn with_stores(
        profiles: Result<ProfileStore, CoreError>,
        secrets: SecretStore,
        settings: Result<Settings, CoreError>,
    ) -> Workbench {
        Workbench {
            profiles,
            secrets,
            settings: Mutex::new(settings),
            demo: DemoSimulator::default(),
            sessions: Mutex::default(),
            held: Mutex::default(),
            maps: Arc::default(),
            discoveries: Mutex::default(),
            in_flight: Mutex::default(),
            fetched: Mutex::default(),
            tasks: Mutex::default(),
            listed_links: LISTED_LINKS,
        }
    }

    /// This workbench's responses list every link and reference (a command line prints them all;
    /// a window lists the first 2000).
    pub fn listing_every_link(self) -> Workbench {
        Workbench {
            listed_links: usize::MAX,
            ..self
        }
    }

    pub fn profiles(&self) -> Result<&ProfileStore, CoreError> {
        self.profiles.as_ref().map_err(Clone::clone)
    }

    pub fn secrets(&self) -> &SecretStore {
        &self.secrets
    }
}
