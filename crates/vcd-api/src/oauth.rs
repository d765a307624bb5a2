//! Where an API token is exchanged for a session: VCD's OAuth token endpoints, and the System org
//! that picks the provider one.

/// The provider organization's name; VCD compares org names without regard to case.
pub const SYSTEM_ORG: &str = "System";

/// The first API version that takes API tokens (VCD 10.3.1).
pub const API_TOKEN_MIN_VERSION: &str = "36.1";

/// The VCD release [`API_TOKEN_MIN_VERSION`] came with.
pub const API_TOKEN_MIN_RELEASE: &str = "10.3.1";

/// The token endpoint for the System org (provider API tokens).
pub const PROVIDER_TOKEN_PATH: &str = "/oauth/provider/token";

pub fn is_system_org(org: &str) -> bool {
    org.trim().eq_ignore_ascii_case(SYSTEM_ORG)
}

/// The path an API token of `org` is exchanged at: `/oauth/tenant/{org}/token`, or the provider
/// endpoint for System.
pub fn token_path(org: &str) -> String {
    if is_system_org(org) {
        PROVIDER_TOKEN_PATH.to_string()
    } else {
        format!("/oauth/tenant/{}/token", org.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenants_and_the_provider_exchange_at_their_own_paths() {
        assert_eq!(token_path("acme"), "/oauth/tenant/acme/token");
        assert_eq!(token_path("system"), "/oauth/provider/token");
        assert_eq!(token_path(" System "), "/oauth/provider/token");
    }
}
