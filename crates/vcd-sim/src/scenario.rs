//! What the simulated VCD holds: orgs, users with passwords, API tokens, and its timeouts. A JSON or
//! YAML scenario file sets them; the built-in demo scenario is what the app's demo profile uses.

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
    /// The public address the provider configured: VCD builds `LoginUrl` and every href from it, so
    /// it may name another host than the one clients reach (`--public-url` overrides it).
    #[serde(default)]
    pub public_url: Option<String>,
    /// Ends a session after this many authenticated requests: a provider that cuts sessions short,
    /// for showing (and testing) how a client copes with a 401 right after logging in.
    #[serde(default)]
    pub session_max_requests: Option<u32>,
    /// How long each task runs before it ends, in milliseconds (`--task-ms` overrides it).
    #[serde(default = "default_task_ms")]
    pub task_ms: u64,
    /// Operation names (`vappDeploy`, `vdcDeleteVapp`, …) whose tasks end in error, for teaching
    /// and tests; `--fail-operation` adds to them.
    #[serde(default)]
    pub failing_operations: Vec<String>,
    pub orgs: Vec<OrgSpec>,
}

fn default_task_ms() -> u64 {
    3000
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
pub struct DemoCredentials {
    pub org: String,
    pub user: String,
    pub password: String,
    pub api_token: String,
    pub provider_user: String,
    pub provider_password: String,
}

/// A public address must be an absolute http(s) URL: clients build requests from it.
pub fn check_public_url(url: &str) -> Result<(), String> {
    if url.starts_with("http://") || url.starts_with("https://") {
        Ok(())
    } else {
        Err(format!(
            "public_url '{url}' must start with http:// or https://"
        ))
    }
}

impl Scenario {
    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ScenarioError::Read {
            path: shown.clone(),
            reason: e.to_string(),
        })?;
        let yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        let parsed = if yaml {
            serde_yaml::from_str::<Scenario>(&text).map_err(|e| e.to_string())
        } else {
            serde_json::from_str::<Scenario>(&text).map_err(|e| e.to_string())
        };
        let scenario = parsed.map_err(|reason| ScenarioError::Invalid {
            path: shown.clone(),
            reason,
        })?;
        scenario.check().map_err(|reason| ScenarioError::Invalid {
            path: shown,
            reason,
        })?;
        Ok(scenario)
    }

    fn check(&self) -> Result<(), String> {
        if let Some(url) = &self.public_url {
            check_public_url(url)?;
        }
        if self.session_max_requests == Some(0) {
            return Err("session_max_requests must be at least 1".into());
        }
        if let Some(unknown) = self
            .failing_operations
            .iter()
            .find(|o| !crate::OPERATIONS.contains(&o.as_str()))
        {
            return Err(format!(
                "failing_operations names '{unknown}', which is not an operation the simulator runs; it runs {}",
                crate::OPERATIONS.join(", ")
            ));
        }
        if self.task_ms > 3_600_000 {
            return Err(format!(
                "task_ms is {}: give a task duration of at most an hour (3600000 ms)",
                self.task_ms
            ));
        }
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
            public_url: None,
            session_max_requests: None,
            task_ms: default_task_ms(),
            failing_operations: Vec::new(),
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
        let yaml = dir.join("bad.yaml");
        std::fs::write(&yaml, "orgs:\n  - name: x\n    colour: red\n").unwrap();
        let err = Scenario::load(&yaml).unwrap_err().to_string();
        assert!(err.contains("unknown field `colour`"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_yaml_scenario_reads_like_the_json_one() {
        let dir = std::env::temp_dir().join(format!("vcd-sim-yaml-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("lab.yml");
        std::fs::write(
            &path,
            "release: \"10.4\"\nsession_idle_seconds: 90\npublic_url: https://vcd.lab.example\n\
             orgs:\n  - name: lab\n    users:\n      - name: tim\n        password: pw-Tim-1\n\
             \x20   api_tokens:\n      - name: ci\n        user: tim\n        token: lab-token-1\n",
        )
        .unwrap();
        let s = Scenario::load(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(s.release.as_deref(), Some("10.4"));
        assert_eq!(s.session_idle_seconds, 90);
        assert_eq!(s.public_url.as_deref(), Some("https://vcd.lab.example"));
        let lab = s.org("LAB").unwrap();
        assert_eq!(lab.users[0].role, "Organization Administrator");
        assert_eq!(lab.api_tokens[0].token, "lab-token-1");
        assert!(s.legacy_login_enabled);
    }
}
