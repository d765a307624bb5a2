//! The VCD facts the UI shows, in one value it fetches once, so no panel writes a media type, a
//! token path or a release name of its own.

use crate::media::BODY_MEDIA_TYPES;
use crate::oauth::{PROVIDER_TOKEN_PATH, SYSTEM_ORG};
use crate::releases::API_RELEASE_NAMES;
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
    /// The tenant token path with `{org}` where the org's name goes.
    pub tenant_token_path: String,
    pub provider_token_path: String,
    pub system_org: String,
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
            tenant_token_path: crate::oauth::token_path("{org}"),
            provider_token_path: PROVIDER_TOKEN_PATH.to_string(),
            system_org: SYSTEM_ORG.to_string(),
            releases: API_RELEASE_NAMES
                .iter()
                .map(|(api, name)| (api.to_string(), name.to_string()))
                .collect(),
        }
    }
}
