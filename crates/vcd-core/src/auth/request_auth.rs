//! How one request authenticates (the composer's Auth panel) and which secrets that brings along.

use crate::auth::SessionHeader;
use crate::secret::{Secret, MASK};
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

impl RequestAuth {
    /// What this puts on the wire, masked, as the Auth panel says it before anything is sent; the
    /// session travels as `session_header` says. Written beside the code that sends it.
    pub fn describe(&self, session_header: SessionHeader) -> String {
        let bearer = format!(
            "Authorization: Bearer {MASK} and {}: Bearer",
            vcd_api::TOKEN_TYPE_HEADER
        );
        let legacy = format!("{}: {MASK}", vcd_api::LEGACY_SESSION_HEADER);
        match self {
            RequestAuth::Inherit => match session_header {
                SessionHeader::Legacy => format!("{legacy} (the session's)"),
                SessionHeader::Bearer => format!("{bearer} (the session's)"),
            },
            RequestAuth::None => "No credentials.".into(),
            RequestAuth::Basic { user, org, .. } => format!(
                "Authorization: Basic {MASK} ({}@{}:password, base64)",
                or(user, "user"),
                or(org, "org")
            ),
            RequestAuth::Bearer { .. } => bearer,
            RequestAuth::Legacy { .. } => legacy,
            RequestAuth::ApiToken { org, .. } => format!(
                "Authorization: Bearer {MASK} — exchanged first at {} with the API token in the \
                 form body; that session is closed after the request.",
                vcd_api::token_path(or(org, "org"))
            ),
        }
    }
}

fn or<'a>(text: &'a str, instead: &'a str) -> &'a str {
    if text.trim().is_empty() {
        instead
    } else {
        text
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_names_the_headers_masked_and_never_a_secret() {
        let basic = RequestAuth::Basic {
            user: "alice".into(),
            org: "acme".into(),
            password: Secret::new("s3cret-Pw"),
        };
        let said = basic.describe(SessionHeader::Bearer);
        assert!(said.starts_with("Authorization: Basic ••••••••"), "{said}");
        assert!(
            said.contains("alice@acme") && !said.contains("s3cret-Pw"),
            "{said}"
        );
        let token = |org: &str| RequestAuth::ApiToken {
            org: org.into(),
            token: Secret::new("tok-1"),
        };
        let tenant = token("acme").describe(SessionHeader::Bearer);
        assert!(tenant.contains("/oauth/tenant/acme/token") && !tenant.contains("tok-1"));
        assert!(token("System")
            .describe(SessionHeader::Bearer)
            .contains("/oauth/provider/token"));
        let legacy = RequestAuth::Legacy {
            token: Secret::new("abc"),
        };
        assert_eq!(
            legacy.describe(SessionHeader::Bearer),
            "x-vcloud-authorization: ••••••••"
        );
        assert!(RequestAuth::Inherit
            .describe(SessionHeader::Bearer)
            .contains("x-vmware-vcloud-token-type: Bearer (the session's)"));
    }
}
