//! A session kept in the keyring between `vcdw` runs (`login --keep`), and taking it up again only
//! if the server still knows it.

use crate::auth::{get_session, read_session, AuthKind, Session, SessionHeader, SessionManager};
use crate::error::CoreError;
use crate::http::normalize_base_url;
use crate::secret::Secret;
use serde::Serialize;
use vcd_api::ApiVersion;

/// A session as `vcdw login --keep` leaves it in the keyring for later commands (one JSON secret).
/// User, org and Links are not kept: resuming reads them again from `GET /api/session`.
#[derive(Serialize, serde::Deserialize)]
struct KeptSession {
    base: String,
    version: String,
    auth: AuthKind,
    login_url: String,
    login_host_differs: bool,
    bearer: String,
    legacy_token: Option<String>,
    /// Absent in sessions kept by older builds: decided again as at login.
    header: Option<SessionHeader>,
    idle_timeout_secs: Option<u64>,
}

impl SessionManager {
    /// The open session as one secret to keep in the keyring, for a later process to resume.
    pub fn kept(&self) -> Option<Secret> {
        let s = self.session()?;
        let kept = KeptSession {
            base: s.base.to_string(),
            version: s.version.to_string(),
            auth: s.auth,
            login_url: s.login_url.clone(),
            login_host_differs: s.login_host_differs,
            bearer: s.bearer.expose().to_string(),
            legacy_token: s.legacy_token.as_ref().map(|t| t.expose().to_string()),
            header: Some(s.header),
            idle_timeout_secs: s.idle_timeout_secs,
        };
        serde_json::to_string(&kept).ok().map(Secret::new)
    }

    /// Takes up a kept session if the server still knows it (`GET /api/session`). `Ok(false)` when
    /// it has ended (idled out, logged out) or belongs to another address or login kind: the next
    /// request then logs in anew.
    pub async fn resume(&self, kept: &Secret) -> Result<bool, CoreError> {
        let Ok(kept) = serde_json::from_str::<KeptSession>(kept.expose()) else {
            return Ok(false);
        };
        let base = normalize_base_url(&self.request.base_url)?;
        let Ok(version) = kept.version.parse::<ApiVersion>() else {
            return Ok(false);
        };
        if kept.base != base.as_str() || kept.auth != self.request.kind {
            return Ok(false);
        }
        let bearer = Secret::new(kept.bearer);
        let response = get_session(&self.client, &base, &version, &bearer).await?;
        if response.status == 401 {
            return Ok(false);
        }
        let info = read_session(&response)?;
        let legacy_token = kept.legacy_token.map(Secret::new);
        let header = kept.header.unwrap_or_else(|| {
            Session::header_for(self.request.session_header, &version, &legacy_token)
        });
        self.set_session(Some(Session {
            base,
            version,
            user: info.user,
            org: info.org,
            auth: kept.auth,
            login_url: kept.login_url,
            login_host_differs: kept.login_host_differs,
            bearer,
            legacy_token,
            header,
            links: info.links,
            idle_timeout_secs: kept.idle_timeout_secs,
        }));
        Ok(true)
    }
}
