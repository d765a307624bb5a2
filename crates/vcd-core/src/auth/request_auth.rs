//! How one request authenticates (the composer's Auth panel) and which secrets that brings along.

use crate::secret::Secret;
use ts_rs::TS;

/// How one request authenticates (the composer's Auth panel). Secrets stay [`Secret`]s: they are
/// sent, never shown, logged or kept.
#[derive(Debug, Clone, serde::Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RequestAuth {
    /// Whatever the session manager attaches (the default).
    Inherit,
    /// No credentials at all (e.g. `GET /api/versions`).
    None,
    /// `Authorization: Basic` of `user@org:password`, as a login sends.
    Basic {
        user: String,
        org: String,
        #[ts(type = "string")]
        password: Secret,
    },
    /// A pasted bearer token.
    Bearer {
        #[ts(type = "string")]
        token: Secret,
    },
    /// A pasted legacy `x-vcloud-authorization` token.
    Legacy {
        #[ts(type = "string")]
        token: Secret,
    },
    /// An API token exchanged at `/oauth/.../token` for this request's bearer.
    ApiToken {
        org: String,
        #[ts(type = "string")]
        token: Secret,
    },
}

pub(super) fn auth_secrets(auth: &RequestAuth) -> Vec<(&str, &'static str)> {
    match auth {
        RequestAuth::Basic { password, .. } => vec![(password.expose(), "the password")],
        RequestAuth::Bearer { token } | RequestAuth::Legacy { token } => {
            vec![(token.expose(), "the session token")]
        }
        RequestAuth::ApiToken { token, .. } => vec![(token.expose(), "the API token")],
        RequestAuth::Inherit | RequestAuth::None => Vec::new(),
    }
}
