//! A VCD session and what it takes to open one: the login kind, the header the session travels in,
//! the login request (its secret a [`Secret`]) and the summary a front end may show.

use crate::links::Link;
use crate::secret::Secret;
use serde::Serialize;
use ts_rs::TS;
use url::Url;
use vcd_api::ApiVersion;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    Password,
    ApiToken,
}

/// How the session travels on later requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SessionHeader {
    /// `Authorization: Bearer` + `X-VMWARE-VCLOUD-TOKEN-TYPE` (what current VCD prefers).
    #[default]
    Bearer,
    /// `x-vcloud-authorization`, as the classic guide does (only after a legacy login).
    Legacy,
}

/// Everything needed to log in. The secret is a password or an API token, by `kind`.
#[derive(Debug, Clone)]
pub struct LoginRequest {
    pub base_url: String,
    pub org: String,
    /// The user name (password login); ignored for API tokens, which name their user.
    pub user: String,
    pub kind: AuthKind,
    pub secret: Secret,
    /// `None`: the highest active version the server offers.
    pub version: Option<String>,
    pub session_header: SessionHeader,
}

impl LoginRequest {
    pub fn is_provider(&self) -> bool {
        vcd_api::is_system_org(&self.org)
    }

    pub(super) fn login_name(&self) -> String {
        format!("{}@{}", self.user, self.org)
    }
}

/// A live session. Its tokens are [`Secret`]s and stay in memory.
#[derive(Debug, Clone)]
pub struct Session {
    pub base: Url,
    pub version: ApiVersion,
    pub user: String,
    pub org: String,
    pub auth: AuthKind,
    /// The LoginUrl (or ProviderLoginUrl) as the server announced it.
    pub login_url: String,
    /// True when that LoginUrl names another host than the profile's: its path was used instead.
    pub login_host_differs: bool,
    pub bearer: Secret,
    pub legacy_token: Option<Secret>,
    /// The header requests carry the session in, decided at login.
    pub header: SessionHeader,
    /// The Links of the XML Session (`GET /api/session`).
    pub links: Vec<Link>,
    /// The idle timeout the server announced (CloudAPI login, or the token's `expires_in`).
    pub idle_timeout_secs: Option<u64>,
}

/// What `vcdw login --json` prints and the session badge shows: never a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SessionSummary {
    pub user: String,
    pub org: String,
    pub version: String,
    pub auth: AuthKind,
    pub login_url: String,
    pub login_host_differs: bool,
    pub legacy_token: bool,
    /// The header requests carry the session in: `legacy` (`x-vcloud-authorization`) when the
    /// profile asks for it or the login was at a version older than the bearer (below 33.0).
    pub session_header: SessionHeader,
    /// That header as it goes on the wire, for a front end to name: `x-vcloud-authorization` or
    /// `Authorization: Bearer`.
    pub carried_in: String,
    pub links: usize,
    /// Seconds of inactivity before the session expires, when the server said.
    #[ts(type = "number | null")]
    pub idle_timeout_secs: Option<u64>,
}

impl Session {
    /// The header a new session travels in: the legacy one when the profile asks for it, or when
    /// the version is older than the bearer token; the bearer otherwise (or with no legacy token).
    pub(super) fn header_for(
        wanted: SessionHeader,
        version: &ApiVersion,
        legacy_token: &Option<Secret>,
    ) -> SessionHeader {
        let old = !version.at_least(vcd_api::BEARER_MIN_VERSION);
        if legacy_token.is_some() && (wanted == SessionHeader::Legacy || old) {
            SessionHeader::Legacy
        } else {
            SessionHeader::Bearer
        }
    }

    pub fn summary(&self) -> SessionSummary {
        SessionSummary {
            user: self.user.clone(),
            org: self.org.clone(),
            version: self.version.to_string(),
            auth: self.auth,
            login_url: self.login_url.clone(),
            login_host_differs: self.login_host_differs,
            legacy_token: self.legacy_token.is_some(),
            session_header: self.header,
            carried_in: match self.header {
                SessionHeader::Legacy => vcd_api::LEGACY_SESSION_HEADER.to_string(),
                SessionHeader::Bearer => "Authorization: Bearer".to_string(),
            },
            links: self.links.len(),
            idle_timeout_secs: self.idle_timeout_secs,
        }
    }
}
