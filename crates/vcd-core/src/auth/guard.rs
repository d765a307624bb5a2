//! The one check every request passes before it leaves: no secret in its URL, and credentials only
//! to the profile's own origin (or the public address VCD itself announced at login).

use crate::auth::{auth_secrets, AuthKind, RequestAuth, SessionManager};
use crate::error::CoreError;
use crate::http::{check_no_secrets, normalize_base_url, origin, rebase, request_url, same_origin};
use url::Url;

impl SessionManager {
    /// Where a request for `path` (a path, or a full URL) goes, checked once for every way of
    /// sending: no secret in it (this profile's, the session's, or `auth`'s own), and credentials
    /// only to the profile's own origin. An href naming the public address VCD announced (its
    /// LoginUrl's host, when that differs) is reached by its path on the profile's address, as login
    /// does; any other origin is refused unless the request carries no credentials.
    pub(super) fn target(&self, path: &str, auth: &RequestAuth) -> Result<Url, CoreError> {
        let current = self.session();
        let base = match &current {
            Some(s) => s.base.clone(),
            None => normalize_base_url(&self.request.base_url)?,
        };
        let mut url = request_url(&base, path)?;
        let mut known = vec![(
            self.request.secret.expose(),
            match self.request.kind {
                AuthKind::ApiToken => "the API token",
                AuthKind::Password => "the password",
            },
        )];
        if let Some(s) = &current {
            known.push((s.bearer.expose(), "the session token"));
            if let Some(l) = &s.legacy_token {
                known.push((l.expose(), "the session token"));
            }
        }
        known.extend(auth_secrets(auth));
        check_no_secrets(&url, &known)?;
        if !same_origin(&url, &base) {
            let announced = current
                .as_ref()
                .filter(|s| s.login_host_differs)
                .and_then(|s| Url::parse(&s.login_url).ok());
            if announced.is_some_and(|a| same_origin(&a, &url)) {
                url = rebase(&base, &url);
            } else if !matches!(auth, RequestAuth::None) {
                return Err(CoreError::ForeignOrigin {
                    url: url.to_string(),
                    origin: origin(&base),
                });
            }
        }
        Ok(url)
    }
}
