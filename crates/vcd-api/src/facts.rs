//! The VCD facts the UI shows, in one value it fetches once, so no panel writes a media type, a
//! token path or a release name of its own.

use crate::media::BODY_MEDIA_TYPES;
use crate::releases::{VcdRelease, API_RELEASE_NAMES, DEFAULT_RELEASE};
use serde::Serialize;
use ts_rs::TS;

/// A media type and what a tenant sends it for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MediaTypeNote {
    pub media_type: String,
    pub purpose: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VcdFacts {
    /// Request body types for the composer's Content-Type list.
    pub body_media_types: Vec<MediaTypeNote>,
    /// The version a request is composed for before any server has been asked (the highest of
    /// the simulator's default release).
    pub default_version: String,
    /// Where the classic guide starts browsing (the first request tab after a login).
    pub session_path: String,
    /// Where a new request tab starts.
    pub org_list_path: String,
    /// API version → the VCD release that introduced it.
    pub releases: Vec<(String, String)>,
}

impl VcdFacts {
    pub fn get() -> VcdFacts {
        VcdFacts {
            body_media_types: BODY_MEDIA_TYPES
                .iter()
                .map(|(media, purpose)| MediaTypeNote {
                    media_type: media.to_string(),
                    purpose: purpose.to_string(),
                })
                .collect(),
            default_version: VcdRelease::find(DEFAULT_RELEASE)
                .map(|r| r.max_api.to_string())
                .unwrap_or_default(),
            session_path: crate::SESSION_PATH.to_string(),
            org_list_path: crate::ORG_LIST_PATH.to_string(),
            releases: API_RELEASE_NAMES
                .iter()
                .map(|(api, name)| (api.to_string(), name.to_string()))
                .collect(),
        }
    }
}
