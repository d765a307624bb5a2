//! What the simulated VCD holds: orgs, users with passwords, API tokens, and its timeouts. A JSON
//! scenario file sets them; the built-in demo scenario is what the app's demo profile uses.

use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The VCD release to simulate (see `vcdw sim --release`); a command-line flag overrides it.
    #[serde(default)]
    pub release: Option<String>,
    /// Idle minutes before a session expires; `--session-idle` overrides it in seconds.
    #[serde(default = "default_idle_seconds")]
    pub session_idle_seconds: u64,
    /// A provider may disable the legacy `POST /api/sessions` login (it then answers 401).
    #[serde(default = "yes")]
    pub legacy_login_enabled: bool,
    pub orgs: Vec<OrgSpec>,
}

fn default_idle_seconds() -> u64 {
    30 * 60
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OrgSpec {
    /// The org name users log in with (`user@name`); "System" is the provider org.
    pub name: String,
    #[serde(default)]
    pub full_name: Option<String>,
    /// The UUID in the org's href; made from the name when absent.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub users: Vec<UserSpec>,
    #[serde(default)]
    pub api_tokens: Vec<ApiTokenSpec>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    pub name: String,
    pub password: String,
    #[serde(default = "default_role")]
    pub role: String,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub locked: bool,
}

fn default_role() -> String {
    "Organization Administrator".into()
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ApiTokenSpec {
    pub name: String,
    /// The user the token acts as.
    pub user: String,
    pub token: String,
    #[serde(default)]
    pub revoked: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("cannot read the scenario file {path}: {reason}")]
    Read { path: String, reason: String },
    #[error("the scenario file {path} is not valid: {reason}")]
    Invalid { path: String, reason: String },
}

/// The demo world's sign-in details, shown on the demo profile (they are a simulator's, not secrets).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct DemoCredentials {
    pub org: String,
    pub user: String,
    pub password: String,
    pub api_token: String,
    pub provider_user: String,
    pub provider_password: String,
}

impl Scenario {
    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ScenarioError::Read {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        let scenario: Scenario =
            serde_json::from_str(&text).map_err(|e| ScenarioError::Invalid {
                path: shown.clone(),
                reason: e.to_string(),
            })?;
        scenario.check().map_err(|reason| ScenarioError::Invalid {
            path: shown,
            reason,
        })?;
        Ok(scenario)
    }

    fn check(&self) -> Result<(), String> {
        for org in &self.orgs {
            for token in &org.api_tokens {
                if !org.users.iter().any(|u| u.name == token.user) {
                    return Err(format!(
                        "API token '{}' of org '{}' names user '{}', who is not in that org",
                        token.name, org.name, token.user
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn org(&self, name: &str) -> Option<&OrgSpec> {
        // VCD org names are case-insensitive at login.
        self.orgs.iter().find(|o| o.name.eq_ignore_ascii_case(name))
    }

    /// The built-in world: the provider org System and two tenant orgs.
    pub fn demo() -> Scenario {
        let user = |name: &str, password: &str, role: &str| UserSpec {
            name: name.into(),
            password: password.into(),
            role: role.into(),
            enabled: true,
            locked: false,
        };
        Scenario {
            release: None,
            session_idle_seconds: default_idle_seconds(),
            legacy_login_enabled: true,
            orgs: vec![
                OrgSpec {
                    name: "System".into(),
                    full_name: Some("System Organization".into()),
                    id: None,
                    users: vec![user(
                        "administrator",
                        "demo-Provider-1",
                        "System Administrator",
                    )],
                    api_tokens: vec![ApiTokenSpec {
                        name: "provider-automation".into(),
                        user: "administrator".into(),
                        token: "demo-provider-token-0123456789abcdef".into(),
                        revoked: false,
                    }],
                },
                OrgSpec {
                    name: "acme".into(),
                    full_name: Some("ACME Corporation".into()),
                    id: None,
                    users: vec![
                        user("alice", "demo-Alice-1", "Organization Administrator"),
                        user("bob", "demo-Bob-1", "vApp User"),
                        UserSpec {
                            locked: true,
                            ..user("mallory", "demo-Mallory-1", "vApp User")
                        },
                        UserSpec {
                            enabled: false,
                            ..user("olivia", "demo-Olivia-1", "vApp User")
                        },
                    ],
                    api_tokens: vec![
                        ApiTokenSpec {
                            name: "alice-laptop".into(),
                            user: "alice".into(),
                            token: "demo-api-token-alice-0123456789abcdef".into(),
                            revoked: false,
                        },
                        ApiTokenSpec {
                            name: "alice-old".into(),
                            user: "alice".into(),
                            token: "demo-revoked-token-alice-fedcba9876543210".into(),
                            revoked: true,
                        },
                    ],
                },
                OrgSpec {
                    name: "globex".into(),
                    full_name: Some("Globex Inc.".into()),
                    id: None,
                    users: vec![user("carol", "demo-Carol-1", "Organization Administrator")],
                    api_tokens: vec![],
                },
            ],
        }
    }

    /// The demo scenario's sign-in details.
    pub fn demo_credentials() -> DemoCredentials {
        DemoCredentials {
            org: "acme".into(),
            user: "alice".into(),
            password: "demo-Alice-1".into(),
            api_token: "demo-api-token-alice-0123456789abcdef".into(),
            provider_user: "administrator".into(),
            provider_password: "demo-Provider-1".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_credentials_work_in_the_demo_scenario() {
        let s = Scenario::demo();
        let c = Scenario::demo_credentials();
        let org = s.org(&c.org).unwrap();
        assert!(org
            .users
            .iter()
            .any(|u| u.name == c.user && u.password == c.password));
        assert!(org
            .api_tokens
            .iter()
            .any(|t| t.token == c.api_token && !t.revoked));
        let system = s.org("system").unwrap();
        assert!(system
            .users
            .iter()
            .any(|u| u.name == c.provider_user && u.password == c.provider_password));
        assert!(s.check().is_ok());
    }

    #[test]
    fn a_bad_scenario_file_is_refused_with_its_reason() {
        let dir = std::env::temp_dir().join(format!("vcd-sim-scenario-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.json");
        std::fs::write(&path, r#"{"orgs": [{"name": "x", "users": [], "api_tokens": [{"name": "t", "user": "ghost", "token": "abc"}]}]}"#).unwrap();
        let err = Scenario::load(&path).unwrap_err().to_string();
        assert!(err.contains("names user 'ghost'"), "{err}");
        std::fs::write(&path, "{ not json").unwrap();
        let err = Scenario::load(&path).unwrap_err().to_string();
        assert!(err.contains("is not valid"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
